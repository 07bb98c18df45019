package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a {@link Conversation} from a row: the columns to select and the mapper, shared by every
 * statement that returns conversations (here and in the batched message reads).
 *
 * <p>Stateless and thread-safe.
 */
public final class ConversationRows {
  /** The columns {@link #conversation} reads, for {@code SELECT} and {@code RETURNING}. */
  public static final String CONVERSATION_COLUMNS = """
      id, site_id, contact_id, queue_id, status, agent_id, fields::text AS fields, priority,
      last_seq, created_at, enqueued_at, assigned_at, accepted_at, first_agent_response_at,
      closed_at, closed_by, disposition, language""";

  private ConversationRows() {}

  public static Conversation conversation(ResultSet rs) throws SQLException {
    return new Conversation(
        StoreRows.uuid(rs, "id"),
        rs.getString("site_id"),
        StoreRows.uuid(rs, "contact_id"),
        rs.getString("queue_id"),
        ConversationStatus.fromWire(rs.getString("status")),
        StoreRows.uuid(rs, "agent_id"),
        StoreRows.stringMap(rs.getString("fields")),
        rs.getInt("priority"),
        rs.getLong("last_seq"),
        StoreRows.instant(rs, "created_at"),
        StoreRows.instant(rs, "enqueued_at"),
        StoreRows.instant(rs, "assigned_at"),
        StoreRows.instant(rs, "accepted_at"),
        StoreRows.instant(rs, "first_agent_response_at"),
        StoreRows.instant(rs, "closed_at"),
        rs.getString("closed_by"),
        rs.getString("disposition"),
        rs.getString("language"));
  }
}
