package io.switchboard.sdk;

import io.switchboard.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's {@link ConversationCursor}s, one per conversation it has learned of, and the index
 * of resumes in flight by command id. It decides which chat messages reach the listener and which
 * conversations need a {@code resume}; the session sends the resumes.
 *
 * <p>Not thread-safe, except {@link #lastSeq(String)} and {@link #conversationIds()}, which read a
 * concurrent snapshot and may be called from any thread.
 */
final class DeliveryTracker {
  private final Map<String, ConversationCursor> cursors = new LinkedHashMap<>();
  private final Map<String, ConversationCursor> resumesInFlight = new HashMap<>();
  private final Map<String, Long> published = new ConcurrentHashMap<>();

  /** The cursor of a conversation, created at seq 0 the first time the client hears of it. */
  ConversationCursor track(String conversationId) {
    return cursors.computeIfAbsent(conversationId, id -> {
      published.put(id, 0L);
      return new ConversationCursor(id);
    });
  }

  /** A conversation named by the server, which holds its messages up to {@code serverLastSeq}. */
  void learn(String conversationId, long serverLastSeq) {
    track(conversationId).serverHolds(serverLastSeq);
  }

  /**
   * A conversation this client just joined (started, or was assigned): learn it and resume it,
   * which fetches what it already holds and subscribes this connection to what follows.
   */
  void follow(String conversationId, long serverLastSeq) {
    ConversationCursor cursor = track(conversationId);
    cursor.serverHolds(serverLastSeq);
    cursor.requestResume();
  }

  /** Classifies a chat message; only {@link ConversationCursor.Arrival#DELIVER} is passed on. */
  ConversationCursor.Arrival offer(ServerMessage.Message message) {
    ConversationCursor cursor = track(message.conversationId());
    ConversationCursor.Arrival arrival = cursor.offer(message.seq());
    publish(cursor);
    return arrival;
  }

  void closed(ServerMessage.Closed closed) {
    track(closed.conversationId()).closedAt(closed.lastSeq());
  }

  /** Asks every conversation that can still receive messages to resume, e.g. after reconnect. */
  void requestResumeOfAll() {
    for (ConversationCursor cursor : cursors.values()) {
      cursor.requestResume();
    }
  }

  /** The cursors that should send a resume now, in the order the client learned of them. */
  List<ConversationCursor> dueForResume() {
    List<ConversationCursor> due = new ArrayList<>();
    for (ConversationCursor cursor : cursors.values()) {
      if (cursor.dueForResume()) {
        due.add(cursor);
      }
    }
    return due;
  }

  void resumeSent(ConversationCursor cursor, String commandId) {
    cursor.resumeSent(commandId);
    resumesInFlight.put(commandId, cursor);
  }

  /** Removes and returns the cursor whose resume has this command id, or null. */
  ConversationCursor takeResume(String commandId) {
    return commandId == null ? null : resumesInFlight.remove(commandId);
  }

  /** Reloads a conversation from seq 0 after {@code resume_gap}. */
  void reload(ConversationCursor cursor) {
    cursor.reload();
    publish(cursor);
  }

  /** The connection is gone: every resume in flight is lost. */
  void connectionLost() {
    resumesInFlight.clear();
    for (ConversationCursor cursor : cursors.values()) {
      cursor.connectionLost();
    }
  }

  /** Highest contiguous seq delivered in a conversation; 0 when unknown. Thread-safe. */
  long lastSeq(String conversationId) {
    return published.getOrDefault(conversationId, 0L);
  }

  /** The conversations the client tracks. Thread-safe snapshot. */
  Set<String> conversationIds() {
    return Set.copyOf(published.keySet());
  }

  private void publish(ConversationCursor cursor) {
    published.put(cursor.conversationId(), cursor.lastSeq());
  }
}
