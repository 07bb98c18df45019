package io.switchboard.server.store.exchange;

import io.switchboard.server.db.StoreFailures;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Imported transcripts: finds or creates their contacts and stores each one as a closed
 * conversation with its messages numbered 1..n in one transaction, once per source id (the
 * unique index on {@code (site_id, imported_from)} decides; a repeat stores nothing).
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class TranscriptImportDao {
  private final Jdbi jdbi;

  public TranscriptImportDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The site's queue with this id, or its first queue when {@code queueId} is null. */
  public Optional<String> queue(String siteId, String queueId) {
    return StoreFailures.call("import queue", () -> jdbi.withHandle(h -> h.createQuery("""
            SELECT id FROM queues WHERE site_id = :site AND (CAST(:queue AS text) IS NULL
                OR id = :queue)
            ORDER BY priority DESC, created_at, id LIMIT 1""")
        .bind("site", siteId).bind("queue", queueId)
        .mapTo(String.class).findOne()));
  }

  /** An enabled staff user's id by email. */
  public Optional<UUID> staff(String email) {
    return StoreFailures.call("import staff", () -> jdbi.withHandle(h -> h.createQuery(
            "SELECT id FROM users WHERE email = lower(:email) AND NOT disabled")
        .bind("email", email).mapTo(UUID.class).findOne()));
  }

  /**
   * The site's live contact with this external id, else this email (ignoring case); created with
   * source 'import' (and an {@code imported} event) when there is none.
   */
  public UUID contact(String siteId, String externalId, String email, String name,
      String actor, Instant now) {
    return StoreFailures.call("import contact", () -> jdbi.inTransaction(h -> {
      Optional<UUID> found = h.createQuery("""
              SELECT id FROM contacts WHERE site_id = :site AND merged_into IS NULL
                AND ((CAST(:ext AS text) IS NOT NULL AND external_id = :ext)
                  OR (CAST(:ext AS text) IS NULL AND lower(email) = lower(:email)))
              ORDER BY created_at, id LIMIT 1""")
          .bind("site", siteId).bind("ext", externalId).bind("email", email)
          .mapTo(UUID.class).findOne();
      if (found.isPresent()) {
        return found.get();
      }
      UUID id = UUID.randomUUID();
      h.createUpdate("""
              INSERT INTO contacts (id, site_id, external_id, name, email, source, created_at,
                  updated_at)
              VALUES (:id, :site, :ext, :name, :email, 'import', :now, :now)""")
          .bind("id", id).bind("site", siteId).bind("ext", externalId).bind("name", name)
          .bind("email", email).bind("now", now).execute();
      h.createUpdate("""
              INSERT INTO contact_events (contact_id, kind, actor, detail, at)
              VALUES (:id, 'imported', :actor, '{"outcome": "created", "from": "transcript"}',
                  :now)""")
          .bind("id", id).bind("actor", actor).bind("now", now).execute();
      return id;
    }));
  }

  /** Stores the conversation; false when the site has one from this source id already. */
  public boolean store(String siteId, ImportedConversation c, Instant now) {
    return StoreFailures.call("import transcript", () -> jdbi.inTransaction(h -> {
      UUID id = UUID.randomUUID();
      Instant firstAgent = c.messages().stream().filter(m -> m.role().equals("agent"))
          .map(ImportedConversation.Message::at).findFirst().orElse(null);
      Optional<UUID> inserted = h.createQuery("""
              INSERT INTO conversations (id, site_id, contact_id, queue_id, status, agent_id,
                  fields, last_seq, created_at, enqueued_at, assigned_at, accepted_at,
                  first_agent_response_at, closed_at, closed_by, disposition, tags,
                  imported_from, imported_at)
              VALUES (:id, :site, :contact, :queue, 'closed', :agent,
                  jsonb_strip_nulls(jsonb_build_object('channel', CAST(:channel AS text),
                      'importedAgent', CAST(:agentName AS text))),
                  :lastSeq, :started, :started, :assigned, :assigned, :firstAgent, :closed,
                  'import', :disposition, :tags, :source, :now)
              ON CONFLICT (site_id, imported_from) WHERE imported_from IS NOT NULL DO NOTHING
              RETURNING id""")
          .bind("id", id).bind("site", siteId).bind("contact", c.contactId())
          .bind("queue", c.queueId()).bind("agent", c.agentId())
          .bind("channel", c.channel()).bind("agentName", c.agentName())
          .bind("lastSeq", (long) c.messages().size()).bind("started", c.started())
          .bind("assigned", c.agentId() == null ? null : c.started())
          .bind("firstAgent", firstAgent).bind("closed", c.closed())
          .bind("disposition", c.disposition()).bind("tags", c.tags().toArray(String[]::new))
          .bind("source", c.sourceId()).bind("now", now)
          .mapTo(UUID.class).findOne();
      if (inserted.isEmpty()) {
        return false;
      }
      var batch = h.prepareBatch("""
          INSERT INTO messages (conversation_id, seq, client_msg_id, sender_role, sender_id,
              body, created_at)
          VALUES (:id, :seq, :clientMsgId, :role, :sender, :body, :at)""");
      long seq = 0;
      for (ImportedConversation.Message m : c.messages()) {
        seq++;
        batch.bind("id", id).bind("seq", seq).bind("clientMsgId", "import:" + seq)
            .bind("role", m.role()).bind("sender", m.senderId()).bind("body", m.text())
            .bind("at", m.at()).add();
      }
      if (seq > 0) {
        batch.execute();
      }
      h.createUpdate("""
              INSERT INTO conversation_events (conversation_id, kind, actor_id, detail, at)
              VALUES (:id, 'imported', 'import', jsonb_build_object('source', CAST(:source AS
                  text)), :now)""")
          .bind("id", id).bind("source", c.sourceId()).bind("now", now).execute();
      return true;
    }));
  }
}
