package io.switchboard.server.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The one change the audit log allows: replacing the personal fields of the entries that name an
 * erased contact (actor, action path, target, address, before and after) with its pseudonym. The entries stay in the chain: their hashes cover the digest
 * of those fields (stored beside them), not the fields, and the database's guard lets the fields
 * change only when a later {@code gdpr.erase} entry is named as the redactor.
 *
 * <p>Stateless and thread-safe; it works inside the caller's transaction.
 */
public final class AuditRedactions {
  /** Keys of recorded JSON whose text is free text about or by a person. */
  private static final Set<String> FREE_TEXT = Set.of("name", "email", "phone", "subject",
      "body", "text", "comment", "message", "note", "reason", "otherEmails", "otherPhones",
      "requesterName", "requesterEmail", "address");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditRedactions() {}

  /**
   * What to look for: {@code ids} (contact, conversation and ticket ids, compared to actor and
   * target ids and searched in the recorded JSON) and {@code texts} (email addresses, phone
   * numbers and names, searched in the recorded JSON); each occurrence becomes {@code pseudonym}.
   */
  public record Needles(Set<String> ids, Set<String> texts, String pseudonym) {
    List<String> all() {
      List<String> all = new ArrayList<>(ids);
      all.addAll(texts);
      return all;
    }
  }

  /** Redacts every entry before {@code erasureId} that names a needle; returns how many. */
  public static int redact(Handle handle, Needles needles, long erasureId) {
    List<String> all = needles.all().stream().filter(n -> n != null && !n.isBlank()).toList();
    if (all.isEmpty()) {
      return 0;
    }
    List<Map<String, Object>> rows = handle.createQuery("""
            SELECT id, actor_id, action, target_id, address, before_json, after_json FROM audit_log
            WHERE id < :erasure AND (actor_id = ANY(:ids) OR target_id = ANY(:ids)
              OR EXISTS (SELECT 1 FROM unnest(CAST(:all AS text[])) AS n(needle)
                         WHERE strpos(coalesce(before_json, ''), n.needle) > 0
                            OR strpos(coalesce(after_json, ''), n.needle) > 0))
            ORDER BY id""")
        .bind("erasure", erasureId)
        .bindArray("ids", String.class, needles.ids().toArray())
        .bindArray("all", String.class, all.toArray())
        .mapToMap().list();
    for (Map<String, Object> row : rows) {
      String actor = (String) row.get("actor_id");
      boolean actorErased = actor != null && needles.ids().contains(actor);
      handle.createUpdate("""
              UPDATE audit_log SET actor_id = :actor, action = :action, target_id = :target,
                  address = :address, before_json = :before, after_json = :after,
                  redacted_by = :erasure
              WHERE id = :id""")
          .bind("actor", actorErased ? needles.pseudonym() : actor)
          .bind("action", replaced((String) row.get("action"), all, needles.pseudonym()))
          .bind("target", replaced((String) row.get("target_id"), all, needles.pseudonym()))
          .bind("address", actorErased ? null : (String) row.get("address"))
          .bind("before", redactedJson((String) row.get("before_json"), all, needles.pseudonym()))
          .bind("after", redactedJson((String) row.get("after_json"), all, needles.pseudonym()))
          .bind("erasure", erasureId)
          .bind("id", ((Number) row.get("id")).longValue())
          .execute();
    }
    return rows.size();
  }

  /**
   * The recorded JSON of an entry that names the person: every string value that holds a needle,
   * and every free text the person may have written or been described in ({@link #FREE_TEXT}),
   * becomes the pseudonym. Text that is not JSON has its needles replaced.
   */
  static String redactedJson(String json, Collection<String> needles, String pseudonym) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode tree = JSON.readTree(json);
      return redactNode(tree, null, needles, pseudonym).toString();
    } catch (java.io.IOException e) {
      return replaced(json, needles, pseudonym);
    }
  }

  private static JsonNode redactNode(JsonNode node, String key, Collection<String> needles,
      String pseudonym) {
    if (node instanceof ObjectNode object) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String field : keys) {
        object.set(field, redactNode(object.get(field), field, needles, pseudonym));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, redactNode(array.get(i), key, needles, pseudonym));
      }
      return array;
    }
    if (node.isTextual()) {
      String text = node.asText();
      boolean named = needles.stream().anyMatch(n -> !n.isBlank() && text.contains(n));
      if (named || (key != null && FREE_TEXT.contains(key))) {
        return TextNode.valueOf(pseudonym);
      }
    }
    return node;
  }

  /** {@code text} with every id and text of the needles replaced by their pseudonym. */
  public static String replaced(String text, Needles needles) {
    return replaced(text, needles.all(), needles.pseudonym());
  }

  /** {@code text} with every occurrence of a needle (longest first) replaced by the pseudonym. */
  static String replaced(String text, Collection<String> needles, String pseudonym) {
    if (text == null) {
      return null;
    }
    String result = text;
    List<String> longestFirst = needles.stream().filter(n -> n != null && !n.isBlank())
        .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
    for (String needle : longestFirst) {
      result = result.replace(needle, pseudonym);
    }
    return result;
  }
}
