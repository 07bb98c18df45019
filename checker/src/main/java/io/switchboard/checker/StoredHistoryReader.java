package io.switchboard.checker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a {@link StoredHistory} from PostgreSQL over plain JDBC: the conversations the clients
 * named plus every conversation of the given sites, their messages, their events and the
 * capacities of the agents involved. Table names are unqualified, so the connection's
 * {@code search_path} decides the schema.
 *
 * <p>Stateless and thread-safe; the connection is the caller's and is not closed.
 */
public final class StoredHistoryReader {
  private StoredHistoryReader() {}

  public static StoredHistory read(Connection connection, Collection<UUID> conversationIds,
      Collection<String> siteIds) throws SQLException {
    Set<UUID> ids = new LinkedHashSet<>(conversationIds);
    ids.addAll(conversationsOfSites(connection, siteIds));
    UUID[] idArray = ids.toArray(UUID[]::new);

    Map<UUID, List<StoredHistory.StoredMessage>> transcripts = new HashMap<>();
    Map<UUID, Long> lastSeqs = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT id, last_seq FROM conversations WHERE id = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("uuid", idArray));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          UUID id = rows.getObject("id", UUID.class);
          lastSeqs.put(id, rows.getLong("last_seq"));
          transcripts.put(id, new ArrayList<>());
        }
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("""
        SELECT conversation_id, seq, client_msg_id FROM messages
        WHERE conversation_id = ANY (?) ORDER BY conversation_id, seq""")) {
      statement.setArray(1, connection.createArrayOf("uuid", idArray));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          transcripts.computeIfAbsent(rows.getObject("conversation_id", UUID.class),
                  id -> new ArrayList<>())
              .add(new StoredHistory.StoredMessage(rows.getLong("seq"), rows.getString("client_msg_id")));
        }
      }
    }
    List<StoredHistory.AssignmentEvent> events = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("""
        SELECT id, conversation_id, kind,
               CASE kind WHEN 'assigned' THEN actor_id
                         WHEN 'transferred' THEN detail ->> 'toAgent' END AS agent
        FROM conversation_events WHERE conversation_id = ANY (?) ORDER BY id""")) {
      statement.setArray(1, connection.createArrayOf("uuid", idArray));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String agent = rows.getString("agent");
          events.add(new StoredHistory.AssignmentEvent(rows.getLong("id"),
              rows.getObject("conversation_id", UUID.class), rows.getString("kind"),
              agent == null ? null : UUID.fromString(agent)));
        }
      }
    }
    return new StoredHistory(transcripts, lastSeqs, events, capacities(connection, events));
  }

  private static List<UUID> conversationsOfSites(Connection connection, Collection<String> siteIds)
      throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT id FROM conversations WHERE site_id = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("text", siteIds.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getObject("id", UUID.class));
        }
      }
    }
    return ids;
  }

  private static Map<UUID, Integer> capacities(Connection connection,
      List<StoredHistory.AssignmentEvent> events) throws SQLException {
    UUID[] agents = events.stream().map(StoredHistory.AssignmentEvent::agentId)
        .filter(java.util.Objects::nonNull).distinct().toArray(UUID[]::new);
    Map<UUID, Integer> capacities = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT id, capacity FROM users WHERE id = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("uuid", agents));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          capacities.put(rows.getObject("id", UUID.class), rows.getInt("capacity"));
        }
      }
    }
    return capacities;
  }
}
