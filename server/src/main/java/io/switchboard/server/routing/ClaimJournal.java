package io.switchboard.server.routing;

import io.switchboard.server.store.conversation.ClaimRecords;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the claims of the routing journal against PostgreSQL. Every time Redis takes an agent's
 * capacity for a conversation (the assignment script, a transfer) it journals the claim; the node
 * that made it settles it once PostgreSQL answered. A claim whose answer was lost (the script's
 * reply timed out, the node died, PostgreSQL failed) is found here: when PostgreSQL recorded it,
 * the capacity stays taken; when not, it is given back and the claim kept as released for
 * {@link #KEEP_RELEASED}, so that an assignment recorded late after all takes the capacity again.
 *
 * <p>Thread-safe: stateless apart from its collaborators.
 */
public final class ClaimJournal {
  /** How long a released claim is kept in case PostgreSQL records its assignment after all. */
  static final Duration KEEP_RELEASED = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(ClaimJournal.class);

  private final RoutingStore routing;
  private final ClaimRecords records;
  private final BlockingExecutor store;
  private final Clock clock;
  private final Duration timeout;

  /**
   * @param timeout how long a claim may stay unsettled before {@link #checkStale} checks it: longer
   *     than the node's own PostgreSQL statement normally takes
   */
  public ClaimJournal(RoutingStore routing, ClaimRecords records, BlockingExecutor store,
      Clock clock, Duration timeout) {
    this.routing = routing;
    this.records = records;
    this.store = store;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Settles claims whose outcome this node knows (PostgreSQL answered). */
  CompletionStage<Integer> settle(String queueId, Map<String, Claim.Outcome> outcomes) {
    return routing.settle(queueId, outcomes);
  }

  /**
   * Settles one claim after its PostgreSQL statement: recorded or refused when it answered
   * ({@code error} null), or checked against PostgreSQL when it failed (it may have committed).
   * A failure to settle is logged; the claim then waits for the reconciler.
   */
  public void settleAfter(String queueId, String claimId, java.util.UUID conversationId,
      java.util.UUID agentId, boolean recorded, Throwable error) {
    CompletionStage<Integer> settled = error == null
        ? routing.settle(queueId, Map.of(claimId,
            recorded ? Claim.Outcome.RECORDED : Claim.Outcome.REFUSED))
        : verify(queueId, List.of(new Claim(claimId, queueId, conversationId, agentId, false,
            clock.instant())), clock.instant());
    settled.handle((changed, failure) -> logFailure(queueId, failure));
  }

  /**
   * Checks the queue's claims older than the timeout against PostgreSQL and settles them.
   * Completes with how many changed an agent's load.
   */
  public CompletionStage<Integer> checkStale(String queueId) {
    Instant now = clock.instant();
    return routing.claims(queueId, now.minus(timeout))
        .thenCompose(claims -> verify(queueId, claims, now));
  }

  /**
   * Asks PostgreSQL which of the claims it recorded, and settles each: recorded, or lost when
   * still claimed, or forgotten when released longer than {@link #KEEP_RELEASED} ago.
   */
  CompletionStage<Integer> verify(String queueId, List<Claim> claims, Instant now) {
    if (claims.isEmpty()) {
      return CompletableFuture.completedStage(0);
    }
    List<ClaimRecords.Ref> refs = claims.stream()
        .map(claim -> new ClaimRecords.Ref(claim.id(), claim.conversationId())).toList();
    return store.call(() -> records.recorded(refs)).thenCompose(recorded -> {
      Map<String, Claim.Outcome> outcomes = outcomes(claims, recorded, now);
      return routing.settle(queueId, outcomes).thenApply(changed -> {
        if (changed > 0) {
          LOG.warn("queue {}: {} routing claims were never settled by the node that made them;"
              + " agents' loads corrected from PostgreSQL", queueId, changed);
        }
        return changed;
      });
    });
  }

  private static Map<String, Claim.Outcome> outcomes(List<Claim> claims, Set<String> recorded,
      Instant now) {
    Map<String, Claim.Outcome> outcomes = new LinkedHashMap<>();
    for (Claim claim : claims) {
      if (recorded.contains(claim.id())) {
        outcomes.put(claim.id(), Claim.Outcome.RECORDED);
      } else if (!claim.released()) {
        outcomes.put(claim.id(), Claim.Outcome.LOST);
      } else if (claim.at().plus(KEEP_RELEASED).isBefore(now)) {
        outcomes.put(claim.id(), Claim.Outcome.FORGET);
      }
    }
    return outcomes;
  }

  /** Logs a failed settle; the claims stay in the journal for {@link #checkStale}. */
  static Void logFailure(String queueId, Throwable error) {
    if (error != null) {
      LOG.warn("claims of queue {} not settled now (the reconciler checks them): {}", queueId,
          error.toString());
    }
    return null;
  }
}
