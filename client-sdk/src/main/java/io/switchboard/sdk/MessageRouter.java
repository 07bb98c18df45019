package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import java.util.function.Consumer;

/**
 * Handles each message that arrives on a welcomed (or welcoming) connection: completes futures
 * from replies, filters chat messages through the {@link DeliveryTracker}, and keeps the outbox
 * and the resumes moving. Writes the {@link Outbox} one entry per conversation at a time, and
 * sends at most one {@code resume} per conversation at a time.
 *
 * <p>Not thread-safe: used on the client's event thread only.
 */
final class MessageRouter {
  private final SessionContext context;
  private final Consumer<ServerMessage.Welcome> onWelcome;

  MessageRouter(SessionContext context, Consumer<ServerMessage.Welcome> onWelcome) {
    this.context = context;
    this.onWelcome = onWelcome;
  }

  void route(ServerMessage message) {
    switch (message) {
      case ServerMessage.Welcome welcome -> welcome(welcome);
      case ServerMessage.Message chat -> chat(chat);
      case ServerMessage.Ack ack -> ack(ack);
      case ServerMessage.Resumed resumed -> resumed(resumed);
      case ServerMessage.Error error -> error(error);
      case ServerMessage.Started started -> {
        context.delivery().follow(started.conversationId(), started.lastSeq());
        reply(started.id(), started);
        pumpResumes();
      }
      case ServerMessage.Ok ok -> reply(ok.id(), ok);
      case ServerMessage.Pong pong -> reply(pong.id(), pong);
      case ServerMessage.Assigned assigned -> {
        context.delivery().follow(assigned.conversationId(), assigned.lastSeq());
        context.notifyListener(assigned);
        pumpResumes();
      }
      case ServerMessage.AgentJoined joined -> {
        context.delivery().track(joined.conversationId());
        context.notifyListener(joined);
      }
      case ServerMessage.Closed closed -> {
        context.delivery().closed(closed);
        context.notifyListener(closed);
        pumpResumes();
      }
      default -> context.notifyListener(message);
    }
  }

  /** Writes the outbox entries that may go now; does nothing until welcomed. */
  void pumpOutbox() {
    if (!context.welcomed()) {
      return;
    }
    Outbox outbox = context.outbox();
    for (Outbox.Entry entry : outbox.sendable()) {
      String commandId = context.nextCommandId();
      if (outbox.markWritten(entry, commandId)) {
        context.log().sent(entry.conversationId, entry.clientMsgId);
      }
      entry.timer(context.schedule(() -> {
        if (outbox.contains(entry) && commandId.equals(entry.commandId())) {
          retryLater(entry);
        }
      }, context.settings().requestTimeout()));
      context.write(new ClientMessage.Send(
          commandId, entry.conversationId, entry.clientMsgId, entry.text, entry.attachments));
    }
  }

  /** Sends a resume for each conversation that needs one now; does nothing until welcomed. */
  void pumpResumes() {
    if (!context.welcomed()) {
      return;
    }
    for (ConversationCursor cursor : context.delivery().dueForResume()) {
      String commandId = context.nextCommandId();
      context.delivery().resumeSent(cursor, commandId);
      context.schedule(() -> {
        if (commandId.equals(cursor.resumeCommandId())) {
          context.delivery().takeResume(commandId);
          cursor.resumeFailed();
          holdResume(cursor);
        }
      }, context.settings().requestTimeout());
      context.write(new ClientMessage.Resume(commandId, cursor.conversationId(), cursor.lastSeq()));
    }
  }

  private void welcome(ServerMessage.Welcome welcome) {
    if (context.welcomed()) {
      context.notifyListener(welcome);
      return;
    }
    context.markWelcomed(welcome.featureLevel());
    DeliveryTracker delivery = context.delivery();
    for (ServerMessage.ConversationState conversation : welcome.conversations()) {
      delivery.learn(conversation.conversationId(), conversation.lastSeq());
    }
    delivery.requestResumeOfAll();
    onWelcome.accept(welcome);
    context.notifyListener(welcome);
    pumpResumes();
    pumpOutbox();
  }

  private void chat(ServerMessage.Message message) {
    switch (context.delivery().offer(message)) {
      case DELIVER -> {
        context.log().received(message.conversationId(), message.seq(), message.clientMsgId());
        context.notifyListener(message);
      }
      case GAP -> pumpResumes();
      case DUPLICATE -> { }
    }
  }

  private void ack(ServerMessage.Ack ack) {
    context.delivery().track(ack.conversationId());
    Outbox outbox = context.outbox();
    if (outbox.isPending(ack.conversationId(), ack.clientMsgId())) {
      context.log().acked(ack.conversationId(), ack.clientMsgId(), ack.seq());
    }
    context.notifyListener(ack);
    outbox.acknowledge(ack);
    pumpOutbox();
  }

  private void resumed(ServerMessage.Resumed resumed) {
    ConversationCursor cursor = context.delivery().takeResume(resumed.id());
    context.notifyListener(resumed);
    context.resumedArrived(resumed);
    if (cursor != null && !cursor.resumeAnswered(
        resumed.lastSeq(), resumed.more(), "closed".equals(resumed.status()))) {
      holdResume(cursor);
    }
    pumpResumes();
  }

  private void error(ServerMessage.Error error) {
    context.notifyListener(error);
    String commandId = error.id();
    if (commandId == null) {
      return;
    }
    Outbox.Entry entry = context.outbox().forCommand(commandId);
    ConversationCursor resuming = context.delivery().takeResume(commandId);
    if (entry != null) {
      if (error.temporary()) {
        retryLater(entry);
      } else {
        context.outbox().failedPermanently(entry, ChatException.of(error));
        pumpOutbox();
      }
    } else if (resuming != null) {
      resumeRefused(resuming, error);
      pumpResumes();
    } else {
      context.requests().resolve(commandId, error);
    }
  }

  private void resumeRefused(ConversationCursor cursor, ServerMessage.Error error) {
    if (error.code() == ErrorCode.RESUME_GAP) {
      context.delivery().reload(cursor);
    } else if (error.temporary()) {
      cursor.resumeFailed();
    } else {
      cursor.abandon();
      context.resumeRefused(cursor.conversationId(), ChatException.of(error));
    }
    holdResume(cursor);
  }

  private void reply(String commandId, ServerMessage reply) {
    context.notifyListener(reply);
    context.requests().resolve(commandId, reply);
  }

  /** Keeps the entry, and writes it again after a backoff that grows with each failure. */
  private void retryLater(Outbox.Entry entry) {
    Outbox outbox = context.outbox();
    outbox.failedTemporarily(entry);
    entry.timer(context.schedule(() -> {
      if (outbox.contains(entry)) {
        outbox.retryNow(entry);
        pumpOutbox();
      }
    }, context.settings().backoff().delay(entry.temporaryFailures() - 1)));
  }

  /** After a resume that failed or made no progress, waits a backoff before the next one. */
  private void holdResume(ConversationCursor cursor) {
    if (cursor.fruitlessResumes() == 0 || cursor.finished()) {
      return;
    }
    cursor.delayResume();
    int generation = context.generation();
    context.schedule(() -> {
      if (generation == context.generation()) {
        cursor.resumeDelayOver();
        pumpResumes();
      }
    }, context.settings().backoff().delay(cursor.fruitlessResumes() - 1));
  }
}
