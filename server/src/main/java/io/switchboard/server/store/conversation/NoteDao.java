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
      n.id, n.conversation_id, n.author_id, u.display_name AS author_name, n.body, n.created_at,
      n.kind""";
  private final Jdbi jdbi;

  public NoteDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Note add(UUID conversationId, UUID authorId, String body) {
    return StoreFailures.call("add note", () -> jdbi.withHandle(handle ->
        insert(handle, conversationId, authorId, body, Note.NOTE)));
  }

  /**
   * A supervisor's whisper to the agent, recorded in the conversation's history in the same
   * transaction.
   */
  public Note whisper(UUID conversationId, UUID authorId, String body) {
    return StoreFailures.call("add whisper", () -> jdbi.inTransaction(handle -> {
      Note note = insert(handle, conversationId, authorId, body, Note.WHISPER);
      ConversationEvents.record(handle, conversationId, "whispered", authorId.toString(),
          java.util.Map.of("noteId", note.id()));
      return note;
    }));
  }

  private static Note insert(org.jdbi.v3.core.Handle handle, UUID conversationId, UUID authorId,
      String body, String kind) {
    return handle.createQuery("""
            WITH inserted AS (
              INSERT INTO notes (conversation_id, author_id, body, kind)
              VALUES (:conversationId, :authorId, :body, :kind)
              RETURNING *)
            SELECT\s""" + COLUMNS + " FROM inserted n JOIN users u ON u.id = n.author_id")
        .bind("conversationId", conversationId)
        .bind("authorId", authorId)
        .bind("body", body)
        .bind("kind", kind)
        .map((rs, ctx) -> note(rs))
        .one();
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
        StoreRows.instant(rs, "created_at"), rs.getString("kind"));
  }
}
