package io.switchboard.server.routing;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.conversation.QueuedEntry;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.util.SwitchboardException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The live routing state shared by every node: each queue's waiting conversations and the load of
 * each agent. Assignment is atomic across nodes: no agent goes over capacity and no conversation is
 * handed out twice.
 *
 * <p>Every method is non-blocking. A stage fails with a {@link SwitchboardException} carrying
 * {@link ErrorCode#UNAVAILABLE} when the store cannot be reached in time. A blank queue id or one
 * containing a comma is a programming error and throws {@link IllegalArgumentException} at once.
 *
 * <p>Implementations are thread-safe.
 */
public interface RoutingStore {
  /** The highest priority; priorities outside 0..9 are clamped. */
  int MAX_PRIORITY = 9;

  /**
   * Puts a conversation into the queue, ordered by priority (higher first), then by
   * {@code enqueuedAt} (older first). A conversation already waiting keeps its place.
   *
   * @return completes with true when it was added, false when it was already waiting
   */
  default CompletionStage<Boolean> enqueue(
      String queueId, UUID conversationId, int priority, Instant enqueuedAt) {
    return enqueue(queueId, conversationId, priority, enqueuedAt, null);
  }

  /**
   * As {@link #enqueue(String, UUID, int, Instant)}, for a conversation in a language (a language
   * tag, or null): when the queue lists that language (primary subtag), only agents who speak it
   * are offered the conversation.
   */
  CompletionStage<Boolean> enqueue(
      String queueId, UUID conversationId, int priority, Instant enqueuedAt, String language);

  /**
   * Writes the queue's routing rules: the skills an agent needs to be offered its conversations,
   * and the languages it routes by. With {@code replace} false they are written only when Redis
   * has none for the queue (restoring them from PostgreSQL must not undo a newer change).
   *
   * @return completes with true when written
   */
  CompletionStage<Boolean> setRules(String queueId, SkillProfile rules, boolean replace);

  /**
   * Pairs waiting conversations with eligible online agents that have free capacity, least loaded
   * first, until no conversation or no such agent remains, or {@code maxAssignments} are made.
   * Eligible means holding every skill the queue requires and, when the queue lists the
   * conversation's language, speaking it. Agents whose presence expired are removed from the
   * queue on the way.
   *
   * Each pairing is written to the queue's claim journal in the same atomic step: settle it with
   * {@link #settle} once PostgreSQL has answered. A pairing never settled (the answer was lost)
   * stays in the journal for the reconciler ({@link #claims}).
   *
   * @return completes with the assignments made, in queue order; fails with
   *     {@link QueueRulesMissingException} (nothing assigned) when the queue's rules are not in
   *     the store, see {@link #setRules}
   */
  CompletionStage<List<Assignment>> assign(String queueId, int maxAssignments);

  /**
   * Settles claims of the queue's journal (see {@link Claim.Outcome}); claims no longer in the
   * journal are skipped. Completes with how many changed an agent's load.
   */
  CompletionStage<Integer> settle(String queueId, Map<String, Claim.Outcome> outcomes);

  /** The queue's journal entries claimed (or released) before {@code before}, oldest first. */
  CompletionStage<List<Claim>> claims(String queueId, Instant before);

  /**
   * Frees one unit of the agent's capacity (never below zero).
   *
   * @return completes with the agent's new load
   */
  CompletionStage<Integer> release(UUID agentId);

  /**
   * Notes that the agent is absent (offline) and returns since when, as first noted by any node.
   */
  CompletionStage<Instant> markAbsent(UUID agentId, Instant now, java.time.Duration keep);

  /**
   * The agent let the offer of this conversation time out: the assignment script will not offer
   * it to them again for {@code keep}. Completes with how many offers in a row the agent missed.
   */
  CompletionStage<Long> missedOffer(String queueId, UUID conversationId, UUID agentId,
      java.time.Duration keep);

  /**
   * Gives a waiting conversation a new priority; it keeps its enqueue time, so among equal
   * priorities the oldest still goes first. False when it is not waiting in the queue.
   */
  CompletionStage<Boolean> reprioritize(String queueId, UUID conversationId, int priority,
      Instant enqueuedAt);

  /** Sets the queue's strategy: round-robin when true, least-loaded (the default) when false. */
  CompletionStage<Void> setRoundRobin(String queueId, boolean roundRobin);

  /** Pauses (no assignments) or resumes a queue, on every node at once. */
  CompletionStage<Void> setPaused(String queueId, boolean paused);

  /** The agent accepted an offer: their run of missed offers ends. */
  CompletionStage<Void> clearMisses(UUID agentId);

  /** The agent is back (or was dealt with): forget the absence. */
  CompletionStage<Void> clearAbsent(UUID agentId);

  /**
   * Takes one unit of a specific agent's capacity for a conversation of the queue if the agent is
   * online with room (a transfer or direct assignment), and writes the claim to the queue's
   * journal; settle it with {@link #settle} once PostgreSQL has answered.
   *
   * @return completes with the claim id when claimed; empty when the agent is offline, away or full
   */
  CompletionStage<java.util.Optional<String>> claim(UUID agentId, String queueId,
      UUID conversationId);

  /**
   * Takes a conversation out of the queue, for example when it closed while waiting.
   *
   * @return completes with true when it was waiting
   */
  CompletionStage<Boolean> remove(String queueId, UUID conversationId);

  /** Completes with the conversation's 0-based place in the queue, or -1 when it is not waiting. */
  CompletionStage<Long> position(String queueId, UUID conversationId);

  /** Completes with the first {@code limit} waiting conversations, next in line first. */
  CompletionStage<List<UUID>> waiting(String queueId, int limit);

  /** Completes with the total capacity (chat slots) of the queue's online agents. */
  CompletionStage<Long> onlineCapacity(String queueId);

  /** Completes with how many conversations wait in the queue. */
  CompletionStage<Long> waitingCount(String queueId);

  /** Completes with how many conversations the agent holds (0 when unknown). */
  CompletionStage<Integer> load(UUID agentId);

  /**
   * Completes with the current epoch, creating a random one when there is none. When it differs
   * from the epoch this node saw before, Redis lost its data: call {@link #rebuild}.
   */
  CompletionStage<String> currentEpoch();

  /**
   * Restores the waiting queues and agent loads from PostgreSQL after Redis lost its data. Each
   * conversation goes back with its original place; each agent's load is set, and its score in the
   * queues it is a member of is updated. Running it twice is harmless.
   */
  CompletionStage<Void> rebuild(List<QueuedEntry> queued, Map<UUID, Integer> agentLoads);
}
