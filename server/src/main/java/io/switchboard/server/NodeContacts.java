package io.switchboard.server;

import io.switchboard.server.api.CompanyApi;
import io.switchboard.server.api.ContactApi;
import io.switchboard.server.api.ContactFieldApi;
import io.switchboard.server.contact.ContactService;
import io.switchboard.server.store.company.CompanyDao;

/**
 * A node's contacts and companies: the contact service on the node's database and its REST
 * routes (contacts, companies, a site's contact fields). Contacts' history runs on the system
 * clock.
 *
 * <p>Thread-safe: its parts are.
 */
final class NodeContacts {
  private NodeContacts() {}

  static ContactService start(NodeServiceDesk.Parts p) {
    ContactService contacts = new ContactService(p.jdbi(), p.clock());
    new ContactApi(contacts, p.auth(), p.store()).register(p.api());
    new CompanyApi(new CompanyDao(p.jdbi()), contacts, p.auth(), p.store(), p.clock())
        .register(p.api());
    new ContactFieldApi(contacts, p.auth(), p.store()).register(p.api());
    return contacts;
  }
}
