package io.switchboard.server.store.queue;

import io.switchboard.server.store.site.Site;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.rules.SkillProfile;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Every setting of every queue in one read, for the admin page, and the plain column updates the
 * other admin endpoints do not cover: name, priority, accept timeout and maximum wait, and
 * removing a holiday. Business hours, strategy and pausing stay with {@link QueueScheduleDao}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class QueueSettingsDao {
  /** A dated holiday and its optional name. */
  public record Holiday(LocalDate day, String name) {}

  /** One queue as the admin page edits it; {@code rules} are its required skills and languages. */
  public record QueueSettings(String id, String siteId, String name, int priority,
      int acceptTimeoutSeconds, String strategy, boolean paused, String timeZone,
      Integer maxWaitSeconds, List<QueueSchedule.Slot> hours, List<Holiday> holidays,
      SkillProfile rules) {
    public QueueSettings {
      rules = rules == null ? SkillProfile.NONE : rules;
      hours = List.copyOf(hours);
      holidays = List.copyOf(holidays);
    }
  }

  /** The values {@link #update} writes; null leaves a column as it is, except max wait. */
  public record Change(String name, Integer priority, Integer acceptTimeoutSeconds,
      boolean setMaxWait, Integer maxWaitSeconds) {}

  private final Jdbi jdbi;

  public QueueSettingsDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Every queue, by name then id, with its hours (by weekday and time), holidays (by day) and the
   * skills and languages it requires.
   */
  public List<QueueSettings> all() {
    return StoreFailures.call("queue settings", () -> jdbi.withHandle(handle -> {
      Map<String, List<QueueSchedule.Slot>> hours = hours(handle);
      Map<String, List<Holiday>> holidays = holidays(handle);
      return handle.createQuery("""
              SELECT id, site_id, name, priority, accept_timeout_seconds, strategy, paused,
                     time_zone, max_wait_seconds, skills, languages
              FROM queues WHERE site_id <> :probe ORDER BY name, id""")
          .bind("probe", Site.PROBE_SITE_ID)
          .map((rs, ctx) -> new QueueSettings(rs.getString("id"), rs.getString("site_id"),
              rs.getString("name"), rs.getInt("priority"), rs.getInt("accept_timeout_seconds"),
              rs.getString("strategy"), rs.getBoolean("paused"), rs.getString("time_zone"),
              rs.getObject("max_wait_seconds", Integer.class),
              hours.getOrDefault(rs.getString("id"), List.of()),
              holidays.getOrDefault(rs.getString("id"), List.of()),
              new SkillProfile(StoreRows.textArray(rs, "skills"),
                  StoreRows.textArray(rs, "languages"))))
          .list();
    }));
  }

  /** Applies the change in one statement; false for an unknown queue. */
  public boolean update(String queueId, Change change) {
    return StoreFailures.call("update queue", () -> jdbi.withHandle(handle -> handle.createUpdate("""
            UPDATE queues SET
                name = COALESCE(:name, name),
                priority = COALESCE(:priority, priority),
                accept_timeout_seconds = COALESCE(:acceptTimeout, accept_timeout_seconds),
                max_wait_seconds = CASE WHEN :setMaxWait THEN :maxWait ELSE max_wait_seconds END
            WHERE id = :id""")
        .bind("id", queueId)
        .bind("name", change.name())
        .bind("priority", change.priority())
        .bind("acceptTimeout", change.acceptTimeoutSeconds())
        .bind("setMaxWait", change.setMaxWait())
        .bind("maxWait", change.maxWaitSeconds())
        .execute()) == 1);
  }

  /** Removes one holiday; false when the queue had none that day. */
  public boolean removeHoliday(String queueId, LocalDate day) {
    return StoreFailures.call("remove holiday", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM queue_holidays WHERE queue_id = :id AND day = :day")
        .bind("id", queueId).bind("day", day).execute()) == 1);
  }

  private static Map<String, List<QueueSchedule.Slot>> hours(Handle handle) {
    Map<String, List<QueueSchedule.Slot>> byQueue = new HashMap<>();
    handle.createQuery("SELECT queue_id, weekday, opens, closes FROM queue_hours ORDER BY weekday, opens")
        .map((rs, ctx) -> Map.entry(rs.getString("queue_id"), new QueueSchedule.Slot(
            DayOfWeek.of(rs.getInt("weekday")), rs.getObject("opens", LocalTime.class),
            rs.getObject("closes", LocalTime.class))))
        .forEach(entry -> byQueue.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
            .add(entry.getValue()));
    return byQueue;
  }

  private static Map<String, List<Holiday>> holidays(Handle handle) {
    Map<String, List<Holiday>> byQueue = new HashMap<>();
    handle.createQuery("SELECT queue_id, day, name FROM queue_holidays ORDER BY day")
        .map((rs, ctx) -> Map.entry(rs.getString("queue_id"),
            new Holiday(rs.getObject("day", LocalDate.class), rs.getString("name"))))
        .forEach(entry -> byQueue.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
            .add(entry.getValue()));
    return byQueue;
  }
}
