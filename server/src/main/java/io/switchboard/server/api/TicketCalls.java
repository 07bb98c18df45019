package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A logged phone call, the service record of a call: caller, direction, when it started, how
 * long it took, what was said (the summary) and its outcome.
 *
 * <p>Stateless and thread-safe.
 */
final class TicketCalls {
  private TicketCalls() {}

  /**
   * The call's fields as stored, with {@code summary} among them (the caller takes it out as the
   * entry's body). {@code prefix} names the fields in refusals ({@code call.} inside a ticket).
   */
  static Map<String, String> read(JsonNode node, String prefix) {
    if (node == null || !node.isObject()) {
      throw TicketFields.invalid(prefix.isEmpty() ? "call" : prefix.substring(0, prefix.length() - 1),
          "an object with caller, direction, startedAt, durationSeconds, summary, outcome");
    }
    Map<String, String> call = new LinkedHashMap<>();
    call.put("caller", text(node, prefix, "caller", 100));
    String direction = text(node, prefix, "direction", 8);
    if (!direction.equals("inbound") && !direction.equals("outbound")) {
      throw TicketFields.invalid(prefix + "direction", "inbound or outbound");
    }
    call.put("direction", direction);
    call.put("startedAt", TicketFields.instant(prefix + "startedAt",
        text(node, prefix, "startedAt", 40)).toString());
    JsonNode duration = node.get("durationSeconds");
    if (duration == null || !duration.isIntegralNumber() || duration.asLong() < 0
        || duration.asLong() > 86_400) {
      throw TicketFields.invalid(prefix + "durationSeconds", "a whole number from 0 to 86400");
    }
    call.put("durationSeconds", Long.toString(duration.asLong()));
    call.put("outcome", text(node, prefix, "outcome", 200));
    call.put("summary", text(node, prefix, "summary", 20000));
    return call;
  }

  private static String text(JsonNode node, String prefix, String field, int max) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw TicketFields.invalid(prefix + field, "required");
    }
    if (value.asText().length() > max) {
      throw TicketFields.invalid(prefix + field, "at most " + max + " characters");
    }
    return value.asText().strip();
  }
}
