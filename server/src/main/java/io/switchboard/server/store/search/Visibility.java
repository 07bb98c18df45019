package io.switchboard.server.store.search;

/**
 * The permission policy's team scope as SQL, so a search never returns what its viewer may not
 * open: the same rules as {@code ConversationAccess} (reading a transcript), {@code TicketAccess}
 * (working a ticket) and reading a contact's history.
 *
 * <p>Stateless and thread-safe.
 */
final class Visibility {
  private Visibility() {}

  /**
   * Conversations ({@code c}) the viewer holds, held for the same contact, or that wait in or
   * came through their teams' queues.
   */
  static void conversations(SearchSql sql, SearchFilter.Viewer viewer) {
    if (viewer.all()) {
      return;
    }
    sql.where("(c.agent_id = :viewer OR c.queue_id = ANY (CAST(:viewerQueues AS text[]))"
        + " OR EXISTS (SELECT 1 FROM conversations s WHERE s.contact_id = c.contact_id"
        + " AND s.agent_id = :viewer))", "viewer", viewer.userId(), "viewerQueues",
        viewer.teamQueues().toArray(String[]::new));
  }

  /** Tickets ({@code t}) assigned to the viewer or in their teams' queues. */
  static void tickets(SearchSql sql, SearchFilter.Viewer viewer) {
    if (viewer.all()) {
      return;
    }
    sql.where("(t.assignee_id = :viewer OR t.queue_id = ANY (CAST(:viewerQueues AS text[])))",
        "viewer", viewer.userId(), "viewerQueues", viewer.teamQueues().toArray(String[]::new));
  }

  /**
   * Contacts (the id expression) the viewer served, and for supervisors those who came through
   * their teams' queues.
   */
  static void contacts(SearchSql sql, SearchFilter.Viewer viewer, String contactId) {
    if (viewer.all()) {
      return;
    }
    String served = "EXISTS (SELECT 1 FROM conversations s WHERE s.contact_id = " + contactId
        + " AND (s.agent_id = :viewer";
    if (viewer.teamContacts()) {
      sql.where(served + " OR s.queue_id = ANY (CAST(:viewerQueues AS text[]))))",
          "viewer", viewer.userId(), "viewerQueues", viewer.teamQueues().toArray(String[]::new));
    } else {
      sql.where(served + "))", "viewer", viewer.userId());
    }
  }
}
