package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.sdk.ChatException;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.queue.QueueScheduleDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Business hours (Monday to Friday, 09:00-17:00 in Berlin) and a holiday, judged by a clock the
 * test controls: inside them visitors start chats; outside them, or on the holiday, the widget
 * config says the queue is closed and {@code start} answers {@code queue_closed}.
 */
class BusinessHoursTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final MutableClock clock = new MutableClock(Instant.now());
  private static TestNode node;
  private static Fixtures fixtures;

  /** The next Wednesday (after today) at {@code time} in Berlin. */
  static Instant nextWednesdayAt(int hour) {
    return ZonedDateTime.now(BERLIN).plusDays(1)
        .with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY))
        .with(LocalTime.of(hour, 0)).toInstant();
  }

  /** Opening hours Mon-Fri 09-17 Berlin, and the Thursday after {@code nextWednesdayAt} off. */
  static void officeHours(QueueScheduleDao schedules, String queueId) {
    List<QueueSchedule.Slot> weekdays = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).stream()
        .map(day -> new QueueSchedule.Slot(day, LocalTime.of(9, 0), LocalTime.of(17, 0))).toList();
    schedules.setHours(queueId, BERLIN, weekdays, 300);
    schedules.addHoliday(queueId, nextWednesdayAt(10).atZone(BERLIN).toLocalDate().plusDays(1),
        "Company day");
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of(), clock);
    fixtures = Fixtures.create(node.node().database().jdbi());
    officeHours(new QueueScheduleDao(node.node().database().jdbi()), fixtures.queueId);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private JsonNode queueConfig() throws Exception {
    return Http.get(node.http(), "/v1/widget/config?siteKey=" + fixtures.siteKey, null).body()
        .get("queues").get(0);
  }

  @Test
  void insideBusinessHoursVisitorsChatAndOutsideOrOnAHolidayTheQueueIsClosed() throws Exception {
    Instant wednesdayMorning = nextWednesdayAt(10);
    clock.set(wednesdayMorning);
    assertThat(queueConfig().get("open").asBoolean()).isTrue();
    assertThat(queueConfig().get("maxWaitSeconds").asInt()).isEqualTo(300);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String id = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();

      // In the evening the open conversation is still returned, but new visitors are refused.
      clock.set(nextWednesdayAt(20));
      assertThat(visitor.client().start(fixtures.queueId, Map.of()).get().conversationId()).isEqualTo(id);
      visitor.client().close(id, null).get();
    }
    for (Instant closed : List.of(nextWednesdayAt(20), nextWednesdayAt(7),
        wednesdayMorning.plus(java.time.Duration.ofDays(1)),      // Thursday: the holiday
        wednesdayMorning.plus(java.time.Duration.ofDays(4)))) {   // Sunday
      clock.set(closed);
      assertThat(queueConfig().get("open").asBoolean()).as("open at %s", closed).isFalse();
      try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
        assertThatThrownBy(() -> visitor.client().start(fixtures.queueId, Map.of()).get())
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(ChatException.class)
            .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.QUEUE_CLOSED));
      }
    }
    clock.set(wednesdayMorning.plus(java.time.Duration.ofDays(2))); // Friday morning: open again
    assertThat(queueConfig().get("open").asBoolean()).isTrue();
  }
}
