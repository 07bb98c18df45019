package io.switchboard.server.contact;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Relation;
import io.switchboard.server.store.contact.ContactProfileDao;
import io.switchboard.server.util.SwitchboardException;
import java.util.Set;

/**
 * How staff stand to a contact, for the one permission policy: a contact belongs to a site, and
 * a site is their team's ({@link Relation#TEAM}) when one of their teams owns one of its queues.
 * Someone who may not see a contact learns nothing about it: {@link ErrorCode#NOT_FOUND}, as for
 * an unknown id.
 *
 * <p>Thread-safe: it only reads.
 */
public final class ContactAccess {
  private final ContactProfileDao contacts;

  public ContactAccess(ContactProfileDao contacts) {
    this.contacts = contacts;
  }

  /** The sites whose contacts the staff member may work; null for every site (admins). */
  public Set<String> sites(Principal staff) {
    AccessPolicy.requireRole(staff, Action.WORK_CONTACTS);
    if (AccessPolicy.permits(staff, Action.WORK_CONTACTS, Relation.NONE)) {
      return null;
    }
    return contacts.sitesOfQueues(staff.teamQueues());
  }

  /** How the staff member stands to the site's contacts. */
  public Relation relation(Principal staff, String siteId) {
    Set<String> sites = sites(staff);
    return sites == null || sites.contains(siteId) ? Relation.TEAM : Relation.NONE;
  }

  /** Throws {@code NOT_FOUND} (named {@code what}) unless the staff member may work the site's. */
  public void require(Principal staff, String siteId, String what) {
    if (!AccessPolicy.permits(staff, Action.WORK_CONTACTS, relation(staff, siteId))) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such " + what);
    }
  }
}
