package io.switchboard.server.lifecycle;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.blob.BlobStore;
import io.switchboard.server.store.lifecycle.PersonalDataDao;
import io.switchboard.server.store.lifecycle.PersonalDataExportDao;
import io.switchboard.server.store.lifecycle.RetentionDao;
import io.switchboard.server.store.lifecycle.RetentionSetting;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The data lifecycle of a node: the GDPR export and erasure of a contact, each site's retention
 * setting (admins only) and the retention job.
 *
 * <p>Thread-safe: its parts are; {@link #close} is called once.
 */
public final class DataLifecycle implements AutoCloseable {
  private final PersonalDataExport export;
  private final ContactErasure erasure;
  private final RetentionDao retention;
  private final RetentionJob job;
  private final Clock clock;

  /** What it is built from; {@code clock} decides what is old (tests move it). */
  public record Parts(Jdbi jdbi, AttachmentDao attachments, BlobStore blobs,
      RedisConnections redis, Clock clock) {}

  public DataLifecycle(Parts p) {
    AuditDao audit = new AuditDao(p.jdbi());
    this.export = new PersonalDataExport(new PersonalDataDao(p.jdbi()),
        new PersonalDataExportDao(p.jdbi()), audit, p.blobs(), p.clock());
    this.erasure = new ContactErasure(p.jdbi(), p.attachments(), p.blobs(),
        new VisitorRedisState(p.redis()), p.clock());
    this.retention = new RetentionDao(p.jdbi());
    this.job = new RetentionJob(p.jdbi(), p.attachments(), p.blobs(), audit, p.clock());
    this.clock = p.clock();
  }

  /** Starts the retention job on this node, every {@code period}. */
  public void start(Duration period) {
    job.start(period);
  }

  public PersonalDataExport export() {
    return export;
  }

  public ContactErasure erasure() {
    return erasure;
  }

  public RetentionJob job() {
    return job;
  }

  /** The site's retention setting. */
  public RetentionSetting retention(Principal admin, String siteId) {
    AccessPolicy.requireRole(admin, Action.PERSONAL_DATA);
    requireSite(siteId);
    return retention.setting(siteId);
  }

  /** Changes the site's retention; a null value keeps what is set. */
  public RetentionSetting setRetention(Principal admin, String siteId, Boolean enabled,
      Integer days, String mode) {
    AccessPolicy.requireRole(admin, Action.PERSONAL_DATA);
    requireSite(siteId);
    RetentionSetting current = retention.setting(siteId);
    if (days != null && (days < 1 || days > 36500)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "days: 1 to 36500");
    }
    if (mode != null && !mode.equals(RetentionSetting.DELETE)
        && !mode.equals(RetentionSetting.ANONYMISE)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "mode: delete or anonymise");
    }
    RetentionSetting changed = new RetentionSetting(siteId,
        enabled == null ? current.enabled() : enabled, days == null ? current.days() : days,
        mode == null ? current.mode() : mode, clock.instant());
    retention.save(changed);
    return changed;
  }

  /** Runs the retention job now (an admin's request); empty when another node is running it. */
  public List<RetentionJob.SiteRun> runRetention(Principal admin) {
    AccessPolicy.requireRole(admin, Action.PERSONAL_DATA);
    return job.runOnce();
  }

  private void requireSite(String siteId) {
    if (!retention.siteExists(siteId)) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + siteId);
    }
  }

  @Override
  public void close() {
    job.close();
  }
}
