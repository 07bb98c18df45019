package io.switchboard.server.store.audit;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit log's SQL: appending an entry (one at a time across every node, so the hash chain
 * never forks), reading entries by filter, and walking the whole log to verify it.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class AuditDao {
  /** The hash before the first entry. */
  public static final byte[] GENESIS = new byte[32];
  /** An arbitrary, fixed advisory lock key that serialises appends. */
  private static final long APPEND_LOCK = 0x5357_4155_4449_5400L;
  private static final String COLUMNS = "id, at, actor_id, actor_role, action, target_type,"
      + " target_id, address, before_json, after_json, prev_hash, hash, personal_digest,"
      + " redacted_by";

  /**
   * A stored entry with its chain hashes, the digest of its personal fields (null for entries
   * written before digests existed) and the erasure entry that redacted them (0: none).
   */
  public record Stored(AuditEntry entry, byte[] previousHash, byte[] hash, byte[] personalDigest,
      long redactedBy) {}

  /** What to list: each field null for any; {@code afterId} pages forward. */
  public record Filter(String actorId, String action, String targetType, String targetId,
      Instant from, Instant to, long afterId, int limit) {}

  private final Jdbi jdbi;

  public AuditDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Appends the entry as the log's next one and returns it with its position. */
  public AuditEntry append(AuditEntry entry) {
    return StoreFailures.call("append audit entry",
        () -> jdbi.inTransaction(handle -> appendIn(handle, entry)));
  }

  /**
   * Appends the entry inside the caller's transaction (which then holds the append lock until it
   * ends: keep it short), so the entry commits or rolls back with the change it records.
   */
  public static AuditEntry appendIn(org.jdbi.v3.core.Handle handle, AuditEntry entry) {
    handle.createQuery("SELECT pg_advisory_xact_lock(:key)::text").bind("key", APPEND_LOCK)
        .mapTo(String.class).one();
    Optional<Map<String, Object>> last = handle.createQuery(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").mapToMap().findOne();
    long id = last.map(row -> ((Number) row.get("id")).longValue() + 1).orElse(1L);
    byte[] previous = last.map(row -> (byte[]) row.get("hash")).orElse(GENESIS);
    AuditEntry placed = entry.at(id);
    handle.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES (:id, :at, :actorId,"
            + " :actorRole, :action, :targetType, :targetId, :address, :before, :after,"
            + " :prev, :hash, :digest, NULL)")
        .bind("id", id).bind("at", StoreRows.timestamp(placed.at()))
        .bind("actorId", placed.actorId()).bind("actorRole", placed.actorRole())
        .bind("action", placed.action()).bind("targetType", placed.targetType())
        .bind("targetId", placed.targetId()).bind("address", placed.address())
        .bind("before", placed.before()).bind("after", placed.after())
        .bind("prev", previous).bind("hash", placed.hash(previous))
        .bind("digest", placed.personalDigest())
        .execute();
    return placed;
  }

  /** Entries matching the filter, oldest first. */
  public List<Stored> list(Filter filter) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE id > :after");
    if (filter.actorId() != null) {
      sql.append(" AND actor_id = :actor");
    }
    if (filter.action() != null) {
      sql.append(" AND action = :action");
    }
    if (filter.targetType() != null) {
      sql.append(" AND target_type = :targetType");
    }
    if (filter.targetId() != null) {
      sql.append(" AND target_id = :targetId");
    }
    if (filter.from() != null) {
      sql.append(" AND at >= :from");
    }
    if (filter.to() != null) {
      sql.append(" AND at < :to");
    }
    sql.append(" ORDER BY id LIMIT :limit");
    return StoreFailures.call("list audit entries", () -> jdbi.withHandle(handle -> {
      Query query = handle.createQuery(sql.toString()).bind("after", filter.afterId())
          .bind("limit", filter.limit());
      bindIfSet(query, "actor", filter.actorId());
      bindIfSet(query, "action", filter.action());
      bindIfSet(query, "targetType", filter.targetType());
      bindIfSet(query, "targetId", filter.targetId());
      if (filter.from() != null) {
        query.bind("from", StoreRows.timestamp(filter.from()));
      }
      if (filter.to() != null) {
        query.bind("to", StoreRows.timestamp(filter.to()));
      }
      return query.map((rs, ctx) -> stored(rs)).list();
    }));
  }

  /** Hands every entry to {@code each}, oldest first, a page at a time. */
  public void forEach(Consumer<Stored> each) {
    long after = 0;
    while (true) {
      List<Stored> page = list(new Filter(null, null, null, null, null, null, after, 1000));
      page.forEach(each);
      if (page.size() < 1000) {
        return;
      }
      after = page.getLast().entry().id();
    }
  }

  private static void bindIfSet(Query query, String name, String value) {
    if (value != null) {
      query.bind(name, value);
    }
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    AuditEntry entry = new AuditEntry(rs.getLong("id"), StoreRows.instant(rs, "at"),
        rs.getString("actor_id"), rs.getString("actor_role"), rs.getString("action"),
        rs.getString("target_type"), rs.getString("target_id"), rs.getString("address"),
        rs.getString("before_json"), rs.getString("after_json"));
    return new Stored(entry, rs.getBytes("prev_hash"), rs.getBytes("hash"),
        rs.getBytes("personal_digest"), rs.getLong("redacted_by"));
  }

  /** Whether two hashes are equal. */
  static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  /**
   * The verification walk's findings, in order: empty when the chain is intact. An entry with a
   * personal digest must match it unless a later gdpr.erase entry redacted it; a redacted entry
   * written before digests existed is checked by its links only.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    byte[][] previous = {GENESIS};
    long[] expected = {0};
    java.util.Set<Long> erasures = new java.util.HashSet<>();
    java.util.Map<Long, Long> redactions = new java.util.TreeMap<>();
    forEach(stored -> {
      AuditEntry entry = stored.entry();
      if (!same(stored.previousHash(), previous[0])) {
        problems.add("entry " + entry.id() + ": does not follow entry " + expected[0]
            + " (an entry before it was removed, changed or inserted)");
      }
      if (!contentMatches(stored)) {
        problems.add("entry " + entry.id() + ": its content does not match its hash (changed)");
      }
      if (entry.action().equals(ERASE_ACTION)) {
        erasures.add(entry.id());
      }
      if (stored.redactedBy() != 0) {
        redactions.put(entry.id(), stored.redactedBy());
      }
      previous[0] = stored.hash();
      expected[0] = entry.id();
    });
    redactions.forEach((id, by) -> {
      if (by <= id || !erasures.contains(by)) {
        problems.add("entry " + id + ": redacted without a later erasure entry " + by);
      }
    });
    return problems;
  }

  /** The action of an erasure entry: the only one that may redact earlier entries. */
  public static final String ERASE_ACTION = "gdpr.erase";

  private static boolean contentMatches(Stored stored) {
    AuditEntry entry = stored.entry();
    boolean redacted = stored.redactedBy() != 0;
    if (stored.personalDigest() == null) {
      return redacted || same(stored.hash(), entry.legacyHash(stored.previousHash()));
    }
    boolean chained = same(stored.hash(),
        entry.hashWithDigest(stored.personalDigest(), stored.previousHash()));
    return chained && (redacted || same(stored.personalDigest(), entry.personalDigest()));
  }

  /** How many entries the log holds. */
  public long count() {
    return StoreFailures.call("count audit entries", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT count(*) FROM audit_log").mapTo(Long.class).one()));
  }
}
