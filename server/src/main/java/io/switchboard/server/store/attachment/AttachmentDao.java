package io.switchboard.server.store.attachment;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code attachments} table: uploads, who may reference them, and the removal of those
 * nobody referenced. Chat messages link their attachments in the group-commit transaction
 * (store.message); ticket entries link theirs with {@link #linkToEntry} in the entry's own
 * transaction.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class AttachmentDao {
  private static final String COLUMNS = "id, site_id, sha256, size_bytes, content_type, file_name,"
      + " uploader_role, uploader_id, created_at, conversation_id, message_seq, ticket_id,"
      + " ticket_entry_id";

  /** A new upload; {@code uploadKey} (may be null) makes a retried upload return the first. */
  public record NewUpload(UUID id, String siteId, String sha256, long size, String contentType,
      String fileName, String uploaderRole, String uploaderId, String uploadKey,
      Instant createdAt) {}

  /** Blob work done under the lock on its hash (see {@link #insert} and {@link #releaseBlob}). */
  @FunctionalInterface
  public interface BlobWork {
    void run() throws java.io.IOException;
  }

  private static final String LOCK_HASH = "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('blob:' || :sha))) AS locked";

  private final Jdbi jdbi;

  public AttachmentDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Stores the blob with {@code storeBlob} and records the upload, under a lock on its hash so
   * that the removal of unreferenced blobs never deletes bytes a new row is about to name. When
   * the same uploader already stored an upload under the same upload key, returns that one
   * instead (the bytes were content-addressed, so nothing is stored twice).
   */
  public Attachment insert(NewUpload upload, BlobWork storeBlob) {
    return StoreFailures.call("store attachment", () -> jdbi.inTransaction(handle -> {
      handle.createQuery(LOCK_HASH).bind("sha", upload.sha256()).mapTo(Integer.class).one();
      storeBlob.run();
      int inserted = handle.createUpdate("""
              INSERT INTO attachments (id, site_id, sha256, size_bytes, content_type, file_name,
                  uploader_role, uploader_id, upload_key, created_at)
              VALUES (:id, :site, :sha, :size, :type, :name, :role, :uploader, :key, :at)
              ON CONFLICT (uploader_role, uploader_id, upload_key) WHERE upload_key IS NOT NULL
              DO NOTHING""")
          .bind("id", upload.id()).bind("site", upload.siteId()).bind("sha", upload.sha256())
          .bind("size", upload.size()).bind("type", upload.contentType())
          .bind("name", upload.fileName()).bind("role", upload.uploaderRole())
          .bind("uploader", upload.uploaderId()).bind("key", upload.uploadKey())
          .bind("at", StoreRows.timestamp(upload.createdAt()))
          .execute();
      String where = inserted == 1 ? "id = :id"
          : "uploader_role = :role AND uploader_id = :uploader AND upload_key = :key";
      return handle.createQuery("SELECT " + COLUMNS + " FROM attachments WHERE " + where)
          .bind("id", upload.id()).bind("role", upload.uploaderRole())
          .bind("uploader", upload.uploaderId()).bind("key", upload.uploadKey())
          .map((rs, ctx) -> AttachmentRows.attachment(rs)).one();
    }));
  }

  public Optional<Attachment> find(UUID id) {
    return StoreFailures.call("find attachment", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM attachments WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> AttachmentRows.attachment(rs)).findOne()));
  }

  /** The attachments with these ids that exist, in the order of {@code ids}. */
  public List<Attachment> findAll(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return StoreFailures.call("find attachments", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM attachments WHERE id = ANY(:ids)"
            + " ORDER BY array_position(:ids, id)")
        .bindArray("ids", UUID.class, ids.toArray())
        .map((rs, ctx) -> AttachmentRows.attachment(rs)).list()));
  }

  /** The attachments of a ticket's entries, in entry order and then in their order. */
  public List<Attachment> ofTicket(UUID ticketId) {
    return StoreFailures.call("find ticket attachments", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM attachments WHERE ticket_id = :ticket"
            + " ORDER BY ticket_entry_id, position")
        .bind("ticket", ticketId)
        .map((rs, ctx) -> AttachmentRows.attachment(rs)).list()));
  }

  /**
   * In the caller's transaction: links the uploads to a ticket entry (their site becomes the
   * ticket's). False, with nothing linked, when one of them is gone or already on an entry.
   */
  public static boolean linkToEntry(Handle handle, List<UUID> ids, UUID ticketId, long entryId,
      String siteId, Instant at) {
    if (ids.isEmpty()) {
      return true;
    }
    int linked = handle.createUpdate("""
            UPDATE attachments a SET ticket_id = :ticket, ticket_entry_id = :entry,
                site_id = coalesce(a.site_id, :site), referenced_at = coalesce(a.referenced_at, :at),
                position = CASE WHEN a.conversation_id IS NULL THEN k.ord - 1 ELSE a.position END
            FROM unnest(:ids) WITH ORDINALITY AS k(id, ord)
            WHERE a.id = k.id AND a.ticket_id IS NULL""")
        .bind("ticket", ticketId).bind("entry", entryId).bind("site", siteId)
        .bind("at", StoreRows.timestamp(at))
        .bindArray("ids", UUID.class, ids.toArray())
        .execute();
    return linked == ids.size();
  }

  /** Up to {@code limit} uploads created before {@code cutoff} that nothing references. */
  public List<Attachment> unreferencedBefore(Instant cutoff, int limit) {
    return StoreFailures.call("find unreferenced attachments", () -> jdbi.withHandle(handle ->
        handle.createQuery("SELECT " + COLUMNS + " FROM attachments"
                + " WHERE referenced_at IS NULL AND created_at < :cutoff ORDER BY created_at"
                + " LIMIT :limit")
            .bind("cutoff", StoreRows.timestamp(cutoff)).bind("limit", limit)
            .map((rs, ctx) -> AttachmentRows.attachment(rs)).list()));
  }

  /**
   * Deletes the uploads that are still unreferenced (an upload referenced meanwhile stays) and
   * answers the hashes they named; {@link #releaseBlob} then removes each blob nobody names.
   */
  public List<String> deleteUnreferenced(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return StoreFailures.call("delete unreferenced attachments", () -> jdbi.inTransaction(handle ->
        handle.createQuery("""
              DELETE FROM attachments WHERE id IN (
                SELECT id FROM attachments WHERE id = ANY(:ids) AND referenced_at IS NULL
                FOR UPDATE SKIP LOCKED)
              RETURNING sha256""")
          .bindArray("ids", UUID.class, ids.toArray())
          .mapTo(String.class).list().stream().distinct().toList()));
  }

  /**
   * Runs {@code deleteBlob} when no attachment names {@code sha256} any more, under the lock an
   * upload of the same bytes takes; answers whether it ran.
   */
  public boolean releaseBlob(String sha256, BlobWork deleteBlob) {
    return StoreFailures.call("release blob", () -> jdbi.inTransaction(handle -> {
      handle.createQuery(LOCK_HASH).bind("sha", sha256).mapTo(Integer.class).one();
      boolean named = handle.createQuery("SELECT EXISTS (SELECT 1 FROM attachments"
              + " WHERE sha256 = :sha)").bind("sha", sha256).mapTo(Boolean.class).one();
      if (named) {
        return false;
      }
      deleteBlob.run();
      return true;
    }));
  }
}
