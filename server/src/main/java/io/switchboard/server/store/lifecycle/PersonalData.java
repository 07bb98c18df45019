package io.switchboard.server.store.lifecycle;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Everything that identifies one person's data: the contact (the survivor of its merges) with
 * every contact merged into it, their conversations and tickets, and the texts that name them
 * (email addresses, phone numbers, names). Export reads by these; erasure deletes by them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param contactId the contact as it is now (a merged id is followed to its survivor)
 * @param contactIds the contact and every contact merged into it, directly or not
 * @param siteIds the sites of those contacts
 * @param conversationIds their conversations
 * @param ticketIds their tickets
 * @param emails their email addresses (primary and others), as stored
 * @param phones their phone numbers
 * @param names their names
 */
public record PersonalData(UUID contactId, List<UUID> contactIds, Set<String> siteIds,
    List<UUID> conversationIds, List<UUID> ticketIds, Set<String> emails, Set<String> phones,
    Set<String> names) {
  public PersonalData {
    contactIds = List.copyOf(contactIds);
    siteIds = Set.copyOf(siteIds);
    conversationIds = List.copyOf(conversationIds);
    ticketIds = List.copyOf(ticketIds);
    emails = Set.copyOf(emails);
    phones = Set.copyOf(phones);
    names = Set.copyOf(names);
  }

  /**
   * Conversations and tickets alone, with no contact (the retention job removes these and leaves
   * the contacts).
   */
  public static PersonalData items(List<UUID> conversationIds, List<UUID> ticketIds) {
    return new PersonalData(null, List.of(), Set.of(), conversationIds, ticketIds, Set.of(),
        Set.of(), Set.of());
  }

  /** The contact, conversation and ticket ids as text. */
  public Set<String> idTexts() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    contactIds.forEach(id -> ids.add(id.toString()));
    conversationIds.forEach(id -> ids.add(id.toString()));
    ticketIds.forEach(id -> ids.add(id.toString()));
    return ids;
  }

  /** The email addresses as stored and in lower case, the phones and the names. */
  public Set<String> texts() {
    java.util.Set<String> texts = new java.util.HashSet<>(emails);
    emails.forEach(email -> texts.add(email.toLowerCase(java.util.Locale.ROOT)));
    texts.addAll(phones);
    texts.addAll(names);
    return texts;
  }
}
