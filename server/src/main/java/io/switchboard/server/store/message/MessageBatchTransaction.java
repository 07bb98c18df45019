package io.switchboard.server.store.message;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.attachment.AttachmentRows;
import io.switchboard.server.util.SwitchboardException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores one batch of messages in one transaction, with the same five statements whatever the
 * batch size: lock the conversations in id order (so writers on several nodes never deadlock), look
 * up client message ids stored before (after the lock, so another node's commit is seen), insert
 * the new messages, and advance each conversation's {@code last_seq}; a batch with attachments
 * also locks and links them ({@link BatchAttachments}). Seqs are handed out here, in
 * arrival order, under the row lock, so they have no gaps (I3). Only when staff other than the
 * assignee write (a supervisor who joined) does a sixth statement read who joined.
 *
 * <p>Not thread-safe: one instance per batch, used by one writer thread.
 */
final class MessageBatchTransaction {
  private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '5s'";
  private static final String LOCK_CONVERSATIONS = """
      SELECT id, status, agent_id, last_seq, now() AS tx_time FROM conversations
      WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE""";
  /** Who joined the locked conversations beside their agent (asked only when others write). */
  private static final String FIND_PARTICIPANTS = """
      SELECT conversation_id, user_id::text AS user_id FROM conversation_participants
      WHERE conversation_id = ANY(?)""";
  private static final String FIND_STORED = """
      SELECT m.conversation_id, m.seq, m.client_msg_id, m.sender_role, m.sender_id, m.body,
             m.created_at, m.attachments
      FROM unnest(?::uuid[], ?::text[]) AS k(conversation_id, client_msg_id)
      JOIN messages m ON m.conversation_id = k.conversation_id
                     AND m.client_msg_id = k.client_msg_id""";
  private static final String INSERT_MESSAGES = """
      INSERT INTO messages (conversation_id, seq, client_msg_id, sender_role, sender_id, body,
          attachments)
      SELECT c, s, m, r, i, b, a::jsonb
      FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
        AS u(c, s, m, r, i, b, a)""";
  private static final String ADVANCE_CONVERSATIONS = """
      UPDATE conversations c SET last_seq = u.last_seq,
        first_agent_response_at = CASE WHEN u.agent_replied
          THEN coalesce(c.first_agent_response_at, now()) ELSE c.first_agent_response_at END,
        accepted_at = CASE WHEN u.agent_replied
          THEN coalesce(c.accepted_at, now()) ELSE c.accepted_at END
      FROM unnest(?::uuid[], ?::bigint[], ?::boolean[]) AS u(id, last_seq, agent_replied)
      WHERE c.id = u.id""";

  /** A locked conversation: its assignee and the staff who joined it may write. */
  private record Locked(String status, UUID agentId, long lastSeq, Set<String> participants) {
    boolean isAssignee(String senderId) {
      return agentId != null && agentId.toString().equalsIgnoreCase(senderId);
    }

    boolean mayWrite(String senderId) {
      return isAssignee(senderId) || participants.contains(senderId.toLowerCase(Locale.ROOT));
    }
  }

  private record Key(UUID conversationId, String clientMsgId) {}

  private final List<AppendRequest> requests;
  private final Map<UUID, Locked> locked = new HashMap<>();
  private final Map<Key, StoredMessage> stored = new HashMap<>();
  private final BatchAttachments attachments = new BatchAttachments();
  private Instant transactionTime;

  MessageBatchTransaction(List<AppendRequest> requests) {
    this.requests = requests;
  }

  /**
   * Runs the transaction on {@code connection} (autocommit off) and commits it. Returns one outcome
   * per request, in order: an {@link AppendResult} or the {@link SwitchboardException} that rejects
   * just that request. Any {@link SQLException} means the transaction did not commit.
   */
  List<Object> execute(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(LOCK_TIMEOUT);
    }
    lockConversations(connection);
    attachments.lock(connection, requests);
    findStored(connection);
    List<Object> outcomes = new ArrayList<>(requests.size());
    List<StoredMessage> fresh = new ArrayList<>();
    Map<UUID, Long> lastSeqs = new LinkedHashMap<>();
    Set<UUID> agentReplied = new LinkedHashSet<>();
    for (AppendRequest request : requests) {
      outcomes.add(decide(request, fresh, lastSeqs, agentReplied));
    }
    if (!fresh.isEmpty()) {
      insert(connection, fresh);
      advance(connection, lastSeqs, agentReplied);
      attachments.link(connection);
    }
    connection.commit();
    return outcomes;
  }

  private Object decide(AppendRequest request, List<StoredMessage> fresh,
      Map<UUID, Long> lastSeqs, Set<UUID> agentReplied) {
    Locked conversation = locked.get(request.conversationId());
    if (conversation == null) {
      return new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation");
    }
    Key key = new Key(request.conversationId(), request.clientMsgId());
    StoredMessage earlier = stored.get(key);
    if (earlier != null) {
      boolean sameSender = earlier.senderRole().equals(request.senderRole())
          && earlier.senderId().equals(request.senderId());
      return sameSender
          ? new AppendResult(earlier, true)
          : new SwitchboardException(ErrorCode.CONFLICT, "clientMsgId used by another sender");
    }
    if (conversation.status().equals("closed")) {
      return new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "conversation is closed");
    }
    if (request.fromAgent() && !conversation.mayWrite(request.senderId())) {
      return new SwitchboardException(ErrorCode.FORBIDDEN, "not assigned to this agent");
    }
    SwitchboardException refused = attachments.claim(request);
    if (refused != null) {
      return refused;
    }
    long seq = lastSeqs.merge(request.conversationId(), conversation.lastSeq() + 1,
        (previous, ignored) -> previous + 1);
    StoredMessage message = new StoredMessage(request.conversationId(), seq,
        request.clientMsgId(), request.senderRole(), request.senderId(), request.body(),
        transactionTime, request.attachments());
    stored.put(key, message);
    fresh.add(message);
    attachments.carry(message);
    // The assignee's first reply is the first response (and accepts an offer); a supervisor who
    // joined does not stand in for it.
    if (request.fromAgent() && conversation.isAssignee(request.senderId())) {
      agentReplied.add(request.conversationId());
    }
    return new AppendResult(message, false);
  }

  private void lockConversations(Connection connection) throws SQLException {
    Object[] ids = requests.stream().map(AppendRequest::conversationId).distinct().toArray();
    try (PreparedStatement lock = connection.prepareStatement(LOCK_CONVERSATIONS)) {
      lock.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet rs = lock.executeQuery()) {
        while (rs.next()) {
          locked.put(StoreRows.uuid(rs, "id"), new Locked(
              rs.getString("status"), StoreRows.uuid(rs, "agent_id"), rs.getLong("last_seq"),
              new HashSet<>()));
          transactionTime = StoreRows.instant(rs, "tx_time");
        }
      }
    }
    findParticipants(connection);
  }

  /**
   * Reads the participants of the conversations that staff other than the assignee write to (a
   * supervisor who joined); the usual batch, where only visitors and assignees write, skips it.
   */
  private void findParticipants(Connection connection) throws SQLException {
    Object[] ids = requests.stream()
        .filter(r -> r.fromAgent() && locked.containsKey(r.conversationId())
            && !locked.get(r.conversationId()).isAssignee(r.senderId()))
        .map(AppendRequest::conversationId).distinct().toArray();
    if (ids.length == 0) {
      return;
    }
    try (PreparedStatement find = connection.prepareStatement(FIND_PARTICIPANTS)) {
      find.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          locked.get(StoreRows.uuid(rs, "conversation_id")).participants()
              .add(rs.getString("user_id"));
        }
      }
    }
  }

  private void findStored(Connection connection) throws SQLException {
    List<AppendRequest> candidates =
        requests.stream().filter(r -> locked.containsKey(r.conversationId())).toList();
    if (candidates.isEmpty()) {
      return;
    }
    try (PreparedStatement find = connection.prepareStatement(FIND_STORED)) {
      find.setArray(1, connection.createArrayOf("uuid",
          candidates.stream().map(AppendRequest::conversationId).toArray()));
      find.setArray(2, connection.createArrayOf("text",
          candidates.stream().map(AppendRequest::clientMsgId).toArray()));
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          StoredMessage message = MessageRows.message(rs);
          stored.put(new Key(message.conversationId(), message.clientMsgId()), message);
        }
      }
    }
  }

  private static void insert(Connection connection, List<StoredMessage> fresh)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGES)) {
      insert.setArray(1, connection.createArrayOf("uuid",
          fresh.stream().map(StoredMessage::conversationId).toArray()));
      insert.setArray(2, connection.createArrayOf("int8",
          fresh.stream().map(StoredMessage::seq).toArray()));
      insert.setArray(3, connection.createArrayOf("text",
          fresh.stream().map(StoredMessage::clientMsgId).toArray()));
      insert.setArray(4, connection.createArrayOf("text",
          fresh.stream().map(StoredMessage::senderRole).toArray()));
      insert.setArray(5, connection.createArrayOf("text",
          fresh.stream().map(StoredMessage::senderId).toArray()));
      insert.setArray(6, connection.createArrayOf("text",
          fresh.stream().map(StoredMessage::body).toArray()));
      insert.setArray(7, connection.createArrayOf("text",
          fresh.stream().map(m -> AttachmentRows.toJson(m.attachments())).toArray()));
      int inserted = insert.executeUpdate();
      if (inserted != fresh.size()) {
        throw new SQLException("inserted " + inserted + " of " + fresh.size() + " messages");
      }
    }
  }

  private static void advance(Connection connection, Map<UUID, Long> lastSeqs,
      Set<UUID> agentReplied) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(ADVANCE_CONVERSATIONS)) {
      update.setArray(1, connection.createArrayOf("uuid", lastSeqs.keySet().toArray()));
      update.setArray(2, connection.createArrayOf("int8", lastSeqs.values().toArray()));
      update.setArray(3, connection.createArrayOf("bool",
          lastSeqs.keySet().stream().map(agentReplied::contains).toArray()));
      int updated = update.executeUpdate();
      if (updated != lastSeqs.size()) {
        throw new SQLException("advanced " + updated + " of " + lastSeqs.size() + " conversations");
      }
    }
  }
}
