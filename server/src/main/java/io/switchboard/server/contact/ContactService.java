package io.switchboard.server.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.store.contact.ContactField;
import io.switchboard.server.store.contact.ContactFieldDao;
import io.switchboard.server.store.contact.ContactHistoryDao;
import io.switchboard.server.store.contact.ContactNote;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.contact.ContactProfileDao;
import io.switchboard.server.store.contact.ContactMergeDao;
import io.switchboard.server.store.contact.ContactQuery;
import io.switchboard.server.store.contact.ContactTimelineDao;
import io.switchboard.server.store.contact.TimelineItem;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one owner of changes to contacts: creation, edits (each recorded in the contact's history
 * with who, when and the fields before and after, in the same transaction), stage and owner
 * changes, notes and merges ({@link ContactMerger}). Every call checks the caller against the one
 * permission policy through {@link ContactAccess}.
 *
 * <p>Thread-safe: it keeps no state between calls; PostgreSQL row locks order concurrent edits.
 */
public final class ContactService {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A new contact as staff or an import enter it. */
  public record NewContact(String siteId, String name, String email, String phone,
      List<String> otherEmails, List<String> otherPhones, UUID companyId, UUID ownerId,
      String stage, List<String> tags, JsonNode attributes, String source) {}

  /** A contact found by id; {@code redirectedFrom} is the asked id when it had been merged. */
  public record Found(ContactProfile contact, UUID redirectedFrom) {}

  private final Jdbi jdbi;
  private final ContactProfileDao profiles;
  private final ContactHistoryDao history;
  private final ContactFieldDao fields;
  private final ContactAccess access;
  private final ContactMerger merger;
  private final ContactTimelineDao timeline;
  private final ContactMergeDao duplicates;
  private final Clock clock;

