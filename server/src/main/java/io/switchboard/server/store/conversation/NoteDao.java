package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Private notes. They live apart from the transcript and take no seq, so a visitor's view of the
 * transcript stays gapless and can never include one.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class NoteDao {
  private static final String COLUMNS = """
      n.id, n.conversation_id, n.author_id, u.display_name AS author_name, n.body, n.created_at""";
  private final Jdbi jdbi;

  public NoteDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Note add(UUID conversationId, UUID authorId, String body) {
    return StoreFailures.call("add note", () -> jdbi.withHandle(handle -> handle.createQuery("""
            WITH inserted AS (
              INSERT INTO notes (conversation_id, author_id, body)
              VALUES (:conversationId, :authorId, :body)
              RETURNING *)
            SELECT\s""" + COLUMNS + " FROM inserted n JOIN users u ON u.id = n.author_id")
        .bind("conversationId", conversationId)
        .bind("authorId", authorId)
        .bind("body", body)
        .map((rs, ctx) -> note(rs))
        .one()));
  }

  public List<Note> list(UUID conversationId) {
    return StoreFailures.call("list notes", () -> jdbi.withHandle(handle -> handle.createQuery(
            "SELECT " + COLUMNS + " FROM notes n JOIN users u ON u.id = n.author_id"
                + " WHERE n.conversation_id = :id ORDER BY n.id")
        .bind("id", conversationId)
        .map((rs, ctx) -> note(rs))
        .list()));
  }

  private static Note note(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Note(rs.getLong("id"), StoreRows.uuid(rs, "conversation_id"),
        StoreRows.uuid(rs, "author_id"), rs.getString("author_name"), rs.getString("body"),
        StoreRows.instant(rs, "created_at"));
  }
}
