package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.checker.CheckReport;
import io.switchboard.checker.ClientHistory;
import io.switchboard.checker.HistoryChecker;
import io.switchboard.checker.HistoryRecorder;
import io.switchboard.checker.StoredHistoryReader;
import io.switchboard.checker.Violation;
import io.switchboard.sdk.ClientLog;
import io.switchboard.server.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history checker against real PostgreSQL. Each test writes a history into a schema of its
 * own whose tables have the columns of the real ones but none of their constraints, so that the
 * bad histories the constraints forbid can be stored too, and the checker must catch each.
 */
class HistoryCheckerTest {
  private static final UUID ALICE = UUID.randomUUID();
  private static final UUID BOB = UUID.randomUUID();
  private final String schema = "history_" + UUID.randomUUID().toString().replace("-", "");
  private final UUID conversation = UUID.randomUUID();
  private final HistoryRecorder recorder = new HistoryRecorder();
  private Connection connection;

  @BeforeEach
  void createSchema() throws SQLException {
    connection = DriverManager.getConnection(TestServices.jdbcUrl());
    sql("CREATE SCHEMA " + schema, "SET search_path TO " + schema,
        "CREATE TABLE conversations (id uuid, site_id text, last_seq bigint)",
        "CREATE TABLE messages (conversation_id uuid, seq bigint, client_msg_id text)",
        "CREATE TABLE conversation_events (id bigserial, conversation_id uuid, kind text,"
            + " actor_id text, detail jsonb NOT NULL DEFAULT '{}')",
        "CREATE TABLE users (id uuid, capacity int)",
        "INSERT INTO users VALUES ('" + ALICE + "', 1), ('" + BOB + "', 2)");
  }

  @AfterEach
  void dropSchema() throws SQLException {
    sql("DROP SCHEMA " + schema + " CASCADE");
    connection.close();
  }

