package io.switchboard.server.exchange;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.exchange.ContactImportDao;
import io.switchboard.server.store.exchange.ExchangeJob;
import io.switchboard.server.store.exchange.ExchangeJobDao;
import io.switchboard.server.store.exchange.ExportQueries;
import io.switchboard.server.store.exchange.TranscriptImportDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The import and export jobs on the shared test PostgreSQL, with a site of their own, an admin
 * to run them, and helpers to wait for a job and read what it wrote.
 *
 * <p>Not thread-safe: one per test class.
 */
final class ExchangeHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Jdbi jdbi = StoreFixture.database().jdbi();
  final Fixtures fixtures = Fixtures.create(jdbi);
  final Fixtures.Agent adminAccount = fixtures.addUser(Role.ADMIN, 2);
  final Principal admin = new Principal(Role.ADMIN, adminAccount.id().toString(), null,
      adminAccount.name(), 2, List.of(), null, Set.of());
  final ExchangeJobs.Caller caller = new ExchangeJobs.Caller(admin, "127.0.0.1");
  final Path folder;
  private final BlockingExecutor executor = new BlockingExecutor("exchange-test", 2, 100);
  final ExchangeJobs jobs;

  ExchangeHarness() throws IOException {
    folder = Files.createTempDirectory("exchange-test");
    jobs = new ExchangeJobs(new ExchangeJobs.Parts(new ExchangeJobDao(jdbi),
        new ContactImportDao(jdbi), new TranscriptImportDao(jdbi), new ExportQueries(jdbi),
        new AuditLog(new AuditDao(jdbi), executor, Clock.systemUTC()), folder,
        Clock.systemUTC()));
  }

  /** Defines a custom contact attribute of the harness's site. */
  void field(String key, String kind, String... choices) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO contact_fields (site_id, key, label_en, label_zh, kind, choices)
            VALUES (:site, :key, :key, :key, :kind, :choices)""")
        .bind("site", fixtures.siteId).bind("key", key).bind("kind", kind)
        .bind("choices", choices).execute());
  }

  /** Imports contacts from {@code content} and waits until the job has finished. */
  ExchangeJob importContacts(String content, String format, String mapping, boolean dryRun)
      throws IOException {
    ImportTable table = ImportTable.read(content.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        format);
    return finished(jobs.importContacts(caller, fixtures.siteId, table,
        mapping == null ? null : JSON.readTree(mapping), dryRun));
  }

  ExchangeJob finished(UUID id) {
    return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
        .until(() -> jobs.find(id).orElseThrow(), job -> !job.state().equals("running"));
  }

  static JsonNode tree(String json) throws IOException {
    return JSON.readTree(json);
  }

  /** The job's per-row report as {@code row:outcome[:reason code]} strings. */
  static List<String> outcomes(ExchangeJob job) throws IOException {
    List<String> rows = new java.util.ArrayList<>();
    for (JsonNode row : tree(job.report())) {
      String reason = row.path("reason").isNull() ? "" : ":" + row.get("reason").asText()
          .replaceAll(":.*", "");
      rows.add(row.get("row").asInt() + ":" + row.get("outcome").asText() + reason);
    }
    return rows;
  }

  int count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind("site", fixtures.siteId)
        .mapTo(Integer.class).one());
  }

  /** Waits for the job's entry in the audit log (written after the job finished). */
  void awaitAudit(UUID job, String action) {
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbi.withHandle(x -> x.createQuery(
            "SELECT count(*) FROM audit_log WHERE target_type = 'job' AND target_id = :job"
                + " AND action = :action AND actor_id = :actor")
        .bind("job", job.toString()).bind("action", action)
        .bind("actor", adminAccount.id().toString()).mapTo(Integer.class).one()) == 1);
  }

  @Override
  public void close() {
    jobs.close();
    executor.close();
    FileTrees.delete(folder);
  }
}
