package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.conversation.ConversationDao.Closed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Closes a batch of conversations in one statement, as {@link ConversationTransitions#close}
 * closes one: each open row is locked (reading who held it), closed, and gets its {@code closed}
 * event. A conversation closed already, or named a second time in the batch, is left out of the
 * answer; the caller's one-at-a-time path says it is closed. The rows are locked in the order of
 * their ids, the order the message writer and the assignment batch lock them in, so none of them
 * can deadlock with another.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchClose {
  private static final String SQL = """
      WITH req AS (
        SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:bys AS text[]),
                             CAST(:dispositions AS text[]), CAST(:tags AS text[]),
                             CAST(:details AS text[]))
          AS r(req_id, req_by, req_disposition, req_tags, req_detail)
      ), held AS MATERIALIZED (
        SELECT c.id AS before_id, c.status AS before_status, c.agent_id AS before_agent
        FROM conversations c
        WHERE c.id IN (SELECT req_id FROM req) AND c.status <> 'closed'
        ORDER BY c.id
        FOR NO KEY UPDATE
      ), closed AS (
        UPDATE conversations
        SET status = 'closed', closed_at = now(), closed_by = req_by,
            disposition = req_disposition,
            tags = ARRAY(SELECT jsonb_array_elements_text(CAST(req_tags AS jsonb)))
        FROM held JOIN req ON req_id = before_id
        WHERE id = before_id
        RETURNING before_status, before_agent, req_by, req_detail,\s"""
      + ConversationRows.CONVERSATION_COLUMNS + """
      ), event AS (
        INSERT INTO conversation_events (conversation_id, kind, actor_id, detail)
        SELECT id, 'closed', req_by, CAST(req_detail AS jsonb)
               || jsonb_strip_nulls(jsonb_build_object('agentId', before_agent::text))
        FROM closed
      )
      SELECT * FROM closed""";

  private BatchClose() {}

  /** The conversations closed, by the request that closed each; see the class comment. */
  static Map<CloseRequest, Closed> close(Jdbi jdbi, List<CloseRequest> requests) {
    Map<UUID, CloseRequest> byId = new LinkedHashMap<>();
    for (CloseRequest request : requests) {
      byId.putIfAbsent(request.conversationId(), request);
    }
    if (byId.isEmpty()) {
      return Map.of();
    }
    List<String> ids = new ArrayList<>();
    List<String> bys = new ArrayList<>();
    List<String> dispositions = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (CloseRequest request : byId.values()) {
      ids.add(request.conversationId().toString());
      bys.add(request.closedBy());
      dispositions.add(request.disposition());
      tags.add(StoreRows.toJsonArray(request.tags()));
      details.add(StoreRows.toJson(ConversationTransitions.closeDetail(request.disposition(),
          request.tags())));
    }
    Map<CloseRequest, Closed> closed = new HashMap<>();
    StoreFailures.call("close conversations", () -> jdbi.withHandle(handle -> handle
        .createQuery(SQL)
        .bindArray("ids", String.class, ids)
        .bindArray("bys", String.class, bys)
        .bindArray("dispositions", String.class, dispositions)
        .bindArray("tags", String.class, tags)
        .bindArray("details", String.class, details)
        .map((rs, ctx) -> new Closed(ConversationRows.conversation(rs),
            ConversationStatus.fromWire(rs.getString("before_status")),
            StoreRows.uuid(rs, "before_agent")))
        .list()))
        .forEach(done -> closed.put(byId.get(done.conversation().id()), done));
    return closed;
  }
}
