package io.switchboard.server.api;

import io.switchboard.server.contact.ContactPatch;
import io.switchboard.server.contact.ContactService;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.contact.ContactQuery;
import io.switchboard.server.store.contact.TimelineItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the contact endpoints' requests: ids, the list's filters and cursor, a new contact, an
 * edit, and the opaque cursors of pages. Every refusal is {@code INVALID_FIELD} naming the field.
 *
 * <p>Stateless and thread-safe.
 */
final class ContactRequests {
  /** A keyset position: a time and a tie-breaking key; both null for the first page. */
  record Cursor(Instant at, String key) {}

  private ContactRequests() {}

  static UUID id(ApiRequest request) {
    return TicketFields.id("id", request.param(0));
  }

  static UUID requiredId(ApiRequest request, String field) {
    UUID id = TicketFields.id(field, request.text(field));
    if (id == null) {
      throw TicketFields.invalid(field, "required");
    }
    return id;
  }

  static String requiredQuery(ApiRequest request, String name) {
    String value = request.query(name);
    if (value == null || value.isBlank()) {
      throw TicketFields.invalid(name, "required");
    }
    return value;
  }

  static ContactQuery query(ApiRequest request) {
    String stage = blank(request.query("stage"));
    if (stage != null) {
      io.switchboard.server.contact.ContactFieldRules.stage(stage);
    }
    Cursor after = decode("cursor", request.query("cursor"));
    String text = blank(request.query("q"));
    if (text != null && text.length() > 200) {
      throw TicketFields.invalid("q", "at most 200 characters");
    }
    return new ContactQuery(null, blank(request.query("site")), text, stage,
        TicketFields.id("owner", blank(request.query("owner"))),
        TicketFields.id("company", blank(request.query("company"))),
        blank(request.query("tag")), after.at(),
        after.key() == null ? null : TicketFields.id("cursor", after.key()),
        request.queryInt("limit", 50, 1, 200));
  }

  static ContactService.NewContact newContact(ApiRequest request) {
    return new ContactService.NewContact(request.requiredText("siteId", 64), request.text("name"),
        request.text("email"), request.text("phone"), request.textList("otherEmails"),
        request.textList("otherPhones"), TicketFields.id("companyId", request.text("companyId")),
        TicketFields.id("ownerId", request.text("ownerId")), request.text("stage"),
        request.textList("tags"), request.body().get("attributes"), "staff");
  }

  static ContactPatch patch(ApiRequest request) {
    Set<String> given = new HashSet<>();
    request.body().fieldNames().forEachRemaining(name -> {
      if (ContactPatch.FIELDS.contains(name)) {
        given.add(name);
      }
    });
    if (given.isEmpty()) {
      throw TicketFields.invalid("body", "name at least one of " + ContactPatch.FIELDS);
    }
    if (given.contains("attributes") && !request.body().get("attributes").isObject()) {
      throw TicketFields.invalid("attributes", "must be an object");
    }
    return new ContactPatch(given, request.text("name"), request.text("email"),
        request.text("phone"), request.textList("otherEmails"), request.textList("otherPhones"),
        TicketFields.id("companyId", request.text("companyId")),
        TicketFields.id("ownerId", request.text("ownerId")), request.text("stage"),
        request.textList("tags"), request.body().get("attributes"));
  }

  /** The cursor after a page of contacts that ends with {@code last}. */
  static String contactNext(ContactProfile last) {
    return encode(last.createdAt(), last.id().toString());
  }

  static String timelineNext(TimelineItem last) {
    return encode(last.at(), last.key());
  }

  /** A timeline's {@code before}: a cursor from {@code next}, or a time (everything before it). */
  static Cursor timelineCursor(String before) {
    if (before == null || before.isBlank()) {
      return new Cursor(null, null);
    }
    try {
      return new Cursor(Instant.parse(before), "~");
    } catch (DateTimeParseException e) {
      return decode("before", before);
    }
  }

  private static String encode(Instant at, String key) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((at + "|" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static Cursor decode(String field, String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return new Cursor(null, null);
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      List<String> parts = List.of(text.split("\\|", 2));
      return new Cursor(Instant.parse(parts.get(0)), parts.get(1));
    } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
      throw TicketFields.invalid(field, "a cursor from an earlier page");
    }
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
