package io.switchboard.server.store.handover;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Contacts made by the widget's loader on a shop page's first view, which the chat's frame may
 * take over once with the loader's visit pass: all the SQL on {@code visit_handovers}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class VisitHandoverDao {
  private final Jdbi jdbi;

  public VisitHandoverDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Creates an anonymous contact of the site and, in the same transaction, its hand-over. */
  public void create(UUID contactId, String siteId, Instant at) {
    StoreFailures.run("create handed-over contact", () -> jdbi.useTransaction(handle -> {
      handle.createUpdate("INSERT INTO contacts (id, site_id) VALUES (:id, :site)")
          .bind("id", contactId).bind("site", siteId).execute();
      handle.createUpdate("INSERT INTO visit_handovers (contact_id, created_at) VALUES (:id, :at)")
          .bind("id", contactId).bind("at", StoreRows.timestamp(at)).execute();
    }));
  }

  /**
   * Takes the contact's hand-over: true once, for the first caller; false when it was taken
   * already or the contact was never handed over.
   */
  public boolean take(UUID contactId) {
    return StoreFailures.call("take visit hand-over", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM visit_handovers WHERE contact_id = :id")
        .bind("id", contactId).execute() == 1));
  }
}
