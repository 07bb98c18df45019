package io.switchboard.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.audit.AuditEntry;
import io.switchboard.server.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log's hash chain, on a database of its own (tampering must not touch the shared
 * one): appends from two connection pools at once form one unbroken chain; the stored hashes equal
 * a from-scratch computation of the documented encoding over a random history; the database
 * refuses UPDATE, DELETE and TRUNCATE; and verify names a changed, a removed and an inserted entry.
 */
class AuditChainTest {
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  private Database first;
  private Database second;

  @BeforeEach
  void databases() {
    String url = StoreFixture.freshDatabaseUrl();
    first = Database.open(new DatabaseSettings(url, 4, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    second = Database.open(new DatabaseSettings(url, 4, Duration.ofSeconds(10), Duration.ofSeconds(30)));
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  @Test
  void appendsFromTwoPoolsAtOnceFormOneChainEqualToAFromScratchComputation() throws Exception {
    AuditDao a = new AuditDao(first.jdbi());
    AuditDao b = new AuditDao(second.jdbi());
    Random random = new Random(7);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<AuditEntry>> appends = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        AuditEntry entry = randomEntry(random, i);
        AuditDao dao = i % 2 == 0 ? a : b;
        appends.add(CompletableFuture.supplyAsync(() -> dao.append(entry), pool));
      }
      appends.forEach(CompletableFuture::join);
    } finally {
      pool.shutdownNow();
    }
    assertThat(a.problems()).isEmpty();
    assertThat(a.count()).isEqualTo(200);

    byte[] previous = new byte[32];
    long expectedId = 1;
    for (AuditDao.Stored stored : allOf(a)) {
      assertThat(stored.entry().id()).isEqualTo(expectedId++);
      assertThat(stored.previousHash()).isEqualTo(previous);
      assertThat(stored.hash()).as("entry %d", stored.entry().id())
          .isEqualTo(fromScratch(stored.entry(), previous));
      previous = stored.hash();
    }
  }

  @Test
  void theDatabaseRefusesToRewriteHistory() {
    AuditDao dao = new AuditDao(first.jdbi());
    dao.append(randomEntry(new Random(1), 0));
    for (String sql : new String[] {"UPDATE audit_log SET action = 'nothing'",
        "DELETE FROM audit_log", "TRUNCATE audit_log"}) {
      assertThatThrownBy(() -> first.jdbi().useHandle(handle -> handle.execute(sql)))
          .as(sql).hasMessageContaining("audit_log is append-only");
    }
    assertThat(dao.count()).isEqualTo(1);
  }

  @Test
  void verifyNamesAChangedARemovedAndAnInsertedEntry() {
    AuditDao dao = new AuditDao(first.jdbi());
    Random random = new Random(3);
    for (int i = 0; i < 10; i++) {
      dao.append(randomEntry(random, i));
    }
    assertThat(dao.problems()).isEmpty();

    tamper("UPDATE audit_log SET after_json = '{\"capacity\":99}' WHERE id = 3");
    assertThat(dao.problems()).containsExactly(
        "entry 3: its content does not match its hash (changed)");

    tamper("UPDATE audit_log SET after_json = (SELECT after_json FROM audit_log WHERE id = 4)"
        + " WHERE id = 3");
    tamper("DELETE FROM audit_log WHERE id = 6");
    assertThat(dao.problems()).anySatisfy(problem -> assertThat(problem).startsWith("entry 7:"));

    tamper("INSERT INTO audit_log SELECT 6, at, actor_id, actor_role, 'forged', target_type,"
        + " target_id, address, before_json, after_json, prev_hash, hash FROM audit_log WHERE id = 5");
    assertThat(dao.problems()).anySatisfy(problem -> assertThat(problem).startsWith("entry 6:"));
  }

  /** Changes the log as a superuser would, with its guard switched off for one transaction. */
  private void tamper(String sql) {
    first.jdbi().useTransaction(handle -> {
      handle.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
      handle.execute(sql);
      handle.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change");
    });
  }

  private static List<AuditDao.Stored> allOf(AuditDao dao) {
    List<AuditDao.Stored> all = new ArrayList<>();
    dao.forEach(all::add);
    return all;
  }

  private static AuditEntry randomEntry(Random random, int i) {
    String[] roles = {"admin", "supervisor", "system", "anonymous"};
    return new AuditEntry(0, T0.plusMillis(random.nextInt(1_000_000)),
        random.nextBoolean() ? null : "user-" + random.nextInt(5), roles[random.nextInt(4)],
        "action-" + random.nextInt(7), random.nextBoolean() ? "users" : null,
        random.nextBoolean() ? "id-" + i : null, "10.0.0." + random.nextInt(255),
        random.nextBoolean() ? null : "{\"n\":" + i + "}",
        random.nextBoolean() ? null : "{\"name\":\"" + "é漢".repeat(random.nextInt(3)) + "\"}");
  }

  /**
   * The documented encoding, computed here on its own: SHA-256 over the id, time, role and target
   * type, each as its UTF-8 length, a colon and its bytes ({@code -1:} for null), then the SHA-256
   * of the personal fields (actor, action, target id, address, before, after) encoded alike, then
   * the previous hash.
   */
  private static byte[] fromScratch(AuditEntry e, byte[] previous) throws Exception {
    MessageDigest personal = MessageDigest.getInstance("SHA-256");
    encode(personal, Arrays.asList(e.actorId(), e.action(), e.targetId(), e.address(),
        e.before(), e.after()));
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    encode(digest, Arrays.asList(String.valueOf(e.id()), e.at().toString(), e.actorRole(),
        e.targetType()));
    digest.update(personal.digest());
    digest.update(previous);
    return digest.digest();
  }

  private static void encode(MessageDigest digest, List<String> fields) {
    for (String field : fields) {
      if (field == null) {
        digest.update("-1:".getBytes(StandardCharsets.UTF_8));
      } else {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
      }
    }
  }
}
