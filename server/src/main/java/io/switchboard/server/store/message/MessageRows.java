package io.switchboard.server.store.message;

import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.attachment.AttachmentRows;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a {@link StoredMessage} from a row of {@code messages}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageRows {
  private MessageRows() {}

  public static StoredMessage message(ResultSet rs) throws SQLException {
    return new StoredMessage(
        StoreRows.uuid(rs, "conversation_id"),
        rs.getLong("seq"),
        rs.getString("client_msg_id"),
        rs.getString("sender_role"),
        rs.getString("sender_id"),
        rs.getString("body"),
        StoreRows.instant(rs, "created_at"),
        AttachmentRows.fromJson(rs.getString("attachments")));
  }
}
