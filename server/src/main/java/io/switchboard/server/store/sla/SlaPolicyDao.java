package io.switchboard.server.store.sla;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.util.SwitchboardException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SLA policies, in their order. There is always at least one: the last cannot be deleted.
 * Positions are ranks, 1 to n without gaps or ties: a write that gives a position puts the policy
 * at that rank (past the end: last) and moves the others down, and 0 puts a new policy just above
 * the last one, so the catch-all stays the fallback. Writes take the table's lock, so two admins
 * reordering at once cannot leave ties.
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
    return StoreFailures.call("create SLA policy", () -> jdbi.inTransaction(handle -> {
      lock(handle);
      long id = handle.createQuery("""
            INSERT INTO sla_policies (name, position, conditions, targets, calendar_queue_id,
                warn_percent, notify, raise_priority, escalation_queue, chat_targets, updated_at)
            VALUES (:name, :position, CAST(:conditions AS jsonb), CAST(:targets AS jsonb),
                :calendar, :warn, :notify, :raise, :escalation, CAST(:chat AS jsonb), :at)
            RETURNING id""")
        .bindMethods(policy).bind("conditions", policy.conditionsJson())
        .bind("targets", policy.targetsJson()).bind("calendar", policy.calendarQueueId())
        .bind("warn", policy.warnPercent()).bind("raise", policy.raisePriority())
        .bind("notify", policy.alert()).bind("chat", policy.chatTargetsJson())
        .bind("escalation", policy.escalationQueue()).bind("at", StoreRows.timestamp(at))
        .mapTo(Long.class).one();
      place(handle, id, policy.position());
      return read(handle, id).orElseThrow();
    }));
  }

  /** Replaces a policy's settings; empty when there is no such policy. */
  public Optional<SlaPolicyRow> update(SlaPolicyRow policy, Instant at) {
    return StoreFailures.call("change SLA policy", () -> jdbi.inTransaction(handle -> {
      lock(handle);
      boolean found = handle.createUpdate("""
            UPDATE sla_policies SET name = :name,
                conditions = CAST(:conditions AS jsonb), targets = CAST(:targets AS jsonb),
                calendar_queue_id = :calendar, warn_percent = :warn, notify = :notify,
                raise_priority = :raise, escalation_queue = :escalation,
                chat_targets = CAST(:chat AS jsonb), updated_at = :at
            WHERE id = :id""")
        .bindMethods(policy).bind("conditions", policy.conditionsJson())
        .bind("targets", policy.targetsJson()).bind("calendar", policy.calendarQueueId())
        .bind("warn", policy.warnPercent()).bind("raise", policy.raisePriority())
        .bind("notify", policy.alert()).bind("chat", policy.chatTargetsJson())
        .bind("escalation", policy.escalationQueue()).bind("at", StoreRows.timestamp(at))
        .execute() > 0;
      if (!found) {
        return Optional.<SlaPolicyRow>empty();
      }
      place(handle, policy.id(), policy.position());
      return read(handle, policy.id());
    }));
  }

  /**
   * Deletes a policy; false when there is none. Tickets that used it get the policy that
   * matches them at their next recompute. CONFLICT for the last policy.
   */
  public boolean delete(long id) {
    return StoreFailures.call("delete SLA policy", () -> jdbi.inTransaction(handle -> {
      lock(handle);
      List<Long> ids = handle.createQuery("SELECT id FROM sla_policies").mapTo(Long.class).list();
      int count = ids.size();
      boolean exists = ids.contains(id);
      if (!exists) {
        return false;
      }
      if (count <= 1) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "policy: the last SLA policy cannot be deleted; change it instead");
      }
      // Tickets and events let go of it by themselves (ON DELETE SET NULL, V25).
      handle.createUpdate("DELETE FROM sla_policies WHERE id = :id").bind("id", id).execute();
      renumber(handle, order(handle));
      return true;
    }));
  }

  private static void lock(Handle handle) {
    handle.execute("LOCK TABLE sla_policies IN SHARE ROW EXCLUSIVE MODE");
  }

  private static Optional<SlaPolicyRow> read(Handle handle, long id) {
    return handle.createQuery("SELECT * FROM sla_policies WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> row(rs)).findOne();
  }

  private static List<Long> order(Handle handle) {
    return new ArrayList<>(handle.createQuery("SELECT id FROM sla_policies ORDER BY position, id")
        .mapTo(Long.class).list());
  }

  /** Puts the policy at the rank (0: just above the last) and numbers them all 1 to n. */
  private static void place(Handle handle, long id, int rank) {
    List<Long> order = order(handle);
    order.remove(Long.valueOf(id));
    int at = rank <= 0 ? Math.max(0, order.size() - 1) : Math.min(order.size(), rank - 1);
    order.add(at, id);
    renumber(handle, order);
  }

  private static void renumber(Handle handle, List<Long> order) {
    PreparedBatch batch = handle.prepareBatch(
        "UPDATE sla_policies SET position = :position WHERE id = :id AND position <> :position");
    for (int i = 0; i < order.size(); i++) {
      batch.bind("id", order.get(i)).bind("position", i + 1).add();
    }
    if (!order.isEmpty()) {
      batch.execute();
    }
  }

  private static SlaPolicyRow row(ResultSet rs) throws SQLException {
    return new SlaPolicyRow(rs.getLong("id"), rs.getString("name"), rs.getInt("position"),
        rs.getString("conditions"), rs.getString("targets"), rs.getString("calendar_queue_id"),
        rs.getInt("warn_percent"), rs.getBoolean("notify"), rs.getBoolean("raise_priority"),
        rs.getString("escalation_queue"), rs.getString("chat_targets"),
        StoreRows.instant(rs, "updated_at"));
  }
}
