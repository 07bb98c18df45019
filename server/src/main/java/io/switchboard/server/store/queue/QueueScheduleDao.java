package io.switchboard.server.store.queue;

import io.switchboard.server.db.StoreFailures;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads and writes queues' business hours and holidays.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class QueueScheduleDao {
  private final Jdbi jdbi;

  public QueueScheduleDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The queue's schedule; empty for an unknown queue. */
  public Optional<QueueSchedule> find(String queueId) {
    return StoreFailures.call("queue schedule", () -> jdbi.withHandle(handle -> {
      Optional<Object[]> queue = handle.createQuery(
              "SELECT time_zone, max_wait_seconds, paused FROM queues WHERE id = :id")
          .bind("id", queueId)
          .map((rs, ctx) -> new Object[] {rs.getString("time_zone"),
              rs.getObject("max_wait_seconds", Integer.class), rs.getBoolean("paused")})
          .findOne();
      if (queue.isEmpty()) {
        return Optional.<QueueSchedule>empty();
      }
      List<QueueSchedule.Slot> slots = handle.createQuery(
              "SELECT weekday, opens, closes FROM queue_hours WHERE queue_id = :id ORDER BY weekday, opens")
          .bind("id", queueId)
          .map((rs, ctx) -> new QueueSchedule.Slot(DayOfWeek.of(rs.getInt("weekday")),
              rs.getObject("opens", LocalTime.class), rs.getObject("closes", LocalTime.class)))
          .list();
      List<LocalDate> holidays = handle.createQuery(
              "SELECT day FROM queue_holidays WHERE queue_id = :id")
          .bind("id", queueId)
          .map((rs, ctx) -> rs.getObject("day", LocalDate.class))
          .list();
      return Optional.of(new QueueSchedule(ZoneId.of((String) queue.get()[0]), slots,
          new HashSet<>(holidays), (Integer) queue.get()[1], (Boolean) queue.get()[2]));
    }));
  }

  /** Replaces the queue's time zone, weekly hours and maximum wait. */
  public void setHours(String queueId, ZoneId zone, List<QueueSchedule.Slot> slots,
      Integer maxWaitSeconds) {
    StoreFailures.run("set queue hours", () -> jdbi.useTransaction(handle -> {
      handle.createUpdate("UPDATE queues SET time_zone = :zone, max_wait_seconds = :maxWait WHERE id = :id")
          .bind("id", queueId).bind("zone", zone.getId()).bind("maxWait", maxWaitSeconds).execute();
      handle.createUpdate("DELETE FROM queue_hours WHERE queue_id = :id").bind("id", queueId).execute();
      for (QueueSchedule.Slot slot : slots) {
        handle.createUpdate("""
                INSERT INTO queue_hours (queue_id, weekday, opens, closes)
                VALUES (:id, :weekday, :opens, :closes)""")
            .bind("id", queueId).bind("weekday", slot.day().getValue())
            .bind("opens", slot.opens()).bind("closes", slot.closes()).execute();
      }
    }));
  }

  public void addHoliday(String queueId, LocalDate day, String name) {
    StoreFailures.run("add holiday", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO queue_holidays (queue_id, day, name) VALUES (:id, :day, :name)
            ON CONFLICT (queue_id, day) DO UPDATE SET name = excluded.name""")
        .bind("id", queueId).bind("day", day).bind("name", name).execute()));
  }

  /** Pauses or resumes a queue; false for an unknown queue. */
  public boolean setPaused(String queueId, boolean paused) {
    return StoreFailures.call("pause queue", () -> jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE queues SET paused = :paused WHERE id = :id")
        .bind("id", queueId).bind("paused", paused).execute()) == 1);
  }

  /** The ids of all paused queues. */
  public List<String> pausedQueues() {
    return StoreFailures.call("paused queues", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id FROM queues WHERE paused").mapTo(String.class).list()));
  }

  /** Sets the queue's routing strategy ({@code least_loaded} or {@code round_robin}). */
  public boolean setStrategy(String queueId, String strategy) {
    return StoreFailures.call("queue strategy", () -> jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE queues SET strategy = :strategy WHERE id = :id")
        .bind("id", queueId).bind("strategy", strategy).execute()) == 1);
  }

  /** The ids of all round-robin queues. */
  public List<String> roundRobinQueues() {
    return StoreFailures.call("round-robin queues", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id FROM queues WHERE strategy = 'round_robin'")
        .mapTo(String.class).list()));
  }
}
