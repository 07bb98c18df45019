package io.switchboard.server.store.exchange;

import java.util.List;

/**
 * One custom contact attribute a site defines ({@code contact_fields}): its key, its kind (text,
 * number, date, choice, boolean) and, for a choice, the allowed values.
 *
 * <p>Immutable and thread-safe.
 */
public record FieldDefinition(String key, String kind, List<String> choices) {
  public FieldDefinition {
    choices = List.copyOf(choices);
  }
}
