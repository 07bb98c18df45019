package io.switchboard.server.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.store.contact.ContactField;
import io.switchboard.server.store.contact.ContactHistoryDao;
import io.switchboard.server.store.contact.ContactProfile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What one edit does to a contact's fields, and how it is recorded: a stage change as
 * {@code stage_changed}, an owner change as {@code owner_changed}, and every other changed field
 * in one {@code edited} event with its value before and after.
 *
 * <p>Stateless and thread-safe.
 */
final class ContactEdits {
  private ContactEdits() {}

  /** The contact's editable fields once the patch is applied and checked. */
  static ContactProfile.Editable applied(ContactProfile before, ContactPatch patch,
      List<ContactField> fields) {
    ContactProfile.Editable b = before.editable();
    String attributes = b.attributes();
    if (patch.has("attributes")) {
      attributes = ContactAttributes.apply(attributes(attributes), patch.attributes(), fields)
          .toString();
    }
    return ContactFieldRules.tidy(new ContactProfile.Editable(
        patch.has("name") ? ContactFieldRules.name(patch.name()) : b.name(),
        patch.has("email") ? ContactFieldRules.email("email", patch.email()) : b.email(),
        patch.has("phone") ? ContactFieldRules.phone("phone", patch.phone()) : b.phone(),
        patch.has("otherEmails")
            ? ContactFieldRules.emails("otherEmails", patch.otherEmails()) : b.otherEmails(),
        patch.has("otherPhones")
            ? ContactFieldRules.phones("otherPhones", patch.otherPhones()) : b.otherPhones(),
        patch.has("companyId") ? patch.companyId() : b.companyId(),
        patch.has("ownerId") ? patch.ownerId() : b.ownerId(),
        patch.has("stage") ? ContactFieldRules.stage(patch.stage()) : b.stage(),
        patch.has("tags") ? ContactFieldRules.tags(patch.tags()) : b.tags(), attributes));
  }

  /** Appends the history of the edit: nothing when nothing changed. */
  static void record(Handle handle, UUID contactId, String actor, ContactProfile.Editable before,
      ContactProfile.Editable after, Instant at) {
    if (!Objects.equals(before.stage(), after.stage())) {
      ContactHistoryDao.append(handle, contactId, "stage_changed", actor,
          change(before.stage(), after.stage()).toString(), at);
    }
    if (!Objects.equals(before.ownerId(), after.ownerId())) {
      ContactHistoryDao.append(handle, contactId, "owner_changed", actor,
          change(text(before.ownerId()), text(after.ownerId())).toString(), at);
    }
    Map<String, Object[]> fields = new LinkedHashMap<>();
    fields.put("name", new Object[] {before.name(), after.name()});
    fields.put("email", new Object[] {before.email(), after.email()});
    fields.put("phone", new Object[] {before.phone(), after.phone()});
    fields.put("otherEmails", new Object[] {before.otherEmails(), after.otherEmails()});
    fields.put("otherPhones", new Object[] {before.otherPhones(), after.otherPhones()});
    fields.put("companyId", new Object[] {text(before.companyId()), text(after.companyId())});
    fields.put("tags", new Object[] {before.tags(), after.tags()});
    fields.put("attributes",
        new Object[] {attributes(before.attributes()), attributes(after.attributes())});
    ObjectNode changes = ContactService.JSON.createObjectNode();
    fields.forEach((name, values) -> {
      if (!Objects.equals(values[0], values[1])) {
        changes.set(name, ContactService.JSON.createObjectNode()
            .<ObjectNode>set("before", ContactService.JSON.valueToTree(values[0]))
            .set("after", ContactService.JSON.valueToTree(values[1])));
      }
    });
    if (!changes.isEmpty()) {
      ContactHistoryDao.append(handle, contactId, "edited", actor,
          ContactService.JSON.createObjectNode().set("changes", changes).toString(), at);
    }
  }

  /** Stored attributes (JSON text of an object) as an object. */
  static ObjectNode attributes(String json) {
    try {
      JsonNode node = ContactService.JSON.readTree(json == null ? "{}" : json);
      return node instanceof ObjectNode object ? object : ContactService.JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored attributes do not parse", e);
    }
  }

  private static ObjectNode change(String from, String to) {
    return ContactService.JSON.createObjectNode().put("from", from).put("to", to);
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
