package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.auth.PasswordHasher;
import io.switchboard.server.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data generator at scale 0.001 on fresh databases of the test PostgreSQL: the counts, the
 * history's invariants, the staff login, the figures file, and the same seed giving the same data.
 */
class DataGeneratorTest {
  private static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(END, ZoneOffset.UTC);
  @TempDir
  static Path results;
  private static String url;
  private static Path resultFile;

  @BeforeAll
  static void generate() throws Exception {
    url = StoreFixture.freshDatabaseUrl();
    resultFile = DataGenerator.generate(options("42"), url, CLOCK);
  }

  private static DataGenerator.Options options(String seed) {
    return DataGenerator.Options.parse(List.of("--scale", "0.001", "--seed", seed, "--end",
        END.toString(), "--results", results.toString()), Map.of(), CLOCK);
  }

  @Test
  void fillsEveryTableAtTheScaleAsked() throws Exception {
    Map<String, Long> counts = new DataGeneration(url, System.out).counts();
    assertThat(counts.get("conversations")).isEqualTo(1_000);
    assertThat(counts.get("contacts")).isEqualTo(500);
    assertThat(counts.get("companies")).isEqualTo(20);
    assertThat(counts.get("messages")).isBetween(17_000L, 23_000L);
    assertThat(counts.get("tickets")).isBetween(190L, 200L);
    assertThat(counts).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    assertThat(Files.readString(resultFile)).contains("| messages | " + String.format("%,d",
        counts.get("messages")));
  }

  @Test
  void conversationsHaveAGapFreeAndTimelyHistory() throws Exception {
    assertThat(number("""
        SELECT count(*) FROM conversations c
        LEFT JOIN (SELECT conversation_id, count(*) AS n, max(seq) AS top, min(created_at) AS first_at,
                          max(created_at) AS last_at FROM messages GROUP BY conversation_id) m
          ON m.conversation_id = c.id
        WHERE m.n IS DISTINCT FROM c.last_seq OR m.top <> m.n OR m.first_at < c.created_at
           OR m.last_at > coalesce(c.closed_at, ?::timestamptz)""")).isZero();
    assertThat(number("""
        SELECT count(*) FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id
        WHERE c.id IS NULL""")).isZero();
    assertThat(number("""
        SELECT count(*) FROM conversations
        WHERE (status = 'closed') <> (closed_at IS NOT NULL)
           OR (agent_id IS NOT NULL AND NOT (created_at <= assigned_at AND assigned_at <= accepted_at
               AND accepted_at <= first_agent_response_at
               AND first_agent_response_at <= coalesce(closed_at, first_agent_response_at)))
           OR closed_at > ?::timestamptz""")).isZero();
    assertThat(number("SELECT count(*) FROM conversations WHERE status <> 'closed'")).isPositive();
    assertThat(number("""
        SELECT count(*) FROM ratings r JOIN conversations c ON c.id = r.conversation_id
        WHERE c.status <> 'closed' OR c.agent_id IS NULL OR r.contact_id <> c.contact_id
           OR r.created_at < c.closed_at""")).isZero();
    assertThat(number("""
        SELECT count(*) FROM conversations c
        WHERE (SELECT array_agg(kind ORDER BY id) FROM conversation_events e WHERE e.conversation_id = c.id)
          <> (CASE WHEN status = 'closed' AND agent_id IS NULL THEN ARRAY['queued', 'closed']
                   WHEN status = 'closed' THEN ARRAY['queued', 'assigned', 'accepted', 'closed']
                   WHEN status = 'queued' THEN ARRAY['queued']
                   WHEN accepted_at IS NULL THEN ARRAY['queued', 'assigned']
                   ELSE ARRAY['queued', 'assigned', 'accepted'] END)""")).isZero();
    assertThat(number("""
        SELECT count(DISTINCT body) FROM messages WHERE body ~ '[退款发票密码物流]'""")).isPositive();
  }

  @Test
  void ticketsAreNumberedAndTheirStatusFollowsTheirHistory() throws Exception {
    assertThat(number("""
        SELECT count(*) FROM (SELECT site_id, count(*) AS n, max(number) AS top FROM tickets GROUP BY site_id) t
        JOIN ticket_numbers n USING (site_id) WHERE t.n <> t.top OR n.last_number <> t.top""")).isZero();
    assertThat(number("""
        SELECT count(*) FROM tickets t
        WHERE t.status <> coalesce((SELECT detail ->> 'to' FROM ticket_events e
                                    WHERE e.ticket_id = t.id AND e.kind = 'status'
                                    ORDER BY at DESC, id DESC LIMIT 1), 'new')
           OR NOT EXISTS (SELECT 1 FROM ticket_entries e WHERE e.ticket_id = t.id)
           OR (t.status = 'closed') <> (t.closed_at IS NOT NULL)
           OR t.created_at < (SELECT created_at FROM contacts c WHERE c.id = t.contact_id)""")).isZero();
    assertThat(number("SELECT count(DISTINCT type) FROM tickets WHERE type = 'complaint'")).isOne();
  }

  @Test
  void everyAgentHasAYearOfShiftsThatNeverOverlap() throws Exception {
    assertThat(number("""
        SELECT count(*) FROM users u WHERE u.role = 'agent'
        AND (SELECT count(*) FROM agent_status_periods p WHERE p.agent_id = u.id) < 5 * 200""")).isZero();
    assertThat(number("""
        SELECT count(*) FROM agent_status_periods a JOIN agent_status_periods b
          ON a.agent_id = b.agent_id AND a.id < b.id
         AND a.started_at < coalesce(b.ended_at, 'infinity') AND b.started_at < coalesce(a.ended_at, 'infinity')""")).isZero();
    assertThat(number("""
        SELECT count(*) FROM agent_status_periods
        WHERE started_at >= ?::timestamptz OR ended_at > ?::timestamptz
           OR started_at < ?::timestamptz - interval '365 days'""")).isZero();
    assertThat(number("SELECT count(*) FROM agent_status_periods WHERE ended_by = 'lost'")).isPositive();
  }

  @Test
  void staffLogInWithTheKnownPassword() throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT password_hash FROM users WHERE email = 'admin@gen.switchboard.local'")) {
      assertThat(rows.next()).isTrue();
      assertThat(new PasswordHasher().verify(DataGenerator.DEFAULT_PASSWORD, rows.getString(1)))
          .isTrue();
    }
  }

  @Test
  void theSameSeedGivesTheSameDataAndAGeneratedDatabaseIsRefused() throws Exception {
    String again = StoreFixture.freshDatabaseUrl();
    DataGenerator.generate(options("42"), again, CLOCK);
    String digest = "SELECT md5(string_agg(conversation_id || ':' || seq || ':' || body || created_at,"
        + " ',' ORDER BY conversation_id, seq)) FROM messages";
    assertThat(text(again, digest)).isEqualTo(text(url, digest));
    assertThatThrownBy(() -> DataGenerator.generate(options("7"), again, CLOCK))
        .hasMessageContaining("already holds a generated history");
  }

  private static long number(String sql) throws SQLException {
    return Long.parseLong(text(url, sql.replace("?::timestamptz", "'" + END + "'::timestamptz")));
  }

  private static String text(String database, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
