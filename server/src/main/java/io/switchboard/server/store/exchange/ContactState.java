package io.switchboard.server.store.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * A contact's importable fields, as stored or as an import would leave them. {@code companyName}
 * names a company that does not exist yet (created when the import is written); otherwise
 * {@code companyId} is the company.
 *
 * <p>Immutable and thread-safe if {@code attributes} is not changed after construction.
 */
public record ContactState(UUID id, String externalId, String name, String email, String phone,
    List<String> otherEmails, List<String> otherPhones, UUID companyId, String companyName,
    UUID ownerId, String stage, List<String> tags, ObjectNode attributes) {
  public ContactState {
    otherEmails = List.copyOf(otherEmails);
    otherPhones = List.copyOf(otherPhones);
    tags = List.copyOf(tags);
  }

  /** Whether storing {@code next} over this state would change nothing. */
  public boolean sameAs(ContactState next) {
    return java.util.Objects.equals(externalId, next.externalId)
        && java.util.Objects.equals(name, next.name)
        && java.util.Objects.equals(email, next.email)
        && java.util.Objects.equals(phone, next.phone)
        && otherEmails.equals(next.otherEmails) && otherPhones.equals(next.otherPhones)
        && next.companyName == null && java.util.Objects.equals(companyId, next.companyId)
        && java.util.Objects.equals(ownerId, next.ownerId) && stage.equals(next.stage)
        && tags.equals(next.tags) && attributes.equals(NUMBERS_BY_VALUE, next.attributes);
  }

  private static final java.util.Comparator<com.fasterxml.jackson.databind.JsonNode>
      NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
          ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
}