  public ContactService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.profiles = new ContactProfileDao(jdbi);
    this.history = new ContactHistoryDao(jdbi);
    this.fields = new ContactFieldDao(jdbi);
    this.access = new ContactAccess(profiles);
    this.merger = new ContactMerger(jdbi, access, clock);
    this.timeline = new ContactTimelineDao(jdbi);
    this.duplicates = new ContactMergeDao(jdbi);
  }

  public ContactAccess access() {
    return access;
  }

  public ContactProfileDao profiles() {
    return profiles;
  }

  public ContactFieldDao fields() {
    return fields;
  }

  public ContactProfile create(Principal staff, NewContact contact) {
    access.require(staff, contact.siteId(), "site");
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    List<ContactField> siteFields = fields.list(contact.siteId());
    ObjectNode attributes = contact.attributes() == null ? JSON.createObjectNode()
        : ContactAttributes.apply(JSON.createObjectNode(), contact.attributes(), siteFields);
    ContactProfile.Editable editable = ContactFieldRules.tidy(new ContactProfile.Editable(
        ContactFieldRules.name(contact.name()),
        ContactFieldRules.email("email", contact.email()),
        ContactFieldRules.phone("phone", contact.phone()),
        ContactFieldRules.emails("otherEmails", contact.otherEmails()),
        ContactFieldRules.phones("otherPhones", contact.otherPhones()), contact.companyId(),
        contact.ownerId(), contact.stage() == null ? "visitor"
            : ContactFieldRules.stage(contact.stage()),
        ContactFieldRules.tags(contact.tags()), attributes.toString()));
    StoreFailures.run("create contact", () -> jdbi.useTransaction(handle -> {
      checkLinks(handle, contact.siteId(), editable);
      ContactProfileDao.insert(handle, new ContactProfile(id, contact.siteId(), editable.name(),
          editable.email(), editable.phone(), editable.otherEmails(), editable.otherPhones(), null,
          editable.companyId(), null, editable.ownerId(), null, editable.stage(),
          editable.tags(), editable.attributes(), contact.source(), now, now, null));
      ContactHistoryDao.append(handle, id, "created", staff.id(),
          JSON.createObjectNode().put("source", contact.source()).toString(), now);
    }));
    return profiles.find(id).orElseThrow();
  }

  /** The contact, or its survivor when it was merged (with the asked id as redirectedFrom). */
  public Found find(Principal staff, UUID id) {
    UUID survivor = profiles.survivor(id).orElseThrow(ContactService::notFound);
    ContactProfile contact = profiles.find(survivor).orElseThrow(ContactService::notFound);
    access.require(staff, contact.siteId(), "contact");
    return new Found(contact, survivor.equals(id) ? null : id);
  }

  /** A page of the live contacts the staff member may see that match the query. */
  public List<ContactProfile> list(Principal staff, ContactQuery query) {
    if (query.siteId() != null) {
      access.require(staff, query.siteId(), "site");
    }
    return profiles.list(new ContactQuery(access.sites(staff), query.siteId(), query.text(),
        query.stage(), query.ownerId(), query.companyId(), query.tag(), query.afterCreatedAt(),
        query.afterId(), query.limit()));
  }

  /** Applies the edit (to the survivor of a merged id) and records it; answers the contact. */
  public ContactProfile edit(Principal staff, UUID id, ContactPatch patch) {
    UUID target = find(staff, id).contact().id();
    StoreFailures.run("edit contact", () -> jdbi.useTransaction(handle -> {
      ContactProfileDao.lock(handle, target);
      ContactProfile before = ContactProfileDao.find(handle, target).orElseThrow();
      if (before.mergedInto() != null) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            ContactMerger.MERGED_MEANWHILE + ": the contact was merged meanwhile; read it again");
      }
      ContactProfile.Editable after = ContactEdits.applied(before, patch,
          fields.list(before.siteId()));
      checkLinks(handle, before.siteId(), after);
      Instant now = clock.instant();
      ContactProfileDao.update(handle, target, after, now);
      ContactEdits.record(handle, target, staff.id(), before.editable(), after, now);
    }));
    return profiles.find(target).orElseThrow();
  }

  public ContactNote addNote(Principal staff, UUID id, String body) {
    UUID target = find(staff, id).contact().id();
    if (body == null || body.isBlank() || body.length() > 8000) {
      throw ContactAttributes.invalid("body", "1 to 8000 characters");
    }
    return StoreFailures.call("add contact note", () -> jdbi.inTransaction(handle -> {
      Instant now = clock.instant();
      ContactNote note = ContactHistoryDao.addNote(handle, target, UUID.fromString(staff.id()),
          body, now);
      ContactHistoryDao.append(handle, target, "note_added", staff.id(),
          JSON.createObjectNode().put("noteId", note.id()).toString(), now);
      return note;
    }));
  }

  public List<ContactNote> notes(Principal staff, UUID id, int limit) {
    return history.notes(find(staff, id).contact().id(), limit);
  }

  /**
   * A page of the contact's timeline (of its survivor, for a merged id), newest first, before
   * ({@code beforeAt}, {@code beforeKey}) when given.
   */
  public List<TimelineItem> timeline(Principal staff, UUID id, Instant beforeAt,
      String beforeKey, int limit) {
    return timeline.page(find(staff, id).contact().id(), beforeAt, beforeKey, limit);
  }

  /** Pairs of the site's live contacts that look like one person. */
  public List<ContactMergeDao.DuplicatePair> duplicates(Principal staff, String siteId,
      int limit) {
    access.require(staff, siteId, "site");
    return duplicates.duplicates(siteId, limit);
  }

  /** Merges {@code mergedId} into {@code survivorId} (see {@link ContactMerger}). */
  public ContactProfile merge(Principal staff, UUID survivorId, UUID mergedId) {
    if (survivorId.equals(mergedId)) {
      throw ContactAttributes.invalid("mergedId", "another contact than the survivor");
    }
    return profiles.find(merger.merge(staff, survivorId, mergedId)).orElseThrow();
  }

  /** The site's contact fields; staff of the site (and admins) may read them. */
  public List<ContactField> fields(Principal staff, String siteId) {
    access.require(staff, siteId, "site");
    return fields.list(siteId);
  }

  /** Replaces the site's contact fields (admins only). */
  public void replaceFields(Principal admin, String siteId, List<ContactField> list) {
    AccessPolicy.requireRole(admin, Action.MANAGE_CONTACT_FIELDS);
    fields.replace(siteId, list);
  }

  /** The attributes of the contact whose fields still exist. */
  public ObjectNode visibleAttributes(ContactProfile contact) {
    return ContactAttributes.visible(ContactEdits.attributes(contact.attributes()),
        fields.list(contact.siteId()));
  }

  private static void checkLinks(Handle handle, String siteId, ContactProfile.Editable e) {
    if (e.companyId() != null && !Objects.equals(
        ContactProfileDao.companySite(handle, e.companyId()).orElse(null), siteId)) {
      throw ContactAttributes.invalid("companyId", "no such company on the contact's site");
    }
    if (e.ownerId() != null && !ContactProfileDao.activeUser(handle, e.ownerId())) {
      throw ContactAttributes.invalid("ownerId", "no such active user");
    }
  }

  static SwitchboardException notFound() {
    return new SwitchboardException(ErrorCode.NOT_FOUND, "no such contact");
  }
}
