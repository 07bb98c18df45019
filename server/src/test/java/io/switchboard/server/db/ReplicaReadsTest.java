package io.switchboard.server.db;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.backup.StreamingReplica;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with {@code SWITCHBOARD_DATABASE_REPLICA_URL} reads search and reports from a real
 * streaming replica (started here from a base backup of the primary): while the replica's replay
 * is paused, a ticket written on the primary is not found, and it is once replay resumes. When the
 * replica goes away, the same reads come from the primary. Writes never go to the replica.
 */
class ReplicaReadsTest {
  private static final String SLA_REPORT = "/v1/reports/sla?from="
      + LocalDate.now(ZoneOffset.UTC).minusDays(7) + "&to=" + LocalDate.now(ZoneOffset.UTC);
  @TempDir
  Path temp;

  @Test
  void searchAndReportsReadFromTheReplicaAndFromThePrimaryWhenItIsGone() throws Exception {
    Path primaryData = temp.resolve("primary");
    try (EmbeddedPostgresService primary =
            EmbeddedPostgresService.start(primaryData, 0, Duration.ofSeconds(60), false);
        EmbeddedPostgresService replica =
            StreamingReplica.start(primary, primaryData, temp.resolve("replica"));
        TestNode node = TestNode.start(Map.of("SWITCHBOARD_DATABASE_URL", primary.jdbcUrl(),
            "SWITCHBOARD_DATABASE_REPLICA_URL", replica.jdbcUrl()))) {
      assertThat(query(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
      assertThat(readsFromStandby(node)).isTrue();
      Fixtures fixtures = Fixtures.create(node.node().database().jdbi());
      String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
      String first = word();
      String firstId = openTicket(node, admin, fixtures, first);
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> ids(node, admin, first).contains(firstId));

      query(replica, "SELECT pg_wal_replay_pause()::text");
      String second = word();
      String secondId = openTicket(node, admin, fixtures, second);
      assertThat(query(primary, "SELECT count(*)::text FROM tickets WHERE id = '" + secondId + "'"))
          .isEqualTo("1");
      // The replica has not replayed it: search (read there) does not find it, again and again.
      for (int i = 0; i < 5; i++) {
        assertThat(ids(node, admin, second)).doesNotContain(secondId);
      }
      JsonNode sla = expect(200, Http.get(node.http(), SLA_REPORT, admin));
      assertThat(sla.get("rows").isArray()).isTrue();
      query(replica, "SELECT pg_wal_replay_resume()::text");
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> ids(node, admin, second).contains(secondId));

      // The replica stops: reads go to the primary, which has everything.
      query(replica, "SELECT pg_wal_replay_pause()::text");
      String third = word();
      String thirdId = openTicket(node, admin, fixtures, third);
      replica.close();
      assertThat(ids(node, admin, third)).contains(thirdId);
      assertThat(ids(node, admin, first)).contains(firstId);
      assertThat(readsFromStandby(node)).isFalse();
      assertThat(expect(200, Http.get(node.http(), SLA_REPORT, admin)).get("rows").isArray())
          .isTrue();
    }
  }

  private static boolean readsFromStandby(TestNode node) {
    return node.node().database().readJdbi().withHandle(handle ->
        handle.createQuery("SELECT pg_is_in_recovery()").mapTo(Boolean.class).one());
  }

  private static String word() {
    StringBuilder word = new StringBuilder("replica");
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return word.toString();
  }

  private static String openTicket(TestNode node, String token, Fixtures fixtures, String word)
      throws Exception {
    return Tickets.open(node.http(), token, fixtures.queueId, "Parcel " + word + " lost")
        .get("id").asText();
  }

  private static String ids(TestNode node, String token, String word) throws Exception {
    return expect(200, Http.get(node.http(), "/v1/search?q=" + word, token)).get("results")
        .toString();
  }

  private static String query(EmbeddedPostgresService postgres, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
