package io.switchboard.server.lifecycle;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.audit.AuditEntry;
import io.switchboard.server.store.audit.AuditRedactions;
import io.switchboard.server.store.blob.BlobStore;
import io.switchboard.server.store.lifecycle.ErasureDao;
import io.switchboard.server.store.lifecycle.OtherStoreErasure;
import io.switchboard.server.store.lifecycle.PersonalData;
import io.switchboard.server.store.lifecycle.PersonalDataDao;
import io.switchboard.server.util.SwitchboardException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases one contact everywhere (GDPR): in one database transaction every row of the contact, the
 * contacts merged into it, their conversations and tickets (and so the search index, which lives
 * in those rows), the rows of {@link OtherStoreErasure other stores}, the audit entry of the
 * erasure naming only a random pseudonym, and the redaction of the earlier audit entries that
 * named the person; then the attachment files nobody else names, then the visitor's Redis state.
 *
 * <p>Thread-safe; {@link #erase} blocks (run it on the store executor).
 */
public final class ContactErasure {
  /** The text an admin must send to confirm. */
  public static final String CONFIRMATION = "ERASE";
  private static final Logger LOG = LoggerFactory.getLogger(ContactErasure.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What an erasure did. */
  public record Receipt(String pseudonym, long auditEntryId, Map<String, Integer> rows,
      int auditEntriesRedacted, int filesRemoved, long redisEntriesRemoved) {}

  private final Jdbi jdbi;
  private final AttachmentDao attachments;
  private final BlobStore blobs;
  private final VisitorRedisState redis;
  private final Clock clock;
  private final List<OtherStoreErasure> others = new CopyOnWriteArrayList<>();

  ContactErasure(Jdbi jdbi, AttachmentDao attachments, BlobStore blobs, VisitorRedisState redis,
      Clock clock) {
    this.jdbi = jdbi;
    this.attachments = attachments;
    this.blobs = blobs;
    this.redis = redis;
    this.clock = clock;
  }

  /** Adds a store whose rows of a person an erasure also removes, in its transaction. */
  public void alsoErase(OtherStoreErasure store) {
    others.add(store);
  }

  /**
   * Erases the contact {@code id} (a merged id erases its survivor with everything merged into
   * it). {@code confirmation} must be {@link #CONFIRMATION}; {@code reason} is recorded with the
   * person's own texts replaced by the pseudonym.
   */
  public Receipt erase(Principal admin, UUID id, String confirmation, String reason,
      String address) {
    AccessPolicy.requireRole(admin, Action.PERSONAL_DATA);
    if (!CONFIRMATION.equals(confirmation)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "confirm: send \"" + CONFIRMATION + "\" to erase this contact for good");
    }
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "reason: 1 to 500 characters");
    }
    String pseudonym = "erased-" + HexFormat.of().formatHex(randomBytes());
    Erased erased = StoreFailures.call("erase contact", () -> jdbi.inTransaction(handle -> {
      PersonalData person = PersonalDataDao.find(handle, id).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such contact"));
      int open = handle.createQuery("SELECT count(*) FROM conversations"
              + " WHERE id = ANY(:v) AND status <> 'closed'")
          .bindArray("v", UUID.class, person.conversationIds().toArray())
          .mapTo(Integer.class).one();
      if (open > 0) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "this contact has an open conversation: close it, then erase");
      }
      ErasureDao.Deleted deleted = ErasureDao.erase(handle, person);
      Map<String, Integer> rows = new LinkedHashMap<>(deleted.rows());
      for (OtherStoreErasure other : others) {
        rows.put(other.name(), other.erase(handle, person));
      }
      AuditRedactions.Needles needles = new AuditRedactions.Needles(person.idTexts(),
          person.texts(), pseudonym);
      String after = AuditLog.json(Map.of("reason", AuditRedactions.replaced(reason, needles),
          "rows", rows));
      AuditEntry entry = AuditDao.appendIn(handle, new AuditEntry(0, clock.instant(),
          admin.id(), admin.role().wire(), AuditDao.ERASE_ACTION, "contact", pseudonym, address,
          null, after));
      int redacted = AuditRedactions.redact(handle, needles, entry.id());
      return new Erased(person, deleted, rows, entry.id(), redacted);
    }));
    int files = 0;
    for (String sha256 : erased.deleted().blobHashes()) {
      try {
        if (attachments.releaseBlob(sha256, () -> blobs.delete(sha256))) {
          files++;
        }
      } catch (RuntimeException e) {
        LOG.warn("erased attachment blob {} not removed: {}", sha256, e.toString());
      }
    }
    long redisRemoved = redis.erase(erased.person());
    return new Receipt(pseudonym, erased.auditEntryId(), erased.rows(), erased.redacted(), files,
        redisRemoved);
  }

  private record Erased(PersonalData person, ErasureDao.Deleted deleted,
      Map<String, Integer> rows, long auditEntryId, int redacted) {}

  private static byte[] randomBytes() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
