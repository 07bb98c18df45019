package io.switchboard.sdk;

import static org.assertj.core.api.Assertions.fail;

import io.switchboard.protocol.ServerMessage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChatListener} and {@link ClientLog} that records everything for assertions.
 *
 * <p>Thread-safe.
 */
final class RecordingListener implements ChatListener, ClientLog {
  final BlockingQueue<ServerMessage.Message> messages = new LinkedBlockingQueue<>();
  final List<ServerMessage> events = new CopyOnWriteArrayList<>();
  final BlockingQueue<String> states = new LinkedBlockingQueue<>();
  final List<String> log = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(ServerMessage event) {
    events.add(event);
    if (event instanceof ServerMessage.Message message) {
      messages.add(message);
    }
  }

  @Override
  public void onStateChange(ConnectionState state, String reason) {
    states.add(reason == null ? state.name() : state + ": " + reason);
  }

  @Override
  public void sent(String conversationId, String clientMsgId) {
    log.add("sent " + conversationId + " " + clientMsgId);
  }

  @Override
  public void acked(String conversationId, String clientMsgId, long seq) {
    log.add("acked " + conversationId + " " + clientMsgId + " " + seq);
  }

  @Override
  public void received(String conversationId, long seq, String clientMsgId) {
    log.add("received " + conversationId + " " + seq + " " + clientMsgId);
  }

  /** The seq of the next message delivered to the listener. */
  long nextSeq() throws InterruptedException {
    ServerMessage.Message message = messages.poll(5, TimeUnit.SECONDS);
    if (message == null) {
      fail("no message delivered");
    }
    return message.seq();
  }

  /** The next state change, as "STATE" or "STATE: reason". */
  String nextState() throws InterruptedException {
    String state = states.poll(5, TimeUnit.SECONDS);
    if (state == null) {
      fail("no state change");
    }
    return state;
  }
}
