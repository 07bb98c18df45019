package io.switchboard.server.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The raw tables read back as plain Java, with each chat's and ticket's measurements worked out
 * here from the rows alone, the way README "Report metrics" defines them: the from-scratch side
 * of the reports' truth test. It shares no code with the report facts.
 *
 * <p>Immutable after loading; thread-safe.
 */
final class RawHistory {
  /** One chat with its measurements (null when not measured). */
  record Chat(UUID id, String site, String queue, String team, UUID agent, UUID contact,
      List<String> tags, Instant started, Instant closed, boolean answered, boolean missed,
      boolean resolved, boolean returned, int transfers, List<String> transferredBy,
      Long abandonedWait, Long queueWait, Long firstResponse, List<Long> nextResponses,
      Long handle, Long resolution) {}

  /** One ticket with its measurements. */
  record Ticket(UUID id, long number, String site, String queue, String team, UUID assignee,
      String channel, String type, String priority, List<String> tags, Instant created,
      Instant solved, boolean reopened, int replies, Long firstResponse,
      List<Long> nextResponses, Long resolution) {}

  record Rating(UUID chat, UUID ticket, int score, String comment, Instant at) {}

  record Clock(UUID ticket, String metric, Instant stopped, boolean breached) {}

  final List<Chat> chats = new ArrayList<>();
  final Map<UUID, Ticket> tickets = new HashMap<>();
  final Map<UUID, Chat> chatsById = new HashMap<>();
  final List<Rating> ratings = new ArrayList<>();
  final List<Clock> clocks = new ArrayList<>();
  final Map<String, String> queueNames = new HashMap<>();
  final Map<String, String> userNames = new HashMap<>();

  static RawHistory load(Jdbi jdbi) {
    RawHistory raw = new RawHistory();
    jdbi.useHandle(handle -> {
      Map<String, String> teams = new HashMap<>();
      handle.createQuery("SELECT id, name, team_id FROM queues").mapToMap().forEach(q -> {
        teams.put((String) q.get("id"), (String) q.get("team_id"));
        raw.queueNames.put((String) q.get("id"), (String) q.get("name"));
      });
      handle.createQuery("SELECT id::text, display_name FROM users").mapToMap().forEach(u ->
          raw.userNames.put((String) u.get("id"), (String) u.get("display_name")));
      var conversations = handle.createQuery("""
          SELECT id, site_id, queue_id, agent_id, contact_id, tags, created_at, closed_at,
                 first_agent_response_at FROM conversations
          WHERE site_id <> 'switchboard-probe'""").mapToMap().list();
      Map<UUID, List<Map<String, Object>>> events = group(handle.createQuery(
          "SELECT conversation_id AS owner, kind, actor_id, at FROM conversation_events "
              + "ORDER BY id").mapToMap().list());
      Map<UUID, List<Map<String, Object>>> messages = group(handle.createQuery(
          "SELECT conversation_id AS owner, sender_role AS kind, created_at AS at FROM messages "
              + "ORDER BY conversation_id, seq").mapToMap().list());
      for (Map<String, Object> c : conversations) {
        raw.addChat(c, teams, events.getOrDefault((UUID) c.get("id"), List.of()),
            messages.getOrDefault((UUID) c.get("id"), List.of()), conversations);
      }
      Map<UUID, List<Map<String, Object>>> entries = group(handle.createQuery(
          "SELECT ticket_id AS owner, kind, created_at AS at FROM ticket_entries "
              + "ORDER BY ticket_id, created_at, id").mapToMap().list());
      Map<UUID, List<Map<String, Object>>> statuses = group(handle.createQuery(
          "SELECT ticket_id AS owner, detail ->> 'from' AS kind, detail ->> 'to' AS actor_id, at "
              + "FROM ticket_events WHERE kind = 'status' ORDER BY id").mapToMap().list());
      handle.createQuery("SELECT * FROM tickets WHERE site_id <> 'switchboard-probe'")
          .mapToMap().forEach(t -> raw.addTicket(t, teams,
              entries.getOrDefault((UUID) t.get("id"), List.of()),
              statuses.getOrDefault((UUID) t.get("id"), List.of())));
      handle.createQuery("SELECT conversation_id, score, comment, created_at FROM ratings")
          .mapToMap().forEach(r -> raw.ratings.add(new Rating((UUID) r.get("conversation_id"),
              null, (Integer) r.get("score"), (String) r.get("comment"), at(r, "created_at"))));
      handle.createQuery("SELECT ticket_id, score, comment, created_at FROM ticket_ratings")
          .mapToMap().forEach(r -> raw.ratings.add(new Rating(null, (UUID) r.get("ticket_id"),
              (Integer) r.get("score"), (String) r.get("comment"), at(r, "created_at"))));
      handle.createQuery("SELECT ticket_id, metric, stopped_at, breached FROM sla_clocks "
              + "WHERE stopped_at IS NOT NULL AND state <> 'cancelled'").mapToMap()
          .forEach(k -> raw.clocks.add(new Clock((UUID) k.get("ticket_id"),
              (String) k.get("metric"), at(k, "stopped_at"), (Boolean) k.get("breached"))));
    });
    return raw;
  }

