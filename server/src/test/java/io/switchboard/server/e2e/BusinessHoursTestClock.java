package io.switchboard.server.e2e;

import io.switchboard.server.store.queue.QueueScheduleDao;
import java.time.Instant;

/** Shared times and hours for the business-hours tests (office hours Mon-Fri 09-17 Berlin). */
public final class BusinessHoursTestClock {
  private BusinessHoursTestClock() {}

  /** The next Wednesday at 20:00 in Berlin: closed. */
  public static Instant evening() {
    return BusinessHoursTest.nextWednesdayAt(20);
  }

  /** The next Wednesday at 10:00 in Berlin: open. */
  public static Instant morning() {
    return BusinessHoursTest.nextWednesdayAt(10);
  }

  public static void officeHours(QueueScheduleDao schedules, String queueId) {
    BusinessHoursTest.officeHours(schedules, queueId);
  }
}
