package io.switchboard.server.contact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One edit of a contact: the fields it names in {@code given} (a named field whose value is null
 * is cleared), the rest left as they are. {@code attributes} changes only the keys it names.
 *
 * <p>Immutable and thread-safe (the attributes node is only read).
 */
public record ContactPatch(Set<String> given, String name, String email, String phone,
    List<String> otherEmails, List<String> otherPhones, UUID companyId, UUID ownerId,
    String stage, List<String> tags, JsonNode attributes) {
  /** Every field an edit may name. */
  public static final Set<String> FIELDS = Set.of("name", "email", "phone", "otherEmails",
      "otherPhones", "companyId", "ownerId", "stage", "tags", "attributes");

  public ContactPatch {
    given = Set.copyOf(given);
  }

  public boolean has(String field) {
    return given.contains(field);
  }
}
