package io.switchboard.server.auth.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;

/**
 * What the host page passes to prove who its visitor is: either a JWT ({@code token}), or the
 * user's id, email and name with their HMAC-SHA256 {@code signature} (lower-case hex) over
 * {@code userId + "\n" + email + "\n" + name}, an absent email or name counting as empty.
 *
 * <p>Immutable and thread-safe.
 */
public record IdentityProof(String token, String userId, String email, String name,
    String signature) {

  /** A JWT proof. */
  public static IdentityProof jwt(String token) {
    return new IdentityProof(token, null, null, null, null);
  }

  /** An HMAC proof. */
  public static IdentityProof signed(String userId, String email, String name, String signature) {
    return new IdentityProof(null, userId, email, name, signature);
  }

  /**
   * The proof in a request body's {@code identity} field: {@code {"token": JWT}} or {@code
   * {"userId", "email"?, "name"?, "signature"}}; null when the field is absent or null.
   * {@code INVALID_FIELD} naming the field for any other shape.
   */
  public static IdentityProof parse(JsonNode identity) {
    if (identity == null || identity.isNull()) {
      return null;
    }
    if (!identity.isObject()) {
      throw invalid("identity: must be an object");
    }
    String token = text(identity, "token", 8192);
    if (token != null) {
      return jwt(token);
    }
    String userId = text(identity, "userId", 128);
    String signature = text(identity, "signature", 128);
    if (userId == null || signature == null) {
      throw invalid("identity: needs token, or userId and signature");
    }
    return signed(userId, text(identity, "email", 254), text(identity, "name", 120), signature);
  }

  private static String text(JsonNode object, String field, int max) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().length() > max) {
      throw invalid("identity." + field + ": must be a string of at most " + max + " characters");
    }
    return node.asText().isBlank() ? null : node.asText();
  }

  private static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }

  /** The text an HMAC signature covers. */
  public String signedText() {
    return userId + "\n" + (email == null ? "" : email) + "\n" + (name == null ? "" : name);
  }
}
