package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreFailures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Which routing claims PostgreSQL recorded. Every assignment or transfer that took an agent's
 * capacity in Redis records the claim's id in its event ({@code detail.claim}); the reconciler
 * asks here about claims that were never settled, to give back the capacity of those that never
 * became an assignment.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ClaimRecords {
  private final Jdbi jdbi;

  public ClaimRecords(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A claim as the journal has it: its id and the conversation it was made for. */
  public record Ref(String claimId, UUID conversationId) {}

  /** The ids among {@code claims} that some conversation event records. */
  public Set<String> recorded(Collection<Ref> claims) {
    if (claims.isEmpty()) {
      return Set.of();
    }
    List<String> conversations = new ArrayList<>(claims.size());
    List<String> ids = new ArrayList<>(claims.size());
    for (Ref claim : claims) {
      conversations.add(claim.conversationId().toString());
      ids.add(claim.claimId());
    }
    return StoreFailures.call("recorded claims", () -> jdbi.withHandle(handle -> new HashSet<>(
        handle.createQuery("""
                SELECT detail->>'claim' FROM conversation_events
                WHERE conversation_id = ANY (CAST(:conversations AS uuid[]))
                  AND detail->>'claim' = ANY (CAST(:ids AS text[]))""")
            .bindArray("conversations", String.class, conversations)
            .bindArray("ids", String.class, ids)
            .mapTo(String.class)
            .list())));
  }
}
