package io.switchboard.server.store.attachment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads attachments from rows, and writes and reads the {@code [{id, name, size, contentType}]}
 * JSON a message keeps of its attachments.
 *
 * <p>Stateless and thread-safe.
 */
public final class AttachmentRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AttachmentRows() {}

  static Attachment attachment(ResultSet rs) throws SQLException {
    long seq = rs.getLong("message_seq");
    Long messageSeq = rs.wasNull() ? null : seq;
    long entry = rs.getLong("ticket_entry_id");
    Long ticketEntryId = rs.wasNull() ? null : entry;
    return new Attachment(StoreRows.uuid(rs, "id"), rs.getString("site_id"),
        rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("content_type"),
        rs.getString("file_name"), rs.getString("uploader_role"), rs.getString("uploader_id"),
        StoreRows.instant(rs, "created_at"), StoreRows.uuid(rs, "conversation_id"), messageSeq,
        StoreRows.uuid(rs, "ticket_id"), ticketEntryId);
  }

  /** The JSON kept with a message; null for none. */
  public static String toJson(List<AttachmentRef> refs) {
    if (refs == null || refs.isEmpty()) {
      return null;
    }
    ArrayNode array = JSON.createArrayNode();
    for (AttachmentRef ref : refs) {
      array.addObject().put("id", ref.id().toString()).put("name", ref.name())
          .put("size", ref.size()).put("contentType", ref.contentType());
    }
    return array.toString();
  }

  /** The attachments of a message from its JSON; empty for null. */
  public static List<AttachmentRef> fromJson(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    try {
      List<AttachmentRef> refs = new ArrayList<>();
      for (JsonNode node : JSON.readTree(json)) {
        refs.add(new AttachmentRef(UUID.fromString(node.get("id").asText()),
            node.get("name").asText(), node.get("size").asLong(),
            node.get("contentType").asText()));
      }
      return List.copyOf(refs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a message's attachments are not readable JSON", e);
    }
  }
}
