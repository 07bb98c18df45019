package io.switchboard.checker;

import io.switchboard.sdk.ClientLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the {@link ClientLog}s of many SDK clients in memory: give each client its own
 * {@link #log(String)} (by a unique name), run the scenario, then take {@link #history()} and
 * check it with {@link HistoryChecker}.
 *
 * <p>Thread-safe. Each client's log appends to a list of its own under that list's lock, which is
 * uncontended because one client reports on one event thread; a snapshot may be taken at any time.
 */
public final class HistoryRecorder {
  private final Map<String, List<ClientEvent>> byClient = new ConcurrentHashMap<>();

  /** The log for the client named {@code client}; names must be unique within a recorder. */
  public ClientLog log(String client) {
    List<ClientEvent> events = new ArrayList<>();
    if (byClient.putIfAbsent(client, events) != null) {
      throw new IllegalArgumentException("client name already used: " + client);
    }
    return new ClientLog() {
      @Override
      public void sent(String conversationId, String clientMsgId) {
        add(ClientEvent.Kind.SENT, conversationId, clientMsgId, 0);
      }

      @Override
      public void acked(String conversationId, String clientMsgId, long seq) {
        add(ClientEvent.Kind.ACKED, conversationId, clientMsgId, seq);
      }

      @Override
      public void received(String conversationId, long seq, String clientMsgId) {
        add(ClientEvent.Kind.RECEIVED, conversationId, clientMsgId, seq);
      }

      private void add(ClientEvent.Kind kind, String conversationId, String clientMsgId, long seq) {
        ClientEvent event =
            new ClientEvent(kind, client, conversationId, clientMsgId, seq, System.nanoTime());
        synchronized (events) {
          events.add(event);
        }
      }
    };
  }

  /** A snapshot of everything recorded so far, per client in the order it happened. */
  public ClientHistory history() {
    List<ClientEvent> all = new ArrayList<>();
    byClient.values().forEach(events -> {
      synchronized (events) {
        all.addAll(events);
      }
    });
    return new ClientHistory(all);
  }
}
