package io.switchboard.checker;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What PostgreSQL holds for the conversations of a run: each transcript as stored (rows in
 * {@code seq} order, duplicates and gaps included, if the database ever let any in), each
 * conversation's {@code last_seq}, the assignment history, and the capacity of every agent named
 * in it.
 *
 * <p>Immutable and thread-safe.
 */
public record StoredHistory(
    Map<UUID, List<StoredMessage>> transcripts,
    Map<UUID, Long> lastSeqs,
    List<AssignmentEvent> events,
    Map<UUID, Integer> capacities) {

  public StoredHistory {
    transcripts = Map.copyOf(transcripts);
    lastSeqs = Map.copyOf(lastSeqs);
    events = List.copyOf(events);
    capacities = Map.copyOf(capacities);
  }

  /** One stored chat message. */
  public record StoredMessage(long seq, String clientMsgId) {}

  /**
   * One row of {@code conversation_events}, reduced to what assignment needs: the agent an
   * {@code assigned} event names, or the agent a {@code transferred} event hands to (null for a
   * transfer to a queue). Ordered by id, which follows commit order for causally related events.
   */
  public record AssignmentEvent(long id, UUID conversationId, String kind, UUID agentId) {}

  public List<StoredMessage> transcript(UUID conversationId) {
    return transcripts.getOrDefault(conversationId, List.of());
  }
}
