package io.switchboard.server.exchange;

import io.switchboard.server.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The handle a job's work reports through: progress (at most once a second, and always the
 * last), completion with counts and the per-row report, and the audit entry it ends with.
 *
 * <p>Not thread-safe: used by the one thread that runs the job.
 */
final class RunningJob {
  final UUID id;
  private final ExchangeJobs.Parts parts;
  private final ExchangeJobs.Caller caller;
  private final String kind;
  private final boolean dryRun;
  private long lastProgress;

  RunningJob(ExchangeJobs.Parts parts, ExchangeJobs.Caller caller, UUID id, String kind,
      boolean dryRun) {
    this.parts = parts;
    this.caller = caller;
    this.id = id;
    this.kind = kind;
    this.dryRun = dryRun;
  }

  void progress(int done, int total) {
    long now = parts.clock().millis();
    if (done == 0 || done == total || now - lastProgress >= 1000) {
      lastProgress = now;
      parts.jobs().progress(id, done, total, parts.clock().instant());
    }
  }

  /** Finishes an import: counts by outcome and the first rows' outcomes. */
  void finish(List<RowOutcome> outcomes, String refusedFile, String resultFile) {
    Map<String, Integer> counts = ImportReports.counts(outcomes);
    parts.jobs().finish(id, outcomes.size(), ImportReports.json(counts),
        ImportReports.report(outcomes), resultFile, refusedFile, parts.clock().instant());
    Map<String, Object> detail = new LinkedHashMap<>(counts);
    detail.put("rows", outcomes.size());
    audit(detail);
  }

  /** Finishes an export of {@code rows} rows into {@code file}. */
  void finishExport(int rows, String file) {
    parts.jobs().finish(id, rows, ImportReports.json(Map.of("exported", rows)), null, file, null,
        parts.clock().instant());
    audit(Map.of("rows", rows));
  }

  void audit(Map<String, ?> detail) {
    Map<String, Object> after = new LinkedHashMap<>(detail);
    after.put("dryRun", dryRun);
    parts.audit().record(new AuditLog.Event(caller.who().id(), caller.who().role().wire(),
        kind.replace('_', '.'), "job", id.toString(), caller.address(), null,
        AuditLog.json(after)));
  }
}
