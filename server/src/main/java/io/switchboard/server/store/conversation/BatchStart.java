package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Starts a batch of conversations in one statement, as {@link ConversationStart} starts one: each
 * is inserted queued together with its {@code queued} event. A request whose contact has an open
 * conversation already (also one opened by an earlier row of the same batch), or whose queue or
 * contact is not the site's, is left out of the answer: the caller takes the one-at-a-time path
 * for it, which returns the open conversation or says what is wrong. One round trip and one commit
 * for every visitor starting at the same moment instead of one each.
 *
 * <p>Rows go in by site and contact, so two nodes' batches that start the same contacts wait for
 * one another instead of deadlocking on the one-open-conversation index.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchStart {
  private static final String SQL = """
      WITH req AS (
        SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:sites AS text[]),
                             CAST(:contacts AS uuid[]), CAST(:queues AS text[]),
                             CAST(:fields AS text[]), CAST(:priorities AS int[]),
                             CAST(:languages AS text[]), CAST(:details AS text[]))
          AS r(id, site_id, contact_id, queue_id, fields, priority, language, detail)
      ), inserted AS (
        INSERT INTO conversations
          (id, site_id, contact_id, queue_id, status, fields, priority, language)
        SELECT r.id, q.site_id, c.id, q.id, 'queued', CAST(r.fields AS jsonb), r.priority,
               r.language
        FROM req r
        JOIN queues q ON q.id = r.queue_id AND q.site_id = r.site_id
        JOIN contacts c ON c.id = r.contact_id AND c.site_id = q.site_id
        ORDER BY r.site_id, r.contact_id
        ON CONFLICT (site_id, contact_id) WHERE status <> 'closed' DO NOTHING
        RETURNING\s""" + ConversationRows.CONVERSATION_COLUMNS + """
      ), queued AS (
        INSERT INTO conversation_events (conversation_id, kind, actor_id, detail)
        SELECT i.id, 'queued', i.contact_id::text, CAST(r.detail AS jsonb)
        FROM inserted i JOIN req r ON r.id = i.id
      )
      SELECT * FROM inserted""";

  private BatchStart() {}

  /** The conversations started, by the request that started each; see the class comment. */
  static Map<NewConversation, Conversation> start(Jdbi jdbi, List<NewConversation> requests) {
    if (requests.isEmpty()) {
      return Map.of();
    }
    List<NewConversation> ordered = new ArrayList<>(requests);
    ordered.sort(Comparator.comparing(NewConversation::siteId)
        .thenComparing(NewConversation::contactId));
    Map<UUID, NewConversation> byId = new HashMap<>();
    List<String> ids = new ArrayList<>();
    List<String> sites = new ArrayList<>();
    List<String> contacts = new ArrayList<>();
    List<String> queues = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    List<Integer> priorities = new ArrayList<>();
    List<String> languages = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (NewConversation request : ordered) {
      UUID id = UUID.randomUUID();
      byId.put(id, request);
      ids.add(id.toString());
      sites.add(request.siteId());
      contacts.add(request.contactId().toString());
      queues.add(request.queueId());
      fields.add(StoreRows.toJson(request.fields()));
      priorities.add(request.priority());
      languages.add(request.language());
      details.add(StoreRows.toJson(Map.of("queueId", request.queueId())));
    }
    Map<NewConversation, Conversation> started = new HashMap<>();
    StoreFailures.call("start conversations", () -> jdbi.withHandle(handle -> handle
        .createQuery(SQL)
        .bindArray("ids", String.class, ids)
        .bindArray("sites", String.class, sites)
        .bindArray("contacts", String.class, contacts)
        .bindArray("queues", String.class, queues)
        .bindArray("fields", String.class, fields)
        .bindArray("priorities", Integer.class, priorities)
        .bindArray("languages", String.class, languages)
        .bindArray("details", String.class, details)
        .map((rs, ctx) -> ConversationRows.conversation(rs))
        .list()))
        .forEach(conversation -> started.put(byId.get(conversation.id()), conversation));
    return started;
  }
}
