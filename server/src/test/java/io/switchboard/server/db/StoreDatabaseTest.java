package io.switchboard.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StoreDatabaseTest {

  @Test
  void severalProcessesMayMigrateOneDatabaseAtOnce() throws Exception {
    String url = StoreFixture.freshDatabaseUrl();
    DatabaseSettings settings = DatabaseSettings.defaults(url).withPoolSize(3);
    List<Database> opened = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      List<Future<Database>> starts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        starts.add(pool.submit((Callable<Database>) () -> Database.open(settings)));
      }
      for (Future<Database> start : starts) {
        opened.add(start.get());
      }
    }
    try {
      for (Database database : opened) {
        assertThat(new SiteDao(database.jdbi()).anySite()).isFalse();
      }
      List<String> applied = opened.getFirst().jdbi().withHandle(handle -> handle
          .createQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
          .mapTo(String.class)
          .list());
      long migrations;
      try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
          getClass().getClassLoader().getResource("db/migration").toURI()))) {
        migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
      }
      assertThat(applied).as("every migration applied exactly once").doesNotHaveDuplicates()
          .hasSize((int) migrations);
    } finally {
      opened.forEach(Database::close);
    }
  }

  @Test
  void openingAnUnreachableDatabaseFailsQuicklyAsUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    DatabaseSettings settings = new DatabaseSettings(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres",
        2, Duration.ofMillis(500), Duration.ofSeconds(5));
    long started = System.nanoTime();
    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void settingsRejectNonsense() {
    assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://x", 4,
        Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatabaseSettings.defaults("jdbc:postgresql://x/db").withPoolSize(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
