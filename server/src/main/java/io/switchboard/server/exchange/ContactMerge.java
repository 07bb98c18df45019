package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.store.exchange.ContactState;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How an import row's values combine with a stored contact: a given value replaces the stored
 * one (an email that differs only in case keeps the stored spelling), lists gain the new items
 * (ignoring case for emails), attributes gain or replace the given keys, and a company that does
 * not exist yet is named for creation.
 *
 * <p>Thread-safe: stateless.
 */
final class ContactMerge {
  private ContactMerge() {}

  static ContactState merge(ContactState before, ContactDraft d, UUID ownerId, UUID companyId) {
    ObjectNode attributes = before == null ? JsonNodeFactory.instance.objectNode()
        : before.attributes().deepCopy();
    attributes.setAll(d.attributes());
    String stored = before == null ? null : before.email();
    String email = d.email() == null || d.email().equalsIgnoreCase(stored)
        ? stored : d.email();
    boolean newCompany = d.company() != null && companyId == null;
    return new ContactState(before == null ? UUID.randomUUID() : before.id(),
        d.externalId() != null ? d.externalId() : before == null ? null : before.externalId(),
        d.name() != null ? d.name() : before == null ? null : before.name(),
        email,
        d.phone() != null ? d.phone() : before == null ? null : before.phone(),
        union(before == null ? List.of() : before.otherEmails(), d.otherEmails(), email),
        union(before == null ? List.of() : before.otherPhones(), d.otherPhones(), null),
        d.company() == null ? (before == null ? null : before.companyId()) : companyId,
        newCompany ? d.company() : null,
        ownerId != null ? ownerId : before == null ? null : before.ownerId(),
        d.stage() != null ? d.stage() : before == null ? "visitor" : before.stage(),
        union(before == null ? List.of() : before.tags(), d.tags(), null),
        attributes);
  }

  private static List<String> union(List<String> stored, List<String> added, String primary) {
    List<String> all = new ArrayList<>(stored);
    for (String item : added) {
      boolean present = all.stream().anyMatch(s -> s.equalsIgnoreCase(item))
          || item.equalsIgnoreCase(primary);
      if (!present) {
        all.add(item);
      }
    }
    return all;
  }
}