  private void sql(String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String text : statements) {
        statement.execute(text);
      }
    }
  }

  /** Stores {@code conversation} with messages m1..mN at seq 1..N, last_seq N. */
  private void stored(UUID id, int count) throws SQLException {
    sql("INSERT INTO conversations VALUES ('" + id + "', 'site', " + count + ")");
    for (int seq = 1; seq <= count; seq++) {
      message(id, seq, "m" + seq);
    }
  }

  private void message(UUID id, long seq, String clientMsgId) throws SQLException {
    sql("INSERT INTO messages VALUES ('" + id + "', " + seq + ", '" + clientMsgId + "')");
  }

  private void event(UUID id, String kind, UUID agent) throws SQLException {
    sql("INSERT INTO conversation_events (conversation_id, kind, actor_id, detail) VALUES ('"
        + id + "', '" + kind + "', " + (agent == null ? "NULL" : "'" + agent + "'") + ", '{}')");
  }

  /** A client that sent and had acknowledged m1..mN, and received seq 1..received. */
  private void client(String name, int acked, int received) {
    ClientLog log = recorder.log(name);
    for (int seq = 1; seq <= acked; seq++) {
      log.sent(conversation.toString(), "m" + seq);
      log.acked(conversation.toString(), "m" + seq, seq);
    }
    for (int seq = 1; seq <= received; seq++) {
      log.received(conversation.toString(), seq, "m" + seq);
    }
  }

  private CheckReport check(boolean requireCaughtUp) throws SQLException {
    ClientHistory history = recorder.history();
    return HistoryChecker.check(history,
        StoredHistoryReader.read(connection, history.conversationIds(), List.of("site")),
        requireCaughtUp);
  }

  private List<Violation.Kind> kinds(CheckReport report) {
    return report.violations().stream().map(Violation::kind).toList();
  }

  @Test
  void aGoodHistoryIsClean() throws Exception {
    stored(conversation, 5);
    client("visitor", 5, 5);
    client("agent", 0, 5);
    event(conversation, "queued", null);
    event(conversation, "assigned", ALICE);
    event(conversation, "closed", null);
    UUID second = UUID.randomUUID();
    stored(second, 0);
    event(second, "assigned", ALICE);
    event(second, "requeued", null);
    event(second, "assigned", BOB);
    event(second, "transferred", null);

    CheckReport report = check(true);
    assertThat(report.violations()).isEmpty();
    assertThat(report.sent()).isEqualTo(5);
    assertThat(report.acknowledged()).isEqualTo(5);
    assertThat(report.lost()).isZero();
    assertThat(report.duplicated()).isZero();
  }

  @Test
  void aClientStillCatchingUpIsAPrefixButNotCaughtUp() throws Exception {
    stored(conversation, 5);
    client("agent", 0, 3);
    assertThat(check(false).violations()).isEmpty();
    assertThat(kinds(check(true))).containsExactly(Violation.Kind.VIEW_BEHIND);
  }

  @Test
  void anAcknowledgedMessageMissingFromPostgresIsLost() throws Exception {
    stored(conversation, 2);
    client("visitor", 3, 0);
    CheckReport report = check(false);
    assertThat(kinds(report)).containsExactly(Violation.Kind.LOST_ACK);
    assertThat(report.lost()).isEqualTo(1);
  }

  @Test
  void anAckWithAnotherSeqThanStoredIsCaught() throws Exception {
    stored(conversation, 2);
    recorder.log("visitor").acked(conversation.toString(), "m2", 1);
    assertThat(kinds(check(false))).containsExactly(Violation.Kind.ACK_SEQ_MISMATCH);
  }

  @Test
  void duplicateSeqsAndClientMsgIdsAreCaught() throws Exception {
    stored(conversation, 3);
    message(conversation, 3, "m3-again");
    message(conversation, 4, "m1");
    sql("UPDATE conversations SET last_seq = 4");
    CheckReport report = check(false);
    assertThat(kinds(report)).containsExactlyInAnyOrder(
        Violation.Kind.DUPLICATE_SEQ, Violation.Kind.DUPLICATE_CLIENT_MSG_ID);
    assertThat(report.duplicated()).isEqualTo(2);
  }

  @Test
  void oneClientMsgIdAcknowledgedUnderTwoSeqsIsADuplicate() throws Exception {
    stored(conversation, 2);
    ClientLog log = recorder.log("visitor");
    log.acked(conversation.toString(), "m1", 1);
    log.acked(conversation.toString(), "m1", 2);
    assertThat(kinds(check(false))).containsExactly(Violation.Kind.DUPLICATE_CLIENT_MSG_ID);
  }

  @Test
  void aStoredGapOrAWrongLastSeqIsCaught() throws Exception {
    stored(conversation, 2);
    message(conversation, 4, "m4");
    UUID other = UUID.randomUUID();
    stored(other, 2);
    sql("UPDATE conversations SET last_seq = 3 WHERE id = '" + other + "'");
    assertThat(kinds(check(false)))
        .containsExactly(Violation.Kind.TRANSCRIPT_GAP, Violation.Kind.TRANSCRIPT_GAP);
  }

  @Test
  void aViewWithAGapADuplicateOrAWrongMessageIsNotAPrefix() throws Exception {
    stored(conversation, 4);
    ClientLog gap = recorder.log("gap");
    gap.received(conversation.toString(), 1, "m1");
    gap.received(conversation.toString(), 3, "m3");
    ClientLog twice = recorder.log("twice");
    twice.received(conversation.toString(), 1, "m1");
    twice.received(conversation.toString(), 2, "m2");
    twice.received(conversation.toString(), 2, "m2");
    ClientLog wrong = recorder.log("wrong");
    wrong.received(conversation.toString(), 1, "m1");
    wrong.received(conversation.toString(), 2, "not-stored");
    ClientLog beyond = recorder.log("beyond");
    for (int seq = 1; seq <= 5; seq++) {
      beyond.received(conversation.toString(), seq, "m" + seq);
    }
    CheckReport report = check(false);
    assertThat(kinds(report)).containsOnly(Violation.Kind.VIEW_NOT_PREFIX).hasSize(4);
  }

  @Test
  void aReloadFromSeqOneStartsANewViewAndIsCounted() throws Exception {
    stored(conversation, 3);
    ClientLog log = recorder.log("reloading");
    log.received(conversation.toString(), 1, "m1");
    log.received(conversation.toString(), 2, "m2");
    for (int seq = 1; seq <= 3; seq++) {
      log.received(conversation.toString(), seq, "m" + seq);
    }
    CheckReport report = check(true);
    assertThat(report.violations()).isEmpty();
    assertThat(report.reloads()).isEqualTo(1);
  }

  @Test
  void aConversationAssignedWhileAnotherAgentHoldsItIsCaught() throws Exception {
    stored(conversation, 0);
    event(conversation, "assigned", BOB);
    event(conversation, "accepted", BOB);
    event(conversation, "assigned", ALICE);
    assertThat(kinds(check(false))).containsExactly(Violation.Kind.DOUBLE_ASSIGNMENT);
  }

  @Test
  void anAgentOverCapacityIsCaught() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    stored(first, 0);
    stored(second, 0);
    event(first, "assigned", ALICE);
    event(first, "closed", null);
    event(second, "assigned", ALICE);
    assertThat(check(false).violations()).isEmpty();

    UUID third = UUID.randomUUID();
    stored(third, 0);
    event(third, "assigned", ALICE);
    CheckReport report = check(false);
    assertThat(kinds(report)).containsExactly(Violation.Kind.OVER_CAPACITY);
    assertThat(report.violations().get(0).detail()).contains(ALICE.toString(), "capacity 1");
  }

  @Test
  void theLogsRoundTripThroughAFile() throws Exception {
    stored(conversation, 3);
    client("visitor", 3, 3);
    Path file = Files.createTempFile("client-history", ".tsv");
    try {
      recorder.history().write(file);
      ClientHistory read = ClientHistory.read(file);
      assertThat(read.events()).isEqualTo(recorder.history().events());
    } finally {
      Files.delete(file);
    }
  }
}
