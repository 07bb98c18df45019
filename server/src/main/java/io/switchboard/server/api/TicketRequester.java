package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.conversation.PrechatFields;
import java.util.UUID;

/**
 * The {@code requester} of a ticket staff open: an existing contact by id, or the name, email and
 * phone of a new one, each checked as the widget's pre-chat form checks them.
 *
 * <p>Immutable and thread-safe.
 */
record TicketRequester(UUID contactId, String name, String email, String phone) {
  static TicketRequester read(ApiRequest request) {
    JsonNode node = request.body() == null ? null : request.body().get("requester");
    if (node == null || node.isNull()) {
      return new TicketRequester(null, null, null, null);
    }
    if (!node.isObject()) {
      throw TicketFields.invalid("requester", "an object with contactId, or name, email, phone");
    }
    UUID contact = TicketFields.id("requester.contactId", text(node, "contactId", 64));
    String name = text(node, "name", 100);
    String email = text(node, "email", 254);
    String phone = text(node, "phone", 40);
    return new TicketRequester(contact,
        name == null ? null : PrechatFields.name("requester.name", name),
        email == null ? null : PrechatFields.email("requester.email", email),
        phone == null ? null : PrechatFields.phone("requester.phone", phone));
  }

  private static String text(JsonNode node, String field, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max) {
      throw TicketFields.invalid("requester." + field, "a text of 1 to " + max + " characters");
    }
    return value.asText().strip();
  }
}
