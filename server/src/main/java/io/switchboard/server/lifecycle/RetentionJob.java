package io.switchboard.server.lifecycle;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.audit.AuditEntry;
import io.switchboard.server.store.blob.BlobStore;
import io.switchboard.server.store.lifecycle.PersonalData;
import io.switchboard.server.store.lifecycle.RetentionDao;
import io.switchboard.server.store.lifecycle.RetentionSetting;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job: on every node, every period, the node that gets the run lock (a PostgreSQL
 * advisory lock, so one run at a time across the cluster) goes through the sites whose retention
 * is on and deletes or anonymises their conversations closed and tickets solved or closed more
 * than the site's days ago, {@link #BATCH} of each per transaction, then removes the attachment
 * files nobody names any more. Each site's run is one audit entry. Time comes from the injected
 * clock (tests move it).
 *
 * <p>Thread-safe: {@link #runOnce} is synchronized per node and locked across nodes.
 */
public final class RetentionJob implements AutoCloseable {
  /** Conversations (and tickets) per transaction. */
  public static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  /** What one site's run did. */
  public record SiteRun(String siteId, String mode, Instant cutoff, int conversations,
      int tickets, int files) {}

  private final Jdbi jdbi;
  private final RetentionDao settings;
  private final AttachmentDao attachments;
  private final BlobStore blobs;
  private final AuditDao audit;
  private final Clock clock;
  private volatile Periodic task;

  RetentionJob(Jdbi jdbi, AttachmentDao attachments, BlobStore blobs, AuditDao audit,
      Clock clock) {
    this.jdbi = jdbi;
    this.settings = new RetentionDao(jdbi);
    this.attachments = attachments;
    this.blobs = blobs;
    this.audit = audit;
    this.clock = clock;
  }

  void start(Duration period) {
    task = Periodic.start("retention", Duration.ofMinutes(1), period, this::runOnce);
  }

  /** One run over every site with retention on; empty when another node holds the run lock. */
  public synchronized List<SiteRun> runOnce() {
    return StoreFailures.call("retention run", () -> jdbi.withHandle(handle -> {
      if (!RetentionDao.tryLock(handle)) {
        return List.of();
      }
      try {
        List<SiteRun> runs = new ArrayList<>();
        for (RetentionSetting site : settings.enabled()) {
          runs.add(runSite(handle, site));
        }
        return runs;
      } finally {
        RetentionDao.unlock(handle);
      }
    }));
  }

  private SiteRun runSite(org.jdbi.v3.core.Handle handle, RetentionSetting site) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(Duration.ofDays(site.days()));
    boolean anonymise = site.mode().equals(RetentionSetting.ANONYMISE);
    int conversations = 0;
    int tickets = 0;
    int files = 0;
    while (true) {
      Batch done = handle.inTransaction(tx -> {
        PersonalData taken = RetentionDao.batch(tx, site.siteId(), cutoff, BATCH);
        return new Batch(taken, anonymise ? RetentionDao.anonymise(tx, taken, now)
            : RetentionDao.delete(tx, taken));
      });
      PersonalData batch = done.items();
      List<String> hashes = done.blobHashes();
      if (batch.conversationIds().isEmpty() && batch.ticketIds().isEmpty()) {
        break;
      }
      conversations += batch.conversationIds().size();
      tickets += batch.ticketIds().size();
      files += release(hashes);
    }
    SiteRun run = new SiteRun(site.siteId(), site.mode(), cutoff, conversations, tickets, files);
    audit.append(new AuditEntry(0, now, null, "system", "retention.run", "site", site.siteId(),
        null, null, io.switchboard.server.audit.AuditLog.json(Map.of("mode", site.mode(),
            "days", site.days(), "cutoff", cutoff.toString(), "conversations", conversations,
            "tickets", tickets, "files", files))));
    if (conversations + tickets > 0) {
      LOG.info("retention on site {}: {} conversations and {} tickets {}", site.siteId(),
          conversations, tickets, anonymise ? "anonymised" : "deleted");
    }
    return run;
  }

  private record Batch(PersonalData items, List<String> blobHashes) {}

  private int release(List<String> hashes) {
    int released = 0;
    for (String sha256 : hashes) {
      try {
        if (attachments.releaseBlob(sha256, () -> blobs.delete(sha256))) {
          released++;
        }
      } catch (RuntimeException e) {
        LOG.warn("retained attachment blob {} not removed: {}", sha256, e.toString());
      }
    }
    return released;
  }

  @Override
  public void close() {
    Periodic running = task;
    if (running != null) {
      running.close();
    }
  }
}