  private void addChat(Map<String, Object> c, Map<String, String> teams,
      List<Map<String, Object>> events, List<Map<String, Object>> messages,
      List<Map<String, Object>> all) {
    Instant started = at(c, "created_at");
    Instant closed = at(c, "closed_at");
    Instant firstAgent = at(c, "first_agent_response_at");
    Instant firstAssigned = null;
    List<String> transferredBy = new ArrayList<>();
    for (Map<String, Object> event : events) {
      if (event.get("kind").equals("assigned")) {
        Instant when = at(event, "at");
        firstAssigned = firstAssigned == null || when.isBefore(firstAssigned) ? when
            : firstAssigned;
      } else if (event.get("kind").equals("transferred") && event.get("actor_id") != null) {
        transferredBy.add((String) event.get("actor_id"));
      }
    }
    int transfers = (int) events.stream().filter(e -> e.get("kind").equals("transferred"))
        .count();
    List<Long> next = nextResponses(messages, "visitor", "agent");
    boolean answered = firstAgent != null;
    boolean missed = closed != null && !answered;
    UUID contact = (UUID) c.get("contact_id");
    boolean returned = closed != null && all.stream().anyMatch(other ->
        contact.equals(other.get("contact_id")) && !other.get("id").equals(c.get("id"))
            && !at(other, "created_at").isBefore(closed)
            && at(other, "created_at").isBefore(closed.plusSeconds(86_400)));
    Chat chat = new Chat((UUID) c.get("id"), (String) c.get("site_id"),
        (String) c.get("queue_id"), teams.get((String) c.get("queue_id")),
        (UUID) c.get("agent_id"), contact, tags(c.get("tags")), started, closed, answered, missed,
        answered && closed != null, returned, transfers, transferredBy,
        missed ? seconds(started, closed) : null, seconds(started, firstAssigned),
        seconds(started, firstAgent), next,
        closed == null ? null : seconds(firstAssigned, closed),
        answered ? seconds(started, closed) : null);
    chats.add(chat);
    chatsById.put(chat.id(), chat);
  }

  private void addTicket(Map<String, Object> t, Map<String, String> teams,
      List<Map<String, Object>> entries, List<Map<String, Object>> statuses) {
    String status = (String) t.get("status");
    Instant solved = (status.equals("solved") || status.equals("closed"))
        && t.get("merged_into") == null ? at(t, "solved_at") : null;
    List<Map<String, Object>> thread = entries.stream()
        .filter(e -> e.get("kind").equals("customer") || e.get("kind").equals("reply")).toList();
    Instant firstReply = thread.stream().filter(e -> e.get("kind").equals("reply"))
        .map(e -> at(e, "at")).findFirst().orElse(null);
    int replies = (int) thread.stream().filter(e -> e.get("kind").equals("reply")).count();
    boolean reopened = statuses.stream().anyMatch(s -> "solved".equals(s.get("kind"))
        && !List.of("solved", "closed").contains((String) s.get("actor_id")));
    Instant created = at(t, "created_at");
    UUID id = (UUID) t.get("id");
    tickets.put(id, new Ticket(id, ((Number) t.get("number")).longValue(),
        (String) t.get("site_id"), (String) t.get("queue_id"), teams.get((String) t.get("queue_id")),
        (UUID) t.get("assignee_id"), (String) t.get("channel"), (String) t.get("type"),
        (String) t.get("priority"), tags(t.get("tags")), created, solved, reopened, replies,
        seconds(created, firstReply), nextResponses(thread, "customer", "reply"),
        seconds(created, solved)));
  }

  /** From each customer turn that follows a reply (after the first reply) to the next reply. */
  private static List<Long> nextResponses(List<Map<String, Object>> thread, String customer,
      String agent) {
    List<Map<String, Object>> said = thread.stream()
        .filter(m -> m.get("kind").equals(customer) || m.get("kind").equals(agent)).toList();
    List<Long> result = new ArrayList<>();
    for (int i = 1; i < said.size(); i++) {
      if (said.get(i).get("kind").equals(customer) && said.get(i - 1).get("kind").equals(agent)) {
        for (int j = i + 1; j < said.size(); j++) {
          if (said.get(j).get("kind").equals(agent)) {
            result.add(seconds(at(said.get(i), "at"), at(said.get(j), "at")));
            break;
          }
        }
      }
    }
    return result;
  }

  private static Map<UUID, List<Map<String, Object>>> group(List<Map<String, Object>> rows) {
    Map<UUID, List<Map<String, Object>>> grouped = new HashMap<>();
    rows.forEach(row -> grouped.computeIfAbsent((UUID) row.get("owner"), k -> new ArrayList<>())
        .add(row));
    return grouped;
  }

  private static List<String> tags(Object array) {
    try {
      return Arrays.asList((String[]) ((java.sql.Array) array).getArray());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant at(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : ((java.sql.Timestamp) value).toInstant();
  }

  /** Whole seconds from one instant to a later one, floored, never below zero. */
  static Long seconds(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    long micros = java.time.temporal.ChronoUnit.MICROS.between(from, to);
    return Math.max(0, Math.floorDiv(micros, 1_000_000L));
  }
}
