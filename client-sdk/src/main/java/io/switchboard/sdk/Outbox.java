package io.switchboard.sdk;

import io.switchboard.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The chat messages a client has sent and the server has not yet acknowledged, in the order they
 * were sent. An entry leaves the outbox on its first {@code ack} (its future completes with it) or
 * on a permanent error (its future fails); a temporary error or a lost connection keeps it, and it
 * is sent again later with the same {@code clientMsgId}, which the server deduplicates.
 *
 * <p>Per conversation, only the oldest entry is in flight at a time: a later message is sent once
 * the earlier one is stored, so a temporary failure of one message can never let the next one
 * overtake it. Different conversations proceed independently.
 *
 * <p>Not thread-safe: a client uses its outbox on its event thread only.
 */
final class Outbox {
  /** One unacknowledged message. */
  static final class Entry {
    final String conversationId;
    final String clientMsgId;
    final String text;
    /** Ids of uploaded attachments the message carries (feature level 8); may be empty. */
    final java.util.List<String> attachments;
    final CompletableFuture<ServerMessage.Ack> result;
    private String commandId;
    private boolean waiting;
    private boolean written;
    private int temporaryFailures;
    private ScheduledFuture<?> timer;

    private Entry(String conversationId, String clientMsgId, String text,
        java.util.List<String> attachments, CompletableFuture<ServerMessage.Ack> result) {
      this.conversationId = conversationId;
      this.clientMsgId = clientMsgId;
      this.text = text;
      this.attachments = java.util.List.copyOf(attachments);
      this.result = result;
    }

    /** The id of the {@code send} command in flight for this entry, or null. */
    String commandId() {
      return commandId;
    }

    /** True while the entry waits out a backoff before its next attempt. */
    boolean waiting() {
      return waiting;
    }

    int temporaryFailures() {
      return temporaryFailures;
    }

    /** The pending ack timeout or retry timer; cancelled when the entry leaves or is reset. */
    void timer(ScheduledFuture<?> timer) {
      cancelTimer();
      this.timer = timer;
    }

    private void cancelTimer() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }

  private record Key(String conversationId, String clientMsgId) {}

  private final Map<Key, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Entry> byCommandId = new HashMap<>();

  /**
   * Appends a message, or returns the entry already pending under the same conversation and
   * {@code clientMsgId}, whose outcome {@code result} then mirrors.
   */
  Entry add(String conversationId, String clientMsgId, String text,
      CompletableFuture<ServerMessage.Ack> result) {
    return add(conversationId, clientMsgId, text, java.util.List.of(), result);
  }

  /** The same, for a message that carries uploaded {@code attachments} (their ids). */
  Entry add(String conversationId, String clientMsgId, String text,
      java.util.List<String> attachments, CompletableFuture<ServerMessage.Ack> result) {
    Entry entry = entries.computeIfAbsent(new Key(conversationId, clientMsgId),
        key -> new Entry(conversationId, clientMsgId, text, attachments, result));
    if (entry.result != result) {
      entry.result.whenComplete((ack, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(ack);
        }
      });
    }
    return entry;
  }

  /**
   * The entries to write now: for each conversation, its oldest entry when that one is neither in
   * flight nor waiting out a backoff. Returned in outbox order.
   */
  List<Entry> sendable() {
    List<Entry> ready = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Entry entry : entries.values()) {
      if (seen.add(entry.conversationId) && entry.commandId == null && !entry.waiting) {
        ready.add(entry);
      }
    }
    return ready;
  }

  /** The entry was written under {@code commandId}. Returns true on its first write. */
  boolean markWritten(Entry entry, String commandId) {
    if (entry.commandId != null) {
      byCommandId.remove(entry.commandId);
    }
    entry.commandId = commandId;
    byCommandId.put(commandId, entry);
    boolean first = !entry.written;
    entry.written = true;
    return first;
  }

  /** The entry whose current attempt has this command id, or null. */
  Entry forCommand(String commandId) {
    return byCommandId.get(commandId);
  }

  /**
   * Completes and removes the entry this ack is for, matched by conversation and clientMsgId so
   * that a late ack of an earlier attempt counts too. Returns null when no entry matches, e.g. for
   * a second ack of a message already acknowledged.
   */
  Entry acknowledge(ServerMessage.Ack ack) {
    Entry entry = remove(new Key(ack.conversationId(), ack.clientMsgId()));
    if (entry != null) {
      entry.result.complete(ack);
    }
    return entry;
  }

  /** The current attempt failed temporarily or timed out: keep the entry, retry after backoff. */
  void failedTemporarily(Entry entry) {
    forgetAttempt(entry);
    entry.waiting = true;
    entry.temporaryFailures++;
  }

  /** The backoff is over: the entry may be written again. */
  void retryNow(Entry entry) {
    entry.waiting = false;
  }

  /** The message can never be stored: remove the entry and fail its future. */
  void failedPermanently(Entry entry, ChatException cause) {
    if (remove(new Key(entry.conversationId, entry.clientMsgId)) != null) {
      entry.result.completeExceptionally(cause);
    }
  }

  /** True while a message with this conversation and clientMsgId awaits its ack. */
  boolean isPending(String conversationId, String clientMsgId) {
    return entries.containsKey(new Key(conversationId, clientMsgId));
  }

  /** True while the entry is still in the outbox. */
  boolean contains(Entry entry) {
    return entries.get(new Key(entry.conversationId, entry.clientMsgId)) == entry;
  }

  /** The connection is gone: every entry is written again, at once, on the next connection. */
  void connectionLost() {
    for (Entry entry : entries.values()) {
      forgetAttempt(entry);
      entry.waiting = false;
    }
  }

  /** The client is closing for good: fail every entry. */
  void failAll(ChatException cause) {
    List<Entry> all = new ArrayList<>(entries.values());
    for (Entry entry : all) {
      failedPermanently(entry, cause);
    }
  }

  int size() {
    return entries.size();
  }

  private Entry remove(Key key) {
    Entry entry = entries.remove(key);
    if (entry != null) {
      forgetAttempt(entry);
    }
    return entry;
  }

  private void forgetAttempt(Entry entry) {
    entry.cancelTimer();
    if (entry.commandId != null) {
      byCommandId.remove(entry.commandId);
      entry.commandId = null;
    }
  }
}
