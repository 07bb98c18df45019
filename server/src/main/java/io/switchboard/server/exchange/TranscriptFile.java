package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transcripts in the import format (PROTOCOL.md, "Imports and exports"): a JSON array of
 * conversations, each with its messages, or a CSV file with one row per message whose
 * conversation fields are read from the first row of each {@code conversation_id}. Either way
 * the result is one {@link TranscriptDraft} per conversation, in file order, not yet checked.
 *
 * <p>Thread-safe: stateless.
 */
public final class TranscriptFile {
  private TranscriptFile() {}

  public static List<TranscriptDraft> read(byte[] content, String format) {
    if ("json".equals(format)) {
      return json(content);
    }
    ImportTable table = ImportTable.read(content, "csv");
    for (String column : List.of("conversation_id", "author", "text")) {
      if (!table.columns().contains(column)) {
        throw ImportTable.invalid("file: the CSV needs a " + column + " column");
      }
    }
    Map<String, List<Map<String, String>>> byConversation = new LinkedHashMap<>();
    for (Map<String, String> row : table.rows()) {
      byConversation.computeIfAbsent(row.getOrDefault("conversation_id", ""),
          id -> new ArrayList<>()).add(row);
    }
    List<TranscriptDraft> drafts = new ArrayList<>();
    byConversation.forEach((id, rows) -> {
      Map<String, String> first = rows.get(0);
      List<TranscriptDraft.Line> lines = rows.stream().map(r -> new TranscriptDraft.Line(
          r.get("author"), r.get("author_name"), r.get("at"), r.get("text"))).toList();
      drafts.add(new TranscriptDraft(id.isEmpty() ? null : id, first.get("contact_external_id"),
          first.get("contact_email"), first.get("contact_name"), first.get("queue"),
          first.get("agent"), first.get("channel"), first.get("started"), first.get("closed"),
          first.get("disposition"), split(first.get("tags")), lines));
    });
    return drafts;
  }

  private static List<TranscriptDraft> json(byte[] content) {
    JsonNode root = ImportTable.jsonArray(content, "conversations");
    List<TranscriptDraft> drafts = new ArrayList<>();
    for (JsonNode c : root) {
      JsonNode contact = c.path("contact");
      List<TranscriptDraft.Line> lines = new ArrayList<>();
      c.path("messages").forEach(m -> lines.add(new TranscriptDraft.Line(text(m, "author"),
          text(m, "authorName"), text(m, "at"), text(m, "text"))));
      List<String> tags = new ArrayList<>();
      c.path("tags").forEach(t -> tags.add(t.asText()));
      drafts.add(new TranscriptDraft(text(c, "id"), text(contact, "externalId"),
          text(contact, "email"), text(contact, "name"), text(c, "queue"), text(c, "agent"),
          text(c, "channel"), text(c, "started"), text(c, "closed"), text(c, "disposition"),
          tags, lines));
    }
    return drafts;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null
        : value.asText().trim();
  }

  private static List<String> split(String tags) {
    return tags == null ? List.of() : List.of(tags.split("\\s*[;|]\\s*"));
  }
}
