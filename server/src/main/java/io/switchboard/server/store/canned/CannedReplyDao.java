package io.switchboard.server.store.canned;

import io.switchboard.server.db.StoreFailures;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Canned replies: text an agent inserts by typing {@code /shortcut}. Admins manage them.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class CannedReplyDao {
  /** One canned reply. */
  public record CannedReply(long id, String shortcut, String text) {}

  private final Jdbi jdbi;

  public CannedReplyDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<CannedReply> list() {
    return StoreFailures.call("list canned replies", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id, shortcut, body FROM canned_replies ORDER BY shortcut")
        .map((rs, ctx) -> new CannedReply(rs.getLong("id"), rs.getString("shortcut"),
            rs.getString("body")))
        .list()));
  }

  /** Stores a reply; CONFLICT when the shortcut is taken. */
  public CannedReply create(String shortcut, String text) {
    return StoreFailures.call("create canned reply", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            INSERT INTO canned_replies (shortcut, body) VALUES (:shortcut, :body)
            RETURNING id, shortcut, body""")
        .bind("shortcut", shortcut)
        .bind("body", text)
        .map((rs, ctx) -> new CannedReply(rs.getLong("id"), rs.getString("shortcut"),
            rs.getString("body")))
        .one()));
  }

  /** Changes a reply's shortcut and text; empty when there is none; CONFLICT for a taken shortcut. */
  public java.util.Optional<CannedReply> update(long id, String shortcut, String text) {
    return StoreFailures.call("change canned reply", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            UPDATE canned_replies SET shortcut = :shortcut, body = :body WHERE id = :id
            RETURNING id, shortcut, body""")
        .bind("id", id)
        .bind("shortcut", shortcut)
        .bind("body", text)
        .map((rs, ctx) -> new CannedReply(rs.getLong("id"), rs.getString("shortcut"),
            rs.getString("body")))
        .findOne()));
  }

  public boolean delete(long id) {
    return StoreFailures.call("delete canned reply", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM canned_replies WHERE id = :id").bind("id", id).execute()) == 1);
  }
}
