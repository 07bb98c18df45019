package io.switchboard.server.store.availability;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The probes' results in PostgreSQL ({@code availability_probes}): one row per node per minute,
 * written idempotently, and the reads the minute accounting needs.
 *
 * <p>Thread-safe: stateless over the shared {@link Jdbi}. Blocks: call it on the store executor.
 */
public final class ProbeResultDao {
  private static final String COLUMNS = "minute, node_id, ok, latency_ms, failure, probed_at";

  private final Jdbi jdbi;

  public ProbeResultDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores the result unless this node already has one for its minute; true when stored. */
  public boolean record(ProbeResult result) {
    return StoreFailures.call("record probe", () -> jdbi.withHandle(handle -> handle
        .createUpdate("INSERT INTO availability_probes (" + COLUMNS + ")"
            + " VALUES (:minute, :node, :ok, :latency, :failure, :probedAt)"
            + " ON CONFLICT (minute, node_id) DO NOTHING")
        .bind("minute", StoreRows.timestamp(result.minute()))
        .bind("node", result.nodeId())
        .bind("ok", result.ok())
        .bind("latency", result.latencyMs())
        .bind("failure", result.failure())
        .bind("probedAt", StoreRows.timestamp(result.probedAt()))
        .execute() == 1));
  }

  /** The minute of the first probe ever recorded, by any node. */
  public Optional<Instant> firstMinute() {
    return StoreFailures.call("first probe", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT min(minute) AS minute FROM availability_probes")
        .map((rs, ctx) -> Optional.ofNullable(StoreRows.instant(rs, "minute")))
        .one()));
  }

  /** The minutes in {@code [from, to)} in which at least one probe succeeded, in order. */
  public List<Instant> upMinutes(Instant from, Instant to) {
    return StoreFailures.call("up minutes", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT DISTINCT minute FROM availability_probes"
            + " WHERE minute >= :from AND minute < :to AND ok ORDER BY minute")
        .bind("from", StoreRows.timestamp(from))
        .bind("to", StoreRows.timestamp(to))
        .map((rs, ctx) -> StoreRows.instant(rs, "minute"))
        .list()));
  }

  /** The failed probes in {@code [from, to)}, by minute, then by when they finished. */
  public List<ProbeResult> failures(Instant from, Instant to) {
    return between("failed probes", from, to, "AND NOT ok ");
  }

  /** Every probe in {@code [from, to)}, by minute, then by when they finished. */
  public List<ProbeResult> all(Instant from, Instant to) {
    return between("probes", from, to, "");
  }

  private List<ProbeResult> between(String what, Instant from, Instant to, String condition) {
    return StoreFailures.call(what, () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM availability_probes"
            + " WHERE minute >= :from AND minute < :to " + condition
            + "ORDER BY minute, probed_at, node_id")
        .bind("from", StoreRows.timestamp(from))
        .bind("to", StoreRows.timestamp(to))
        .map((rs, ctx) -> result(rs))
        .list()));
  }

  /** The newest probe, and the newest successful one, at or after {@code since}. */
  public Latest latest(Instant since) {
    return StoreFailures.call("latest probes", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT max(probed_at) AS last_probe,"
            + " max(probed_at) FILTER (WHERE ok) AS last_success,"
            + " max(minute) AS last_minute,"
            + " max(minute) FILTER (WHERE ok) AS last_up_minute"
            + " FROM availability_probes WHERE minute >= :since")
        .bind("since", StoreRows.timestamp(since))
        .map((rs, ctx) -> new Latest(StoreRows.instant(rs, "last_probe"),
            StoreRows.instant(rs, "last_success"), StoreRows.instant(rs, "last_minute"),
            StoreRows.instant(rs, "last_up_minute")))
        .one()));
  }

  /** The newest results since a moment: null fields when there were none. */
  public record Latest(Instant lastProbeAt, Instant lastSuccessAt, Instant lastMinute,
      Instant lastUpMinute) {}

  private static ProbeResult result(ResultSet rs) throws SQLException {
    return new ProbeResult(StoreRows.instant(rs, "minute"), rs.getString("node_id"),
        rs.getBoolean("ok"), rs.getInt("latency_ms"), rs.getString("failure"),
        StoreRows.instant(rs, "probed_at"));
  }
}
