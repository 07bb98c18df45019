package io.switchboard.server;

import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.store.audit.AuditDao;
import java.time.Duration;
import java.util.List;

/**
 * The audit log's verify command ({@code scripts/audit-verify.sh}): walks the hash chain of the
 * database the settings name (the embedded one under {@code SWITCHBOARD_DATA_DIR} when none is
 * set, which the node must not be using meanwhile) and exits 0 with "audit log intact: N
 * entries", or 1 naming each entry that was changed, removed or inserted.
 *
 * <p>Not thread-safe: a command-line entry point.
 */
public final class AuditVerify {
  private AuditVerify() {}

  public static void main(String[] args) throws Exception {
    ServerConfig config = ConfigLoader.fromEnvironmentOrExit();
    EmbeddedPostgresService embedded = null;
    String jdbcUrl = config.databaseUrl();
    if (config.embeddedDatabase()) {
      embedded = EmbeddedPostgresService.start(config.dataDir().resolve("postgres"),
          config.embeddedPostgresPort());
      jdbcUrl = embedded.jdbcUrl();
    }
    int status;
    try (Database database = Database.open(new DatabaseSettings(jdbcUrl, 2,
        Duration.ofSeconds(10), Duration.ofMinutes(10)))) {
      AuditDao audit = new AuditDao(database.jdbi());
      List<String> problems = audit.problems();
      if (problems.isEmpty()) {
        System.out.println("audit log intact: " + audit.count() + " entries");
        status = 0;
      } else {
        problems.forEach(System.out::println);
        System.out.println("audit log NOT intact: " + problems.size() + " problem(s)");
        status = 1;
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    System.exit(status);
  }
}
