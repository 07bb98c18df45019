package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreFailures;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The visitor's rating of a closed conversation (1-5 and an optional comment); a second rating
 * replaces the first.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class RatingDao {
  /** A stored rating. */
  public record Rating(int score, String comment) {}

  private final Jdbi jdbi;

  public RatingDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void rate(UUID conversationId, UUID contactId, int score, String comment) {
    StoreFailures.run("rate conversation", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO ratings (conversation_id, contact_id, score, comment)
            VALUES (:conversationId, :contactId, :score, :comment)
            ON CONFLICT (conversation_id) DO UPDATE
            SET score = excluded.score, comment = excluded.comment, created_at = now()""")
        .bind("conversationId", conversationId)
        .bind("contactId", contactId)
        .bind("score", score)
        .bind("comment", comment)
        .execute()));
  }

  public Optional<Rating> find(UUID conversationId) {
    return StoreFailures.call("find rating", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT score, comment FROM ratings WHERE conversation_id = :id")
        .bind("id", conversationId)
        .map((rs, ctx) -> new Rating(rs.getInt("score"), rs.getString("comment")))
        .findOne()));
  }
}
