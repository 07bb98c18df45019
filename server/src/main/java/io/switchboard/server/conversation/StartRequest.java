package io.switchboard.server.conversation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a visitor starts a conversation with: the queue (null for the site's default), the
 * pre-chat fields, the language they named, and the name, email and phone read from the fields
 * (already validated), which update their contact.
 *
 * <p>Immutable and thread-safe.
 */
public record StartRequest(String queueId, Map<String, String> fields, String language,
    String name, String email, String phone) {
  public StartRequest {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
