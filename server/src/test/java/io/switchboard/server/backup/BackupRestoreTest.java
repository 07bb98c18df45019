package io.switchboard.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.embedded.EmbeddedPostgresService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup through the low-level API of an embedded PostgreSQL that a writer keeps writing to,
 * restored into a fresh folder: the restored table holds every row committed before
 * {@code pg_backup_stop} began, nothing issued after it returned, and no gap; the attachments come
 * back byte for byte; a non-empty target and a damaged backup are refused.
 */
class BackupRestoreTest {
  @TempDir
  Path temp;

  @Test
  void restoresTheStateAtTheEndOfAnOnlineBackup() throws Exception {
    Path data = temp.resolve("data");
    Path attachment = data.resolve("attachments").resolve("ab").resolve("abcdef");
    Files.createDirectories(attachment.getParent());
    Files.write(attachment, new byte[] {1, 2, 3, 4, 5});
    EmbeddedPostgresService postgres = EmbeddedPostgresService.start(data.resolve("postgres"), 0);
    AtomicLong issued = new AtomicLong();
    AtomicLong acked = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer;
    long ackedBeforeStop;
    long issuedAfterStop;
    try (Connection setup = DriverManager.getConnection(postgres.jdbcUrl())) {
      setup.createStatement().execute(
          "CREATE TABLE items (id bigint PRIMARY KEY, body text NOT NULL)");
      writer = Thread.ofPlatform().start(() -> write(postgres.jdbcUrl(), issued, acked, writing));
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
          .until(() -> acked.get() >= 200);
      AtomicLong beforeStop = new AtomicLong(-1);
      AtomicLong afterStop = new AtomicLong(-1);
      StepTimer steps = new StepTimer(System.out, name -> {
        if (name.startsWith("PostgreSQL: copy the data directory")) {
          switchWalTwice(setup); // the backup's WAL then spans at least three segments
        } else if (name.startsWith("PostgreSQL: pg_backup_stop")) {
          beforeStop.set(acked.get());
        } else if (beforeStop.get() >= 0 && afterStop.get() < 0) {
          afterStop.set(issued.get());
        }
      });
      BackupManifest manifest = BackupCommand.backup(new BackupCommand.Options(data, null,
          temp.resolve("backup")), steps);
      ackedBeforeStop = beforeStop.get();
      issuedAfterStop = afterStop.get();
      assertThat(manifest.sourceWasRunning()).isTrue();
      assertThat(manifest.rowsExact()).isFalse();
      assertThat(manifest.postgresVersion()).startsWith("18");
      assertThat(manifest.walFiles()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(manifest.files()).extracting(BackupManifest.FileEntry::path)
          .contains("postgres/backup_label", "postgres/PG_VERSION", "files/attachments/ab/abcdef")
          .noneMatch(path -> path.endsWith("postmaster.pid"));
    } finally {
      writing.set(false);
      postgres.close();
    }
    writer.join();
    assertThat(acked.get()).as("the writer kept writing after the backup").isGreaterThan(
        issuedAfterStop);

    Path restored = temp.resolve("restored");
    RestoreCommand.Result result = RestoreCommand.restore(new RestoreCommand.Options(
        temp.resolve("backup"), restored, null), new StepTimer(System.out));
    long rows = result.tableRows().get("public.items") - 1; // less the row between the switches
    assertThat(rows).isBetween(ackedBeforeStop, issuedAfterStop);
    assertThat(Files.readAllBytes(restored.resolve("attachments/ab/abcdef")))
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(Files.exists(restored.resolve("postgres/backup_label")))
        .as("recovery from backup_label finished").isFalse();
    assertThat(restored.resolve("postgres/backup_label.old")).exists();

    EmbeddedPostgresService again = EmbeddedPostgresService.start(restored.resolve("postgres"), 0);
    try (Connection c = DriverManager.getConnection(again.jdbcUrl());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE id > 0), min(id) FILTER (WHERE id > 0), max(id),"
            + " count(*) FILTER (WHERE id = -1) FROM items")) {
      rs.next();
      assertThat(rs.getLong(1)).as("rows").isEqualTo(rows);
      assertThat(rs.getLong(2)).isEqualTo(1);
      assertThat(rs.getLong(3)).as("no gap: the ids are 1..n").isEqualTo(rows);
      assertThat(rs.getLong(4)).as("the row written between the WAL switches").isEqualTo(1);
    } finally {
      again.close();
    }

    assertThatThrownBy(() -> RestoreCommand.restore(new RestoreCommand.Options(
        temp.resolve("backup"), restored, null), new StepTimer(System.out)))
        .isInstanceOf(IOException.class).hasMessageContaining("is not empty");
    Files.write(temp.resolve("backup/files/attachments/ab/abcdef"), new byte[] {9, 9, 9, 9, 9});
    assertThatThrownBy(() -> RestoreCommand.restore(new RestoreCommand.Options(
        temp.resolve("backup"), temp.resolve("second"), null), new StepTimer(System.out)))
        .isInstanceOf(IOException.class).hasMessageContaining("damaged")
        .hasMessageContaining("files/attachments/ab/abcdef");
  }

  private static void switchWalTwice(Connection connection) {
    try (Statement st = connection.createStatement()) {
      st.execute("SELECT pg_switch_wal()");
      st.execute("INSERT INTO items VALUES (-1, 'between switches')");
      st.execute("SELECT pg_switch_wal()");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDumpNeedsAClientAtLeastAsNewAsTheServer() {
    assertThatThrownBy(() -> DumpBackup.tool("pg_dump", 99)).isInstanceOf(IOException.class)
        .hasMessageContaining("the server is PostgreSQL 99")
        .hasMessageContaining("install postgresql-client-99");
  }

  /** Inserts ids 1, 2, 3, ... one transaction each until told to stop. */
  private static void write(String url, AtomicLong issued, AtomicLong acked,
      AtomicBoolean writing) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement insert = c.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
      while (writing.get()) {
        long id = issued.incrementAndGet();
        insert.setLong(1, id);
        insert.setString(2, "row " + id);
        insert.executeUpdate();
        acked.set(id);
      }
    } catch (Exception e) {
      if (writing.get()) {
        throw new IllegalStateException(e);
      }
    }
  }
}
