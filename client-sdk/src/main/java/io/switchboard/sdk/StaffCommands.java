package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;
import java.util.concurrent.CompletableFuture;

/**
 * The commands of agents, supervisors and admins beyond chatting: private notes, transfers, and a
 * supervisor's whisper and barge (PROTOCOL.md sections 4.10, 4.11, 4.15 and 4.16). Reached with
 * {@link ChatClient#staff()}. Each returns the reply future like every {@link ChatClient}
 * command: it fails with a {@link ChatException} carrying the server's error code ({@code
 * forbidden}, {@code conflict}, {@code conversation_closed}, ...), at once with {@code
 * unknown_type} when the server's feature level lacks the command, and throws
 * {@link IllegalArgumentException} for arguments the server would refuse as {@code
 * invalid_field}.
 *
 * <p>Thread-safe.
 */
public final class StaffCommands {
  private final ClientSession session;

  StaffCommands(ClientSession session) {
    this.session = session;
  }

  /**
   * Adds a private note (1-8000 characters) to a conversation; staff following it receive
   * {@code note}, the visitor never does. (Feature level 2.)
   */
  public CompletableFuture<ServerMessage.Ok> note(String conversationId, String text) {
    return session.request(new ClientMessage.Note(session.nextCommandId(), conversationId, text),
        ServerMessage.Ok.class, ProtocolFeature.NOTE);
  }

  /**
   * Hands a conversation to another agent (their user id), who must be online with free
   * capacity and eligible for its queue, else {@code conflict}. {@code note} (1-2000 characters,
   * or null) is for staff only. (Feature level 2; a waiting conversation: level 4, supervisors.)
   */
  public CompletableFuture<ServerMessage.Ok> transferToAgent(String conversationId,
      String agentId, String note) {
    requireText("agentId", agentId);
    return session.request(new ClientMessage.Transfer(session.nextCommandId(), conversationId,
        agentId, null, note), ServerMessage.Ok.class, ProtocolFeature.TRANSFER);
  }

  /**
   * Moves a conversation to another queue (its id), where it waits with its original enqueue
   * time. {@code note} (1-2000 characters, or null) is for staff only. (Feature level 2.)
   */
  public CompletableFuture<ServerMessage.Ok> transferToQueue(String conversationId,
      String queueId, String note) {
    requireText("queueId", queueId);
    return session.request(new ClientMessage.Transfer(session.nextCommandId(), conversationId,
        null, queueId, note), ServerMessage.Ok.class, ProtocolFeature.TRANSFER);
  }

  /**
   * Supervisor or admin: writes to the agent of a conversation of their team (1-8000
   * characters); staff following it receive {@code note} with kind {@code whisper}, the visitor
   * never does. (Feature level 6.)
   */
  public CompletableFuture<ServerMessage.Ok> whisper(String conversationId, String text) {
    return session.request(
        new ClientMessage.Whisper(session.nextCommandId(), conversationId, text),
        ServerMessage.Ok.class, ProtocolFeature.WHISPER);
  }

  /**
   * Supervisor or admin: joins a conversation of their team beside its agent; everyone
   * following it, the visitor included, receives {@code agent_joined}, and this client follows
   * it and may then send, type and read in it. (Feature level 6.)
   */
  public CompletableFuture<ServerMessage.Ok> barge(String conversationId) {
    return session.request(new ClientMessage.Barge(session.nextCommandId(), conversationId),
        ServerMessage.Ok.class, ProtocolFeature.BARGE);
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + ": required");
    }
  }
}
