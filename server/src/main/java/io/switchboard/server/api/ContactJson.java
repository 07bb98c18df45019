package io.switchboard.server.api;

import io.switchboard.server.contact.ContactService;
import io.switchboard.server.store.contact.ContactNote;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.contact.TimelineItem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of contacts, their notes and timeline items (PROTOCOL.md 3.10). Unlike
 * {@link ApiJson#object}, a contact keeps its null fields, so the console sees every key.
 *
 * <p>Thread-safe: it only reads the service.
 */
final class ContactJson {
  private final ContactService contacts;

  ContactJson(ContactService contacts) {
    this.contacts = contacts;
  }

  Map<String, Object> contact(ContactProfile c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id().toString());
    json.put("siteId", c.siteId());
    json.put("name", c.name());
    json.put("email", c.email());
    json.put("phone", c.phone());
    json.put("otherEmails", c.otherEmails());
    json.put("otherPhones", c.otherPhones());
    json.put("externalId", c.externalId());
    json.put("company", c.companyId() == null ? null
        : ApiJson.object("id", c.companyId().toString(), "name", c.companyName()));
    json.put("owner", c.ownerId() == null ? null
        : ApiJson.object("id", c.ownerId().toString(), "name", c.ownerName()));
    json.put("stage", c.stage());
    json.put("tags", c.tags());
    json.put("attributes", contacts.visibleAttributes(c));
    json.put("source", c.source());
    json.put("createdAt", c.createdAt().toString());
    json.put("updatedAt", c.updatedAt().toString());
    json.put("mergedInto", c.mergedInto() == null ? null : c.mergedInto().toString());
    return json;
  }

  /** A page of a list: its items under {@code name}, and {@code next} (null on the last page). */
  static Map<String, Object> page(String name, java.util.List<?> items, String next) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(name, items);
    json.put("next", next);
    return json;
  }

  static Map<String, Object> note(ContactNote note) {
    return ApiJson.object("id", note.id(), "contactId", note.contactId().toString(),
        "author", ApiJson.object("id", note.authorId().toString(), "name", note.authorName()),
        "body", note.body(), "createdAt", note.createdAt().toString());
  }

  /** A timeline item: at, kind, actor (when there is one) and the item's own details. */
  static Map<String, Object> item(TimelineItem item) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", item.at().toString());
    json.put("kind", item.kind());
    json.put("actor", item.actorId() == null ? null
        : ApiJson.object("id", item.actorId(), "name", item.actorName()));
    ApiJson.parse(item.detail()).fields().forEachRemaining(field -> {
      if (!json.containsKey(field.getKey())) {
        json.put(field.getKey(), field.getValue());
      }
    });
    return json;
  }
}
