package io.switchboard.server.store.sla;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.util.SwitchboardException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The SLA policies, in their order. There is always at least one: the last cannot be deleted.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class SlaPolicyDao {
  private final Jdbi jdbi;

  public SlaPolicyDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every policy, first match first: by position, then id. */
  public List<SlaPolicyRow> list() {
    return StoreFailures.call("list SLA policies", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM sla_policies ORDER BY position, id")
        .map((rs, ctx) -> row(rs)).list()));
  }

  public Optional<SlaPolicyRow> find(long id) {
    return StoreFailures.call("read SLA policy", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM sla_policies WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> row(rs)).findOne()));
  }

  /** Stores a new policy (its id is ignored) and answers it; CONFLICT when the name is taken. */
  public SlaPolicyRow create(SlaPolicyRow policy, Instant at) {
    return StoreFailures.call("create SLA policy", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            INSERT INTO sla_policies (name, position, conditions, targets, calendar_queue_id,
                warn_percent, notify, raise_priority, escalation_queue, chat_targets, updated_at)
            VALUES (:name, :position, CAST(:conditions AS jsonb), CAST(:targets AS jsonb),
                :calendar, :warn, :notify, :raise, :escalation, CAST(:chat AS jsonb), :at)
            RETURNING *""")
        .bindMethods(policy).bind("conditions", policy.conditionsJson())
        .bind("targets", policy.targetsJson()).bind("calendar", policy.calendarQueueId())
        .bind("warn", policy.warnPercent()).bind("raise", policy.raisePriority())
        .bind("notify", policy.alert()).bind("chat", policy.chatTargetsJson())
        .bind("escalation", policy.escalationQueue()).bind("at", StoreRows.timestamp(at))
        .map((rs, ctx) -> row(rs)).one()));
  }

  /** Replaces a policy's settings; empty when there is no such policy. */
  public Optional<SlaPolicyRow> update(SlaPolicyRow policy, Instant at) {
    return StoreFailures.call("change SLA policy", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            UPDATE sla_policies SET name = :name, position = :position,
                conditions = CAST(:conditions AS jsonb), targets = CAST(:targets AS jsonb),
                calendar_queue_id = :calendar, warn_percent = :warn, notify = :notify,
                raise_priority = :raise, escalation_queue = :escalation,
                chat_targets = CAST(:chat AS jsonb), updated_at = :at
            WHERE id = :id
            RETURNING *""")
        .bindMethods(policy).bind("conditions", policy.conditionsJson())
        .bind("targets", policy.targetsJson()).bind("calendar", policy.calendarQueueId())
        .bind("warn", policy.warnPercent()).bind("raise", policy.raisePriority())
        .bind("notify", policy.alert()).bind("chat", policy.chatTargetsJson())
        .bind("escalation", policy.escalationQueue()).bind("at", StoreRows.timestamp(at))
        .map((rs, ctx) -> row(rs)).findOne()));
  }

  /**
   * Deletes a policy; false when there is none. Tickets that used it get the policy that
   * matches them at their next recompute. CONFLICT for the last policy.
   */
  public boolean delete(long id) {
    return StoreFailures.call("delete SLA policy", () -> jdbi.inTransaction(handle -> {
      List<Long> ids = handle.createQuery("SELECT id FROM sla_policies FOR UPDATE")
          .mapTo(Long.class).list();
      int count = ids.size();
      boolean exists = ids.contains(id);
      if (!exists) {
        return false;
      }
      if (count <= 1) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "policy: the last SLA policy cannot be deleted; change it instead");
      }
      handle.createUpdate("UPDATE tickets SET sla_policy_id = NULL WHERE sla_policy_id = :id")
          .bind("id", id).execute();
      handle.createUpdate("UPDATE sla_events SET policy_id = NULL WHERE policy_id = :id")
          .bind("id", id).execute();
      handle.createUpdate("DELETE FROM sla_policies WHERE id = :id").bind("id", id).execute();
      return true;
    }));
  }

  private static SlaPolicyRow row(ResultSet rs) throws SQLException {
    return new SlaPolicyRow(rs.getLong("id"), rs.getString("name"), rs.getInt("position"),
        rs.getString("conditions"), rs.getString("targets"), rs.getString("calendar_queue_id"),
        rs.getInt("warn_percent"), rs.getBoolean("notify"), rs.getBoolean("raise_priority"),
        rs.getString("escalation_queue"), rs.getString("chat_targets"),
        StoreRows.instant(rs, "updated_at"));
  }
}
