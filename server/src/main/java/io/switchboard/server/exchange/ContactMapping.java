package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which column of an import file fills which contact field: one of {@link #FIELDS}, or
 * {@code attribute:<key>} for a custom attribute the site defines. Given as a JSON object
 * {@code {"column": "field"}} (in the request or as a mapping file); without one, a column
 * named like a field (or an attribute key) fills it.
 *
 * <p>Immutable and thread-safe.
 */
public record ContactMapping(Map<String, String> byColumn) {
  public static final List<String> FIELDS = List.of("name", "email", "phone", "other_emails",
      "other_phones", "external_id", "company", "owner", "stage", "tags");
  public static final String ATTRIBUTE = "attribute:";

  public ContactMapping {
    byColumn = Map.copyOf(byColumn);
  }

  /**
   * The mapping in {@code json} (null: by column names), checked against the file's columns and
   * the site's attribute keys; INVALID_FIELD naming the first problem.
   */
  public static ContactMapping of(JsonNode json, List<String> columns, Set<String> attributeKeys) {
    Map<String, String> mapping = new LinkedHashMap<>();
    if (json == null || json.isNull()) {
      for (String column : columns) {
        String name = column.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        if (FIELDS.contains(name)) {
          mapping.put(column, name);
        } else if (attributeKeys.contains(name)) {
          mapping.put(column, ATTRIBUTE + name);
        }
      }
    } else if (!json.isObject()) {
      throw ImportTable.invalid("mapping: an object from column names to fields");
    } else {
      json.properties().forEach(e -> {
        if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
          throw ImportTable.invalid("mapping." + e.getKey() + ": a field name");
        }
        if (!columns.contains(e.getKey())) {
          throw ImportTable.invalid("mapping." + e.getKey() + ": the file has no such column");
        }
        mapping.put(e.getKey(), e.getValue().asText().trim());
      });
    }
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      String field = e.getValue();
      boolean attribute = field.startsWith(ATTRIBUTE)
          && attributeKeys.contains(field.substring(ATTRIBUTE.length()));
      if (!FIELDS.contains(field) && !attribute) {
        throw ImportTable.invalid("mapping." + e.getKey() + ": unknown field " + field
            + " (one of " + String.join(", ", FIELDS) + " or attribute:<key>)");
      }
    }
    if (!mapping.containsValue("email") && !mapping.containsValue("external_id")) {
      throw ImportTable.invalid("mapping: map a column to email or external_id, which tell"
          + " contacts apart");
    }
    if (java.util.Collections.frequency(mapping.values(), "email") > 1
        || java.util.Collections.frequency(mapping.values(), "external_id") > 1) {
      throw ImportTable.invalid("mapping: one column each for email and external_id");
    }
    return new ContactMapping(mapping);
  }

  /** The row's text for a field, or null; several columns of one list field are joined. */
  public String value(Map<String, String> row, String field) {
    String joined = null;
    for (Map.Entry<String, String> e : byColumn.entrySet()) {
      if (e.getValue().equals(field) && row.get(e.getKey()) != null) {
        joined = joined == null ? row.get(e.getKey()) : joined + ";" + row.get(e.getKey());
      }
    }
    return joined;
  }

  /** The attribute keys mapped, in no particular order. */
  public List<String> attributeKeys() {
    return byColumn.values().stream().filter(f -> f.startsWith(ATTRIBUTE))
        .map(f -> f.substring(ATTRIBUTE.length())).distinct().toList();
  }
}
