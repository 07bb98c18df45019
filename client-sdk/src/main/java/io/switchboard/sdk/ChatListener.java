package io.switchboard.sdk;

import io.switchboard.protocol.ServerMessage;

/**
 * Receives what a {@link ChatClient} hears from the server. Every method has a no-op default, so
 * an implementation overrides only what it needs.
 *
 * <p>Each server message reaches {@link #onEvent} first and then, for events, the typed method of
 * its type ({@link #onMessage}, {@link #onAssigned}, ...). Override either style, not both for the
 * same type, or the message is handled twice. Feature levels in brackets say which server sends
 * the event at all.
 *
 * <p>A client calls its listener on its own event thread, one call at a time and in arrival order.
 * Implementations need not be thread-safe for one client, but must return quickly and must never
 * block waiting for a reply of the same client, since replies are handled on that thread.
 */
public interface ChatListener {
  /** A listener that ignores everything. */
  ChatListener NONE = new ChatListener() {};

  /**
   * A server message: every chat {@code message} in order and exactly once per conversation (the
   * client's own messages included), and every other event and reply as it arrives. Duplicate and
   * out-of-order chat messages are held back and never reach this method.
   *
   * <p>After an {@code error} with code {@code resume_gap} the client reloads that conversation
   * from its start, so its messages are delivered again from seq 1.
   */
  default void onEvent(ServerMessage event) {}

  /**
   * The connection state changed. {@code reason} says why when the change was caused by a failure
   * or a close (for example a close code), and is null otherwise.
   */
  default void onStateChange(ConnectionState state, String reason) {}

  /** {@code welcome}: the first frame of every connection, the server's feature level in it. */
  default void onWelcome(ServerMessage.Welcome welcome) {}

  /** {@code message}: a chat message, in seq order and exactly once per conversation. */
  default void onMessage(ServerMessage.Message message) {}

  /** {@code typing}: the other side started or stopped typing. */
  default void onTyping(ServerMessage.Typing typing) {}

  /** {@code queue}: a waiting visitor's place in the queue. */
  default void onQueuePosition(ServerMessage.QueuePosition position) {}

  /** {@code assigned}: a conversation was assigned to this agent. */
  default void onAssigned(ServerMessage.Assigned assigned) {}

  /** {@code agent_joined}: an agent accepted the visitor's conversation, or a supervisor barged. */
  default void onAgentJoined(ServerMessage.AgentJoined joined) {}

  /** {@code read}: the other side read up to a seq. */
  default void onRead(ServerMessage.ReadUpTo read) {}

  /** {@code closed}: the conversation was closed. */
  default void onClosed(ServerMessage.Closed closed) {}

  /** {@code error}: a command failed (its future fails too) or a frame could not be read. */
  default void onError(ServerMessage.Error error) {}

  /** {@code note}: a private note or a supervisor's whisper (staff only; level 2, kind 6). */
  default void onNote(ServerMessage.NoteAdded note) {}

  /** {@code transferred}: the conversation moved to another agent or queue (level 2). */
  default void onTransferred(ServerMessage.Transferred transferred) {}

  /** {@code unassigned}: a conversation is no longer this agent's (level 2). */
  default void onUnassigned(ServerMessage.Unassigned unassigned) {}

  /** {@code context}: the page the visitor is on (staff only; level 2). */
  default void onContext(ServerMessage.VisitorContext context) {}

  /** {@code rated}: the visitor rated the conversation (staff only; level 6). */
  default void onRated(ServerMessage.Rated rated) {}

  /** {@code ticket}: a ticket changed (level 7). */
  default void onTicket(ServerMessage.TicketChanged ticket) {}

  /** {@code sla}: an SLA clock of a ticket is at risk or breached (level 7). */
  default void onSla(ServerMessage.SlaAlert alert) {}

  /** {@code invite}: an invitation to chat, for a visitor (level 9). */
  default void onInvite(ServerMessage.Invite invite) {}
}
