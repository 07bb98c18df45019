package io.switchboard.server.store.conversation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation a visitor asks to start: their site and contact, the queue, the pre-chat fields,
 * the priority and the language they named (null when none). Compared by value, so identical
 * requests arriving together are answered by one row.
 *
 * <p>Immutable and thread-safe.
 */
public record NewConversation(String siteId, UUID contactId, String queueId,
    Map<String, String> fields, int priority, String language) {
  public NewConversation {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(queueId, "queueId");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
