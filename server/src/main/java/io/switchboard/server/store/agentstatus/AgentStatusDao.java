package io.switchboard.server.store.agentstatus;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes the agents' status timeline ({@code agent_status_periods}). Each change of one agent
 * runs in one transaction under a lock on that agent, so nodes that record the same change at
 * once, or in any order, leave one open period at most and never a duplicate: recording the status
 * an agent already has changes nothing.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class AgentStatusDao {
  static final String COLUMNS = "id, agent_id, status, started_at, ended_at";
  private final Jdbi jdbi;

  public AgentStatusDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Records that the agent's status became {@code status} ({@code online}, {@code away} or
   * {@code offline}) at {@code at}: closes the open period if its status differs (never before
   * it started) and opens one for online or away. A change older than the agent's latest
   * recorded change is stale (it arrived late) and is ignored.
   *
   * @return whether the timeline changed
   */
  public boolean record(UUID agentId, String status, Instant at) {
    return StoreFailures.call("record agent status", () -> jdbi.inTransaction(handle -> {
      lock(handle, agentId);
      Optional<StatusPeriod> latest = latest(handle, agentId);
      if (latest.isPresent() && isBefore(at, latest.get())) {
        // A change another thread or node already recorded a later one over.
        return false;
      }
      Optional<StatusPeriod> open = latest.filter(StatusPeriod::open);
      if (open.isPresent() && open.get().status().equals(status)) {
        return false;
      }
      if (open.isEmpty() && status.equals("offline")) {
        return false;
      }
      open.ifPresent(period -> close(handle, period.id(), at, "status"));
      if (!status.equals("offline")) {
        handle.createUpdate("""
                INSERT INTO agent_status_periods (agent_id, status, started_at)
                VALUES (:agentId, :status, :at)""")
            .bind("agentId", agentId).bind("status", status)
            .bind("at", StoreRows.timestamp(open.map(p -> later(p.startedAt(), at)).orElse(at)))
            .execute();
      }
      return true;
    }));
  }

  /** Every period still open, oldest first: the agents the timeline has online or away. */
  public List<StatusPeriod> openPeriods() {
    return StoreFailures.call("open agent status periods", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM agent_status_periods WHERE ended_at IS NULL"
            + " ORDER BY started_at, id")
        .map((rs, ctx) -> period(rs)).list()));
  }

  /**
   * Closes the period at {@code at} (or when it started, if later) because the agent's presence
   * ran out, unless it was closed already.
   *
   * @return whether this call closed it
   */
  public boolean closeLost(StatusPeriod period, Instant at) {
    return StoreFailures.call("close lost agent status", () -> jdbi.inTransaction(handle -> {
      lock(handle, period.agentId());
      return close(handle, period.id(), at, "lost");
    }));
  }

  private static boolean close(Handle handle, long id, Instant at, String why) {
    return handle.createUpdate("""
            UPDATE agent_status_periods
            SET ended_at = greatest(started_at, :at), ended_by = :why
            WHERE id = :id AND ended_at IS NULL""")
        .bind("id", id).bind("at", StoreRows.timestamp(at)).bind("why", why)
        .execute() == 1;
  }

  private static Optional<StatusPeriod> latest(Handle handle, UUID agentId) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM agent_status_periods"
            + " WHERE agent_id = :agentId ORDER BY started_at DESC, id DESC LIMIT 1")
        .bind("agentId", agentId).map((rs, ctx) -> period(rs)).findOne();
  }

  private static boolean isBefore(Instant at, StatusPeriod latest) {
    return at.isBefore(latest.startedAt())
        || (latest.endedAt() != null && at.isBefore(latest.endedAt()));
  }

  /** Serialises the changes of one agent across nodes until the transaction ends. */
  private static void lock(Handle handle, UUID agentId) {
    handle.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
        "agent-status:" + agentId);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static StatusPeriod period(ResultSet rs) throws SQLException {
    return new StatusPeriod(rs.getLong("id"), StoreRows.uuid(rs, "agent_id"),
        rs.getString("status"), StoreRows.instant(rs, "started_at"),
        StoreRows.instant(rs, "ended_at"));
  }
}
