package io.switchboard.server.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.store.contact.ContactHistoryDao;
import io.switchboard.server.store.contact.ContactMergeDao;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.contact.ContactProfileDao;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Merges one contact into another in one transaction: the merged contact's conversations,
 * tickets, ratings, notes, history and uploads move to the survivor; its emails, phones, tags and
 * attributes join the survivor's (the survivor's values win); it keeps its row, pointing to the
 * survivor, and both get a {@code merged} event. Refused with {@code CONFLICT} when both have an
 * open conversation or they belong to different sites. An id that was merged before stands for
 * the end of its chain.
 *
 * <p>Thread-safe: it keeps no state; the two rows are locked in id order for the transaction.
 */
public final class ContactMerger {
  /** The message keys of the refusals (the start of the error's message). */
  public static final String OPEN_CONVERSATIONS = "merge_open_conversations";
  public static final String DIFFERENT_SITES = "merge_different_sites";
  public static final String SAME_CONTACT = "merge_same_contact";
  /** A contact of the request was merged by someone else in the meantime. */
  public static final String MERGED_MEANWHILE = "contact_merged";

  private final Jdbi jdbi;
  private final ContactAccess access;
  private final Clock clock;

  ContactMerger(Jdbi jdbi, ContactAccess access, Clock clock) {
    this.jdbi = jdbi;
    this.access = access;
    this.clock = clock;
  }

  /** Merges {@code mergedId} into {@code survivorId}; answers the survivor's id. */
  public UUID merge(Principal staff, UUID survivorId, UUID mergedId) {
    return StoreFailures.call("merge contacts", () -> jdbi.inTransaction(handle -> {
      UUID survivor = ContactProfileDao.survivor(handle, survivorId)
          .orElseThrow(ContactService::notFound);
      UUID merged = ContactProfileDao.survivor(handle, mergedId)
          .orElseThrow(ContactService::notFound);
      if (survivor.equals(merged)) {
        throw conflict(SAME_CONTACT, "the two ids lead to the same contact");
      }
      ContactProfileDao.lock(handle, survivor, merged);
      ContactProfile keep = ContactProfileDao.find(handle, survivor).orElseThrow();
      ContactProfile gone = ContactProfileDao.find(handle, merged).orElseThrow();
      access.require(staff, keep.siteId(), "contact");
      access.require(staff, gone.siteId(), "contact");
      if (keep.mergedInto() != null || gone.mergedInto() != null) {
        throw conflict(MERGED_MEANWHILE, "one of the contacts was merged meanwhile; try again");
      }
      if (!keep.siteId().equals(gone.siteId())) {
        throw conflict(DIFFERENT_SITES, "the contacts belong to different sites");
      }
      if (ContactMergeDao.withOpenConversation(handle, survivor, merged) == 2) {
        throw conflict(OPEN_CONVERSATIONS,
            "both contacts have an open conversation; close one first");
      }
      move(handle, staff.id(), keep, gone);
      return survivor;
    }));
  }

  private void move(Handle handle, String actor, ContactProfile keep, ContactProfile gone) {
    Instant now = clock.instant();
    Map<String, Integer> moved = ContactMergeDao.moveOwned(handle, gone.id(), keep.id());
    ContactProfile.Editable combined = combined(keep, gone);
    ContactProfileDao.update(handle, keep.id(), combined, now);
    if (keep.externalId() == null && gone.externalId() != null) {
      ContactMergeDao.moveExternalId(handle, gone.id(), keep.id());
    }
    ContactMergeDao.markMerged(handle, gone.id(), keep.id(), now);
    ObjectNode survivorDetail = ContactService.JSON.createObjectNode()
        .put("role", "survivor").put("mergedId", gone.id().toString())
        .put("mergedName", gone.name());
    survivorDetail.set("moved", ContactService.JSON.valueToTree(moved));
    ContactHistoryDao.append(handle, keep.id(), "merged", actor, survivorDetail.toString(), now);
    ContactHistoryDao.append(handle, gone.id(), "merged", actor, ContactService.JSON
        .createObjectNode().put("role", "merged").put("survivorId", keep.id().toString())
        .toString(), now);
  }

  /** The survivor's fields with the merged contact's joined in; the survivor wins conflicts. */
  static ContactProfile.Editable combined(ContactProfile keep, ContactProfile gone) {
    String email = keep.email() != null ? keep.email() : gone.email();
    String phone = keep.phone() != null ? keep.phone() : gone.phone();
    List<String> goneEmails = new ArrayList<>(gone.otherEmails());
    if (gone.email() != null) {
      goneEmails.add(0, gone.email());
    }
    List<String> gonePhones = new ArrayList<>(gone.otherPhones());
    if (gone.phone() != null) {
      gonePhones.add(0, gone.phone());
    }
    LinkedHashSet<String> tags = new LinkedHashSet<>(keep.tags());
    tags.addAll(gone.tags());
    ObjectNode attributes = ContactEdits.attributes(gone.attributes());
    attributes.setAll(ContactEdits.attributes(keep.attributes()));
    return new ContactProfile.Editable(keep.name() != null ? keep.name() : gone.name(), email,
        phone, ContactFieldRules.union(email, keep.otherEmails(), goneEmails, true),
        ContactFieldRules.union(phone, keep.otherPhones(), gonePhones, false),
        keep.companyId() != null ? keep.companyId() : gone.companyId(),
        keep.ownerId() != null ? keep.ownerId() : gone.ownerId(),
        "visitor".equals(keep.stage()) ? gone.stage() : keep.stage(), List.copyOf(tags),
        attributes.toString());
  }

  private static SwitchboardException conflict(String key, String message) {
    return new SwitchboardException(ErrorCode.CONFLICT, key + ": " + message);
  }
}
