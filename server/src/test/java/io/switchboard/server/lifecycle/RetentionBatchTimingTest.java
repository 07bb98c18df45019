package io.switchboard.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.blob.FileBlobStore;
import io.switchboard.server.store.lifecycle.RetentionDao;
import io.switchboard.server.store.lifecycle.RetentionSetting;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a retention batch costs on a database of its own holding 300,000 messages (10,000 closed
 * conversations of 30 messages, all past the site's days): the job deletes them in batches of
 * 500 conversations, and the time per batch is printed, which is what tells whether the messages
 * table needs monthly partitions (README "Data retention and GDPR requests"). A measurement, not
 * a check of speed: tagged {@code fault-long}, so it runs only when asked for
 * ({@code -Dtest=RetentionBatchTimingTest -Dgroups=fault-long -Dfault.excludedGroups=none}), and
 * it asserts only that everything old went.
 */
@Tag("fault-long")
class RetentionBatchTimingTest {
  private static final int CONVERSATIONS = 10_000;
  private static final int MESSAGES_EACH = 30;

  @TempDir
  Path blobs;

  @Test
  void batchesOfFiveHundredConversationsDeleteThreeHundredThousandMessages()
      throws Exception {
    try (Database db = Database.open(new DatabaseSettings(StoreFixture.freshDatabaseUrl(), 4,
        Duration.ofSeconds(10), Duration.ofSeconds(30)))) {
      Jdbi jdbi = db.jdbi();
      Fixtures site = Fixtures.create(jdbi);
      jdbi.useHandle(h -> {
        h.createUpdate("""
                INSERT INTO contacts (id, site_id)
                SELECT gen_random_uuid(), :site FROM generate_series(1, :n)""")
            .bind("site", site.siteId).bind("n", CONVERSATIONS).execute();
        h.createUpdate("""
                INSERT INTO conversations (id, site_id, contact_id, queue_id, status, created_at,
                    enqueued_at, closed_at, closed_by)
                SELECT gen_random_uuid(), site_id, id, :queue, 'closed',
                    now() - interval '100 days', now() - interval '100 days',
                    now() - interval '99 days', 'visitor'
                FROM contacts WHERE site_id = :site""")
            .bind("site", site.siteId).bind("queue", site.queueId).execute();
      });
      // One statement per message number: each stays well inside the statement timeout.
      for (int seq = 1; seq <= MESSAGES_EACH; seq++) {
        int s = seq;
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO messages (conversation_id, seq, client_msg_id, sender_role,
                    sender_id, body, created_at)
                SELECT c.id, :s, 'm-' || :s, 'visitor', c.contact_id::text,
                    'message number ' || :s || ' about order ' || left(c.id::text, 8),
                    c.created_at + :s * interval '1 second'
                FROM conversations c WHERE c.site_id = :site""")
            .bind("site", site.siteId).bind("s", s).execute());
      }
      jdbi.useHandle(h -> h.execute("ANALYZE"));
      new RetentionDao(jdbi).save(new RetentionSetting(site.siteId, true, 30,
          RetentionSetting.DELETE, Instant.now()));
      RetentionJob job = new RetentionJob(jdbi, new AttachmentDao(jdbi),
          new FileBlobStore(blobs), new AuditDao(jdbi), Clock.systemUTC());

      long start = System.nanoTime();
      List<RetentionJob.SiteRun> runs = job.runOnce();
      double seconds = (System.nanoTime() - start) / 1e9;
      int batches = CONVERSATIONS / RetentionJob.BATCH;
      double perBatch = seconds / batches;
      System.out.printf("retention: %d conversations, %d messages deleted in %.2f s,"
          + " %d batches, %.3f s per batch%n", CONVERSATIONS, CONVERSATIONS * MESSAGES_EACH,
          seconds, batches, perBatch);
      assertThat(runs).singleElement().satisfies(run ->
          assertThat(run.conversations()).isEqualTo(CONVERSATIONS));
      assertThat((long) jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM messages m"
          + " JOIN conversations c ON c.id = m.conversation_id WHERE c.site_id = :site")
          .bind("site", site.siteId).mapTo(Long.class).one())).isZero();
    }
  }
}
