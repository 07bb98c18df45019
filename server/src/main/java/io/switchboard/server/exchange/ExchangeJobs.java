package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.store.exchange.ContactImportDao;
import io.switchboard.server.store.exchange.ExchangeJob;
import io.switchboard.server.store.exchange.ExchangeJobDao;
import io.switchboard.server.store.exchange.ExportFilter;
import io.switchboard.server.store.exchange.ExportQueries;
import io.switchboard.server.store.exchange.FieldDefinition;
import io.switchboard.server.store.exchange.TranscriptImportDao;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs imports and exports as background jobs, one at a time per node, recorded in
 * {@code exchange_jobs} with their progress (also their heartbeat), counts, per-row report and
 * files under the node's exchange folder. Each finished job is recorded in the audit log. Jobs
 * whose heartbeat stopped for {@link #STALE} (their node stopped) are marked failed by a sweep.
 *
 * <p>Thread-safe.
 */
public final class ExchangeJobs implements AutoCloseable {
  public static final Duration STALE = Duration.ofMinutes(2);
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeJobs.class);

  /** What the jobs are built from. */
  public record Parts(ExchangeJobDao jobs, ContactImportDao contacts,
      TranscriptImportDao transcripts, ExportQueries exports, AuditLog audit, Path folder,
      Clock clock) {}

  private final Parts p;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("exchange-job").daemon().factory());
  private final ScheduledExecutorService sweep = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("exchange-sweep").daemon().factory());

  public ExchangeJobs(Parts parts) throws IOException {
    this.p = parts;
    Files.createDirectories(parts.folder());
    sweep.scheduleWithFixedDelay(this::failStale, 0, 30, TimeUnit.SECONDS);
  }

  /** Who asked, from where: for the job's owner and the audit log. */
  public record Caller(Principal who, String address) {}

  /**
   * Checks the mapping against the file and the site's fields now (INVALID_FIELD), then starts
   * the contact import; answers the job id.
   */
  public UUID importContacts(Caller caller, String siteId, ImportTable table, JsonNode mapping,
      boolean dryRun) {
    Map<String, FieldDefinition> fields = p.contacts().fields(siteId);
    ContactMapping checked = ContactMapping.of(mapping, table.columns(), fields.keySet());
    ContactImport work = new ContactImport(p.contacts(), p.clock(), siteId, checked, fields);
    return start(caller, "import_contacts", siteId, dryRun, table.rows().size(), job -> {
      List<RowOutcome> outcomes = work.run(table.rows(), dryRun, caller.who().id(), job.id,
          done -> job.progress(done, table.rows().size()));
      job.finish(outcomes, ImportReports.refusedContacts(p.folder(), job.id, table, outcomes),
          null);
    });
  }

  /** Starts the transcript import; answers the job id. */
  public UUID importTranscripts(Caller caller, String siteId, List<TranscriptDraft> drafts,
      boolean dryRun) {
    TranscriptImport work = new TranscriptImport(p.transcripts(), p.clock(), siteId);
    return start(caller, "import_transcripts", siteId, dryRun, drafts.size(), job -> {
      List<RowOutcome> outcomes = work.run(drafts, dryRun, caller.who().id(),
          done -> job.progress(done, drafts.size()));
      job.finish(outcomes, ImportReports.refusedTranscripts(p.folder(), job.id, outcomes), null);
    });
  }

  /** Starts an export of {@code kind} (contacts, conversations, tickets); answers the job id. */
  public UUID export(Caller caller, String kind, ExportFilter filter) {
    Exports exports = new Exports(p.exports());
    return start(caller, "export_" + kind, filter.siteId(), false, 0, job -> {
      String name = job.id + "-" + kind + ".csv";
      int rows = exports.write(kind, filter, p.folder().resolve(name), job::progress);
      job.finishExport(rows, name);
    });
  }

  /** A job's file by its stored name, inside the exchange folder. */
  public Path file(String name) {
    return p.folder().resolve(name);
  }

  public java.util.Optional<ExchangeJob> find(UUID id) {
    return p.jobs().find(id);
  }

  private UUID start(Caller caller, String kind, String siteId, boolean dryRun, int total,
      JobBody body) {
    UUID id = UUID.randomUUID();
    p.jobs().start(id, kind, dryRun, siteId, UUID.fromString(caller.who().id()),
        p.clock().instant());
    RunningJob job = new RunningJob(p, caller, id, kind, dryRun);
    job.progress(0, total);
    runner.execute(() -> {
      try {
        body.run(job);
      } catch (RuntimeException | IOException e) {
        LOG.warn("{} job {} failed", kind, id, e);
        p.jobs().fail(id, e.getMessage() == null ? e.toString() : e.getMessage(),
            p.clock().instant());
        job.audit(Map.of("state", "failed"));
      }
    });
    return id;
  }

  private void failStale() {
    try {
      int failed = p.jobs().failInterrupted(p.clock().instant().minus(STALE),
          p.clock().instant());
      if (failed > 0) {
        LOG.warn("{} import or export jobs were interrupted by a stopped node: marked failed",
            failed);
      }
    } catch (RuntimeException e) {
      LOG.debug("the job sweep could not run: {}", e.toString());
    }
  }

  private interface JobBody {
    void run(RunningJob job) throws IOException;
  }

  @Override
  public void close() {
    sweep.shutdownNow();
    runner.shutdownNow();
  }
}
