package io.switchboard.server.store.availability;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.site.Site;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes what the availability probe leaves behind on its own site: closed probe conversations
 * (with their messages, events, notes, ratings and participants) and then the probe's contacts
 * that have no conversation left, each batch in its own short transaction so that the purge
 * never holds many rows locked.
 *
 * <p>Thread-safe: stateless over the shared {@link Jdbi}. Blocks: call it on the store executor.
 */
public final class ProbeTrafficPurge {
  private static final List<String> CONVERSATION_CHILDREN = List.of("messages",
      "conversation_events", "notes", "ratings", "conversation_participants");

  private final Jdbi jdbi;

  public ProbeTrafficPurge(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Deletes up to {@code batch} closed probe conversations created before {@code before}. */
  public int conversations(Instant before, int batch) {
    return StoreFailures.call("purge probe conversations", () -> jdbi.inTransaction(handle -> {
      UUID[] ids = handle.createQuery("""
              SELECT id FROM conversations
              WHERE site_id = :probe AND created_at < :before AND status = 'closed'
              ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
          .bind("probe", Site.PROBE_SITE_ID)
          .bind("before", StoreRows.timestamp(before))
          .bind("batch", batch)
          .mapTo(UUID.class).list().toArray(UUID[]::new);
      if (ids.length == 0) {
        return 0;
      }
      for (String table : CONVERSATION_CHILDREN) {
        delete(handle, "DELETE FROM " + table + " WHERE conversation_id = ANY(:ids)", ids);
      }
      return delete(handle, "DELETE FROM conversations WHERE id = ANY(:ids)", ids);
    }));
  }

  /**
   * Deletes up to {@code batch} probe contacts created before {@code before} that no
   * conversation refers to any more, with their timeline.
   */
  public int contacts(Instant before, int batch) {
    return StoreFailures.call("purge probe contacts", () -> jdbi.inTransaction(handle -> {
      UUID[] ids = handle.createQuery("""
              SELECT k.id FROM contacts k
              WHERE k.site_id = :probe AND k.created_at < :before
                AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = k.id)
              ORDER BY k.created_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
          .bind("probe", Site.PROBE_SITE_ID)
          .bind("before", StoreRows.timestamp(before))
          .bind("batch", batch)
          .mapTo(UUID.class).list().toArray(UUID[]::new);
      if (ids.length == 0) {
        return 0;
      }
      delete(handle, "DELETE FROM contact_events WHERE contact_id = ANY(:ids)", ids);
      delete(handle, "DELETE FROM contact_notes WHERE contact_id = ANY(:ids)", ids);
      return delete(handle, "DELETE FROM contacts WHERE id = ANY(:ids)", ids);
    }));
  }

  private static int delete(Handle handle, String sql, UUID[] ids) {
    return handle.createUpdate(sql).bindArray("ids", UUID.class, (Object[]) ids).execute();
  }
}
