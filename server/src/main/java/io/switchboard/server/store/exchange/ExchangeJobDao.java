package io.switchboard.server.store.exchange;

import io.switchboard.server.db.StoreFailures;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code exchange_jobs} table: import and export jobs with their progress and results.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ExchangeJobDao {
  private final Jdbi jdbi;

  public ExchangeJobDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new running job. */
  public void start(UUID id, String kind, boolean dryRun, String siteId, UUID startedBy,
      Instant now) {
    StoreFailures.run("start job", () -> jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO exchange_jobs (id, kind, state, dry_run, site_id, started_by, created_at,
                heartbeat_at)
            VALUES (:id, :kind, 'running', :dryRun, :site, :by, :now, :now)""")
        .bind("id", id).bind("kind", kind).bind("dryRun", dryRun).bind("site", siteId)
        .bind("by", startedBy).bind("now", now)
        .execute()));
  }

  /** Records how far a running job got, which is also its heartbeat. */
  public void progress(UUID id, int done, int total, Instant now) {
    StoreFailures.run("job progress", () -> jdbi.useHandle(h -> h.createUpdate("""
            UPDATE exchange_jobs SET rows_done = :done, rows_total = :total, heartbeat_at = :now
            WHERE id = :id AND state = 'running'""")
        .bind("id", id).bind("done", done).bind("total", total).bind("now", now)
        .execute()));
  }

  /** Marks a job done with its counts, report and files. */
  public void finish(UUID id, int total, String counts, String report, String resultFile,
      String refusedFile, Instant now) {
    StoreFailures.run("finish job", () -> jdbi.useHandle(h -> h.createUpdate("""
            UPDATE exchange_jobs SET state = 'done', rows_done = :total, rows_total = :total,
                counts = :counts::jsonb, report = :report::jsonb, result_file = :result,
                refused_file = :refused, finished_at = :now
            WHERE id = :id AND state = 'running'""")
        .bind("id", id).bind("total", total).bind("counts", counts).bind("report", report)
        .bind("result", resultFile).bind("refused", refusedFile).bind("now", now)
        .execute()));
  }

  /** Marks a job failed, with why. */
  public void fail(UUID id, String error, Instant now) {
    StoreFailures.run("fail job", () -> jdbi.useHandle(h -> h.createUpdate("""
            UPDATE exchange_jobs SET state = 'failed', error = left(:error, 2000),
                finished_at = :now
            WHERE id = :id AND state = 'running'""")
        .bind("id", id).bind("error", error).bind("now", now)
        .execute()));
  }

  /**
   * Marks failed every running job whose last heartbeat is older than {@code before}: its node
   * stopped while it ran. Answers how many.
   */
  public int failInterrupted(Instant before, Instant now) {
    return StoreFailures.call("fail interrupted jobs", () -> jdbi.withHandle(h -> h
        .createUpdate("""
            UPDATE exchange_jobs SET state = 'failed', finished_at = :now,
                error = 'interrupted: the server stopped while the job ran; start it again'
            WHERE state = 'running' AND heartbeat_at < :before""")
        .bind("before", before).bind("now", now)
        .execute()));
  }

  public Optional<ExchangeJob> find(UUID id) {
    return StoreFailures.call("find job", () -> jdbi.withHandle(h -> h.createQuery("""
            SELECT id, kind, state, dry_run, site_id, started_by, rows_total, rows_done,
                   counts::text AS counts, report::text AS report, result_file, refused_file,
                   error, created_at, finished_at
            FROM exchange_jobs WHERE id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new ExchangeJob(rs.getObject("id", UUID.class), rs.getString("kind"),
            rs.getString("state"), rs.getBoolean("dry_run"), rs.getString("site_id"),
            rs.getObject("started_by", UUID.class), rs.getInt("rows_total"),
            rs.getInt("rows_done"), rs.getString("counts"), rs.getString("report"),
            rs.getString("result_file"), rs.getString("refused_file"), rs.getString("error"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("finished_at") == null ? null
                : rs.getTimestamp("finished_at").toInstant()))
        .findOne()));
  }
}
