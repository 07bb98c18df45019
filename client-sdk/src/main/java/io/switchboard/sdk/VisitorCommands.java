package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The commands of a visitor beyond chatting: rating a closed conversation, telling staff the
 * page the visitor is on, and filling in the contact record (PROTOCOL.md sections 4.12 to 4.14).
 * Reached with {@link ChatClient#visitor()}. Each returns the reply future like every
 * {@link ChatClient} command: it fails with a {@link ChatException} carrying the server's error
 * code, at once with {@code unknown_type} when the server's feature level lacks the command, and
 * throws {@link IllegalArgumentException} for arguments the server would refuse as {@code
 * invalid_field}.
 *
 * <p>Thread-safe.
 */
public final class VisitorCommands {
  /** The server's pre-chat email rule. */
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  /** The server's pre-chat phone rule: 5 to 32 digits, spaces and {@code + - ( )}. */
  private static final Pattern PHONE = Pattern.compile("^[0-9 +()\\-]{5,32}$");

  private final ClientSession session;

  VisitorCommands(ClientSession session) {
    this.session = session;
  }

  /**
   * Rates the visitor's own closed conversation from 1 to 5 with an optional comment (1-2000
   * characters, or null); a second rating replaces the first, and staff following it receive
   * {@code rated}. An open conversation gives {@code conflict}. (Feature level 2.)
   */
  public CompletableFuture<ServerMessage.Ok> rate(String conversationId, int score,
      String comment) {
    return session.request(
        new ClientMessage.Rate(session.nextCommandId(), conversationId, score, comment),
        ServerMessage.Ok.class, ProtocolFeature.RATE);
  }

  /**
   * Tells staff the page the visitor is on ({@code url} 1-2048 characters, required) and their
   * browser; every other argument may be null. Stored on the contact; staff following the open
   * conversation receive {@code context}. (Feature level 2.)
   */
  public CompletableFuture<ServerMessage.Ok> context(String url, String title, String userAgent,
      String language, String timeZone) {
    return session.request(new ClientMessage.Context(session.nextCommandId(), url, title,
        userAgent, language, timeZone), ServerMessage.Ok.class, ProtocolFeature.CONTEXT);
  }

  /**
   * Sets the name (1-100 characters), email or phone of the visitor's contact record; null
   * leaves a field as it is. (Feature level 2.)
   */
  public CompletableFuture<ServerMessage.Ok> profile(String name, String email, String phone) {
    if (name != null && name.strip().isEmpty()) {
      throw new IllegalArgumentException("name: 1 to 100 characters");
    }
    if (email != null && (email.strip().length() > 254 || !EMAIL.matcher(email.strip()).matches())) {
      throw new IllegalArgumentException("email: must be an email address");
    }
    if (phone != null && !phone.isBlank() && !PHONE.matcher(phone.strip()).matches()) {
      throw new IllegalArgumentException("phone: 5 to 32 digits, spaces and + - ( )");
    }
    return session.request(new ClientMessage.Profile(session.nextCommandId(), name, email, phone),
        ServerMessage.Ok.class, ProtocolFeature.PROFILE);
  }
}
