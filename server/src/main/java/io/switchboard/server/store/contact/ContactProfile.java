package io.switchboard.server.store.contact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A contact as the CRM sees it: the visitor's name, email and phone plus more addresses and
 * numbers, company, owner, lifecycle stage, tags, custom attributes (JSON text of an object) and
 * where the contact came from. A merged contact names its survivor in {@code mergedInto}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves the personal data out.
 */
public record ContactProfile(UUID id, String siteId, String name, String email, String phone,
    List<String> otherEmails, List<String> otherPhones, String externalId, UUID companyId,
    String companyName, UUID ownerId, String ownerName, String stage, List<String> tags,
    String attributes, String source, Instant createdAt, Instant updatedAt, UUID mergedInto) {
  public ContactProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
    otherEmails = otherEmails == null ? List.of() : List.copyOf(otherEmails);
    otherPhones = otherPhones == null ? List.of() : List.copyOf(otherPhones);
    tags = tags == null ? List.of() : List.copyOf(tags);
    attributes = attributes == null ? "{}" : attributes;
  }

  /** The editable part of a contact, as one edit leaves it. */
  public record Editable(String name, String email, String phone, List<String> otherEmails,
      List<String> otherPhones, UUID companyId, UUID ownerId, String stage, List<String> tags,
      String attributes) {}

  public Editable editable() {
    return new Editable(name, email, phone, otherEmails, otherPhones, companyId, ownerId, stage,
        tags, attributes);
  }

  @Override
  public String toString() {
    return "ContactProfile[id=" + id + ", siteId=" + siteId + "]";
  }
}
