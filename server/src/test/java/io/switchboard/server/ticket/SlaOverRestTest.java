package io.switchboard.server.ticket;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.queue.QueueScheduleDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks through the whole node, with time moved by a controlled clock: the contract's
 * 1 h / 4 h / 24 h, at risk and breach fired by the escalation scheduler and heard live, a
 * policy on a queue's business hours (a ticket on Friday afternoon is due on Monday), a priority
 * change that moves the deadline, a pause, and policy validation.
 */
class SlaOverRestTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** A Monday, 08:00 UTC. */
  private static final Instant MONDAY = Instant.parse("2031-03-03T08:00:00Z");
  private static final MutableClock clock = new MutableClock(MONDAY);
  private static TestNode node;
  private static Fixtures fixtures;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of("SWITCHBOARD_SLA_SCHEDULER_MS", "100"), clock);
    fixtures = Fixtures.create(node.node().database().jdbi());
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void theContractClocksRunFireOnceAndStopAtTheReply() throws Exception {
    clock.set(MONDAY);
    Fixtures.Agent account = fixtures.addAgent(2);
    String token = Http.agentToken(node.http(), account);
    String id = Tickets.open(node.http(), token, fixtures.queueId, "Contract clocks").get("id")
        .asText();
    expect(200, Tickets.call(node.http(), token, "POST", id, "/take", null));
    JsonNode ticket = Tickets.read(node.http(), token, id);
    assertThat(ticket.get("sla").get("policy").get("name").asText()).isEqualTo("Contract default");
    assertThat(clock(ticket, "first_response").get("deadline").asText())
        .isEqualTo(MONDAY.plus(Duration.ofHours(1)).toString());
    assertThat(clock(ticket, "initial_solution").get("deadline").asText())
        .isEqualTo(MONDAY.plus(Duration.ofHours(4)).toString());
    assertThat(clock(ticket, "resolution").get("deadline").asText())
        .isEqualTo(MONDAY.plus(Duration.ofHours(24)).toString());
    assertThat(ticket.get("nextDeadline").asText())
        .isEqualTo(MONDAY.plus(Duration.ofHours(1)).toString());

    try (Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      // 25% of the hour left at 45 minutes: at risk, fired once, heard live.
      moveTo(MONDAY.plus(Duration.ofMinutes(46)));
      ServerMessage.SlaAlert alert = agent.await(ServerMessage.SlaAlert.class,
          event -> event.ticketId().equals(id), Duration.ofSeconds(10));
      assertThat(alert.metric()).isEqualTo("first_response");
      assertThat(alert.kind()).isEqualTo("at_risk");
      assertThat(clock(Tickets.read(node.http(), token, id), "first_response").get("state")
          .asText()).isEqualTo("at_risk");
      moveTo(MONDAY.plus(Duration.ofMinutes(50)));
      expect(201, Tickets.call(node.http(), token, "POST", id, "/replies",
          "{\"text\":\"Looking into it\"}"));
      JsonNode met = clock(Tickets.read(node.http(), token, id), "first_response");
      assertThat(met.get("state").asText()).isEqualTo("met");
      assertThat(met.get("elapsedSeconds").asLong()).isEqualTo(50 * 60);

      // The initial solution breaches at 4 h: once.
      moveTo(MONDAY.plus(Duration.ofHours(4)).plusSeconds(30));
      agent.await(ServerMessage.SlaAlert.class, event -> event.ticketId().equals(id)
          && event.kind().equals("breached"), Duration.ofSeconds(10));
      moveTo(MONDAY.plus(Duration.ofHours(5)));
      assertThat(agent.events().stream().filter(ServerMessage.SlaAlert.class::isInstance)
          .map(ServerMessage.SlaAlert.class::cast).filter(a -> a.ticketId().equals(id))
          .map(a -> a.metric() + "/" + a.kind()).toList())
          .containsExactly("first_response/at_risk", "initial_solution/at_risk",
              "initial_solution/breached");
    }
  }

  @Test
  void aPolicyOnBusinessHoursCountsOnlyOpenTimeAndAPriorityChangeMovesTheDeadline()
      throws Exception {
    Fixtures office = Fixtures.create(node.node().database().jdbi());
    new QueueScheduleDao(node.node().database().jdbi()).setHours(office.queueId, BERLIN,
        List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY).stream().map(day -> new QueueSchedule.Slot(day, LocalTime.of(9, 0),
                LocalTime.of(17, 0))).toList(), null);
    expect(201, Http.call("POST", node.http(), "/v1/admin/sla-policies", admin,
        "{\"name\":\"Office " + office.queueId + "\",\"position\":1,\"conditions\":{\"queues\":[\""
            + office.queueId + "\"]},\"targets\":{\"first_response\":{\"normal\":3600,"
            + "\"urgent\":900},\"resolution\":{\"normal\":28800,\"urgent\":7200}},"
            + "\"calendarQueue\":\"" + office.queueId + "\",\"warnPercent\":25}"));
    Instant friday = ZonedDateTime.of(2031, 3, 7, 16, 30, 0, 0, BERLIN).toInstant();
    clock.set(friday);
    String token = Http.agentToken(node.http(), office.addAgent(2));
    String id = Tickets.open(node.http(), token, office.queueId, "Friday afternoon").get("id")
        .asText();
    JsonNode ticket = Tickets.read(node.http(), token, id);
    assertThat(clock(ticket, "first_response").get("deadline").asText()).isEqualTo(
        ZonedDateTime.of(2031, 3, 10, 9, 30, 0, 0, BERLIN).toInstant().toString());

    clock.set(friday.plus(Duration.ofMinutes(5)));
    expect(200, Tickets.call(node.http(), token, "PUT", id, "", "{\"priority\":\"urgent\"}"));
    assertThat(clock(Tickets.read(node.http(), token, id), "first_response").get("deadline")
        .asText()).isEqualTo(friday.plus(Duration.ofMinutes(15)).toString());

    // Pending pauses resolution; the reply clocks keep running.
    clock.set(friday.plus(Duration.ofMinutes(10)));
    expect(200, Tickets.status(node.http(), token, id, "pending"));
    JsonNode paused = Tickets.read(node.http(), token, id);
    assertThat(clock(paused, "resolution").get("state").asText()).isEqualTo("paused");
    assertThat(clock(paused, "resolution").get("elapsedSeconds").asLong()).isEqualTo(600);
    assertThat(clock(paused, "first_response").get("state").asText()).isIn("running", "at_risk");
  }

  @Test
  void aBreachMovesTheTicketToTheEscalationQueueAndSolvedTicketsCloseByThemselves()
      throws Exception {
    Fixtures team = Fixtures.create(node.node().database().jdbi());
    String escalation = team.queueId + "-escalated";
    new io.switchboard.server.store.queue.QueueDao(node.node().database().jdbi()).create(
        new io.switchboard.server.store.queue.QueueInfo(escalation, team.siteId, "Escalated", 0));
    expect(201, Http.call("POST", node.http(), "/v1/admin/sla-policies", admin,
        "{\"name\":\"Escalate " + team.queueId + "\",\"position\":1,\"conditions\":"
            + "{\"queues\":[\"" + team.queueId + "\"]},\"targets\":{\"first_response\":"
            + "{\"normal\":600}},\"warnPercent\":25,\"actions\":{\"notify\":false,"
            + "\"raisePriority\":true,\"escalationQueue\":\"" + escalation + "\"}}"));
    Instant start = MONDAY.plus(Duration.ofDays(20));
    clock.set(start);
    String token = Http.agentToken(node.http(), team.addAgent(2));
    String late = Tickets.open(node.http(), token, team.queueId, "Nobody answers").get("id")
        .asText();
    String done = Tickets.open(node.http(), token, team.queueId, "Answered").get("id").asText();
    expect(201, Tickets.call(node.http(), token, "POST", done, "/replies",
        "{\"text\":\"Fixed\",\"status\":\"solved\"}"));

    moveTo(start.plus(Duration.ofMinutes(11)));
    // Other tickets of the shared database may be due in the same cycles: wait for this one.
    JsonNode escalated = await().atMost(Duration.ofSeconds(15)).until(
        () -> Tickets.read(node.http(), admin, late),
        ticket -> ticket.get("queue").asText().equals(escalation));
    assertThat(escalated.get("queue").asText()).isEqualTo(escalation);
    assertThat(escalated.get("priority").asText()).isEqualTo("high");
    assertThat(escalated.get("history")).anySatisfy(event -> {
      assertThat(event.get("kind").asText()).isEqualTo("queue");
      assertThat(event.get("actor").get("id").asText()).isEqualTo("system");
      assertThat(event.get("detail").get("reason").asText()).isEqualTo("sla_breach");
    });
    assertThat(Tickets.read(node.http(), admin, done).get("status").asText()).isEqualTo("solved");

    // Four days after the solve (the site's default), the solved ticket closes by itself.
    moveTo(start.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(2)));
    JsonNode closed = await().atMost(Duration.ofSeconds(15)).until(
        () -> Tickets.read(node.http(), admin, done),
        ticket -> ticket.get("status").asText().equals("closed"));
    assertThat(closed.get("history").get(closed.get("history").size() - 1).get("actor")
        .get("id").asText()).isEqualTo("system");
  }

  @Test
  void policiesAreValidatedFieldByField() throws Exception {
    assertThat(refusal("{\"position\":1}")).startsWith("name:");
    assertThat(refusal("{\"name\":\"X\",\"warnPercent\":0}")).startsWith("warnPercent:");
    assertThat(refusal("{\"name\":\"X\",\"targets\":{\"lunch\":{\"normal\":60}}}"))
        .startsWith("targets:");
    assertThat(refusal("{\"name\":\"X\",\"targets\":{\"first_response\":{\"normal\":0}}}"))
        .startsWith("targets.first_response.normal:");
    assertThat(refusal("{\"name\":\"X\",\"calendarQueue\":\"no-such-queue\"}"))
        .startsWith("calendarQueue:");
    assertThat(refusal("{\"name\":\"X\",\"conditions\":{\"priorities\":[\"extreme\"]}}"))
        .startsWith("conditions.priorities:");
    String agent = Http.agentToken(node.http(), fixtures.addAgent(1));
    assertThat(Http.get(node.http(), "/v1/admin/sla-policies", agent).status()).isEqualTo(403);
    JsonNode list = expect(200, Http.get(node.http(), "/v1/admin/sla-policies", admin));
    assertThat(list).extracting(p -> p.get("name").asText()).contains("Contract default");
    assertThat(Http.call("DELETE", node.http(), "/v1/admin/sla-policies/999999", admin, null)
        .status()).isEqualTo(404);
  }

  @Test
  void policiesAreRankedWithoutGapsOrTies() throws Exception {
    // For a queue of its own, so no other ticket changes policy meanwhile.
    String tag = Fixtures.create(node.node().database().jdbi()).queueId;
    String only = ",\"conditions\":{\"queues\":[\"" + tag + "\"]}}";
    long first = policyId(expect(201, Http.call("POST", node.http(), "/v1/admin/sla-policies",
        admin, "{\"name\":\"Rank A " + tag + "\"" + only)));
    long second = policyId(expect(201, Http.call("POST", node.http(), "/v1/admin/sla-policies",
        admin, "{\"name\":\"Rank B " + tag + "\"" + only)));
    // New policies go just above the last one: the catch-all stays the fallback.
    List<String> names = ranked();
    assertThat(names.get(names.size() - 1)).isEqualTo("Contract default");
    assertThat(names.indexOf("Rank A " + tag)).isLessThan(names.indexOf("Rank B " + tag));
    // Moving B to A's rank puts it right above A, whatever the numbers were before.
    int rankOfA = names.indexOf("Rank A " + tag) + 1;
    expect(200, Http.call("PUT", node.http(), "/v1/admin/sla-policies/" + second, admin,
        "{\"position\":" + rankOfA + "}"));
    names = ranked();
    assertThat(names.indexOf("Rank B " + tag) + 1).isEqualTo(names.indexOf("Rank A " + tag));
    expect(204, Http.call("DELETE", node.http(), "/v1/admin/sla-policies/" + first, admin, null));
    expect(204, Http.call("DELETE", node.http(), "/v1/admin/sla-policies/" + second, admin, null));
    ranked();
  }

  /** The policies' names in order, after checking their positions are 1 to n. */
  private static List<String> ranked() throws Exception {
    JsonNode list = expect(200, Http.get(node.http(), "/v1/admin/sla-policies", admin));
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      assertThat(list.get(i).get("position").asInt()).as(list.toString()).isEqualTo(i + 1);
      names.add(list.get(i).get("name").asText());
    }
    return names;
  }

  private static long policyId(JsonNode policy) {
    return policy.get("id").asLong();
  }

  private static String refusal(String body) throws Exception {
    Http.Reply reply = Http.call("POST", node.http(), "/v1/admin/sla-policies", admin, body);
    assertThat(reply.status()).as(body).isEqualTo(400);
    return reply.body().get("error").get("message").asText();
  }

  /** Moves time and waits for two whole cycles of the escalation scheduler. */
  private static void moveTo(Instant instant) {
    clock.set(instant);
    long seen = node.node().escalationCycles().finished();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> node.node().escalationCycles().finished() >= seen + 2);
  }

  private static JsonNode clock(JsonNode ticket, String metric) {
    for (JsonNode clock : ticket.get("sla").get("clocks")) {
      if (clock.get("metric").asText().equals(metric)) {
        return clock;
      }
    }
    throw new AssertionError("no " + metric + " clock in " + ticket.get("sla"));
  }
}
