package io.switchboard.sdk;

import io.switchboard.protocol.ServerMessage;

/**
 * The one place that hands a server message to the typed method of a {@link ChatListener} that
 * matches its type. The switch covers every {@link ServerMessage} variant, so a new event type in
 * the protocol module does not compile until it is dispatched here too. Replies that complete a
 * command's future ({@code started}, {@code ack}, {@code ok}, {@code resumed}, {@code pong})
 * reach only {@link ChatListener#onEvent}.
 *
 * <p>Thread-safe: stateless.
 */
final class EventDispatch {
  private EventDispatch() {}

  static void dispatch(ChatListener listener, ServerMessage message) {
    switch (message) {
      case ServerMessage.Welcome welcome -> listener.onWelcome(welcome);
      case ServerMessage.Message chat -> listener.onMessage(chat);
      case ServerMessage.Typing typing -> listener.onTyping(typing);
      case ServerMessage.QueuePosition position -> listener.onQueuePosition(position);
      case ServerMessage.Assigned assigned -> listener.onAssigned(assigned);
      case ServerMessage.AgentJoined joined -> listener.onAgentJoined(joined);
      case ServerMessage.ReadUpTo read -> listener.onRead(read);
      case ServerMessage.Closed closed -> listener.onClosed(closed);
      case ServerMessage.Error error -> listener.onError(error);
      case ServerMessage.NoteAdded note -> listener.onNote(note);
      case ServerMessage.Transferred transferred -> listener.onTransferred(transferred);
      case ServerMessage.Unassigned unassigned -> listener.onUnassigned(unassigned);
      case ServerMessage.VisitorContext context -> listener.onContext(context);
      case ServerMessage.Rated rated -> listener.onRated(rated);
      case ServerMessage.TicketChanged ticket -> listener.onTicket(ticket);
      case ServerMessage.SlaAlert alert -> listener.onSla(alert);
      case ServerMessage.Invite invite -> listener.onInvite(invite);
      case ServerMessage.Started started -> { }
      case ServerMessage.Ack ack -> { }
      case ServerMessage.Ok ok -> { }
      case ServerMessage.Resumed resumed -> { }
      case ServerMessage.Pong pong -> { }
    }
  }
}
