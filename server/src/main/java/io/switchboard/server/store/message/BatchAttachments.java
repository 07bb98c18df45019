package io.switchboard.server.store.message;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.attachment.AttachmentRef;
import io.switchboard.server.util.SwitchboardException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The attachments of one batch of messages, inside its transaction: their rows are locked (after
 * the conversations), each new message claims its uploads (an upload already on a message, or
 * removed meanwhile, fails just that message), and the claimed uploads are linked to their
 * messages before the commit, so a message is acknowledged only with its files linked. A batch
 * without attachments runs none of this.
 *
 * <p>Not thread-safe: one instance per batch, used by one writer thread.
 */
final class BatchAttachments {
  private static final String LOCK = """
      SELECT id, conversation_id FROM attachments WHERE id = ANY(?) ORDER BY id FOR UPDATE""";
  private static final String LINK = """
      UPDATE attachments a SET conversation_id = u.conversation_id, message_seq = u.seq,
          position = CASE WHEN a.ticket_id IS NULL THEN u.position ELSE a.position END,
          referenced_at = coalesce(a.referenced_at, now()),
          site_id = coalesce(a.site_id, c.site_id)
      FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::smallint[])
             AS u(id, conversation_id, seq, position)
      JOIN conversations c ON c.id = u.conversation_id
      WHERE a.id = u.id AND a.conversation_id IS NULL""";

  /** Upload id to whether a message already carries it, for the uploads that still exist. */
  private final Map<UUID, Boolean> linked = new HashMap<>();
  private final Set<UUID> claimed = new HashSet<>();
  private final List<Object[]> links = new ArrayList<>();

  /** Locks the rows of every upload the batch names. */
  void lock(Connection connection, List<AppendRequest> requests) throws SQLException {
    Object[] ids = requests.stream().flatMap(r -> r.attachments().stream())
        .map(AttachmentRef::id).distinct().toArray();
    if (ids.length == 0) {
      return;
    }
    try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
      lock.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet rs = lock.executeQuery()) {
        while (rs.next()) {
          linked.put(StoreRows.uuid(rs, "id"), rs.getObject("conversation_id") != null);
        }
      }
    }
  }

  /** The refusal of a new message's uploads, or null once they are claimed for it. */
  SwitchboardException claim(AppendRequest request) {
    for (AttachmentRef ref : request.attachments()) {
      Boolean onMessage = linked.get(ref.id());
      if (onMessage == null) {
        return new SwitchboardException(ErrorCode.NOT_FOUND,
            "attachments: upload " + ref.id() + " was removed; upload the file again");
      }
      if (onMessage || claimed.contains(ref.id())) {
        return new SwitchboardException(ErrorCode.CONFLICT,
            "attachments: " + ref.id() + " is already on another message");
      }
    }
    request.attachments().forEach(ref -> claimed.add(ref.id()));
    return null;
  }

  /** Remembers that {@code message} carries its request's uploads, in their order. */
  void carry(StoredMessage message) {
    List<AttachmentRef> refs = message.attachments();
    for (int i = 0; i < refs.size(); i++) {
      links.add(new Object[] {refs.get(i).id(), message.conversationId(), message.seq(), i});
    }
  }

  /** Links the claimed uploads to their messages. */
  void link(Connection connection) throws SQLException {
    if (links.isEmpty()) {
      return;
    }
    try (PreparedStatement link = connection.prepareStatement(LINK)) {
      for (int column = 0; column < 4; column++) {
        int index = column;
        String type = switch (column) {
          case 0, 1 -> "uuid";
          case 2 -> "int8";
          default -> "int2";
        };
        link.setArray(column + 1, connection.createArrayOf(type,
            links.stream().map(row -> row[index]).toArray()));
      }
      int updated = link.executeUpdate();
      if (updated != links.size()) {
        throw new SQLException("linked " + updated + " of " + links.size() + " attachments");
      }
    }
  }
}
