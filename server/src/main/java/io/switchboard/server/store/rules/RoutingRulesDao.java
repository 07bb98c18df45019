package io.switchboard.server.store.rules;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The skills and languages queues require and agents have (V7), and an agent's whole routing
 * profile. PostgreSQL is the source of truth; Redis holds a copy for the assignment script.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class RoutingRulesDao {
  private final Jdbi jdbi;

  public RoutingRulesDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The queue's required skills and languages; empty for an unknown queue. */
  public Optional<SkillProfile> queueRules(String queueId) {
    return StoreFailures.call("queue rules", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT skills, languages FROM queues WHERE id = :id")
        .bind("id", queueId)
        .map((rs, ctx) -> profile(rs))
        .findOne()));
  }

  /** Replaces the queue's required skills and languages; false for an unknown queue. */
  public boolean setQueueRules(String queueId, SkillProfile rules) {
    return update("queues", "id", queueId, rules);
  }

  /** Replaces the user's skills and languages; false for an unknown user. */
  public boolean setAgentSkills(UUID userId, SkillProfile skills) {
    return update("users", "id", userId, skills);
  }

  /**
   * The agent's chat capacity, memberships (highest queue priority first), skills and languages;
   * empty for an unknown user. The capacity is the user's less one slot per N new or open
   * tickets assigned to them, N being the smallest {@code tickets_per_chat_slot} of their teams
   * (none when a team sets 0, or they are in no team): ticket work does not look idle.
   */
  public Optional<AgentRouting> agentRouting(UUID userId) {
    return StoreFailures.call("agent routing", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT GREATEST(0, u.capacity - COALESCE((
                       SELECT CASE WHEN min(t.tickets_per_chat_slot) > 0
                         THEN (SELECT count(*) FROM tickets k WHERE k.assignee_id = u.id
                                 AND k.status IN ('new', 'open')) / min(t.tickets_per_chat_slot)
                         ELSE 0 END
                       FROM team_members tm JOIN teams t ON t.id = tm.team_id
                       WHERE tm.user_id = u.id), 0)) AS capacity,
                   u.skills, u.languages,
                   ARRAY(SELECT m.queue_id FROM queue_members m JOIN queues q ON q.id = m.queue_id
                         WHERE m.user_id = u.id ORDER BY q.priority DESC, m.queue_id) AS queues
            FROM users u WHERE u.id = :id""")
        .bind("id", userId)
        .map((rs, ctx) -> new AgentRouting(rs.getInt("capacity"),
            StoreRows.textArray(rs, "queues"), profile(rs)))
        .findOne()));
  }

  /** Every queue's required skills and languages, by queue id. */
  public Map<String, SkillProfile> allQueueRules() {
    return StoreFailures.call("all queue rules", () -> jdbi.withHandle(handle -> {
      Map<String, SkillProfile> result = new HashMap<>();
      handle.createQuery("SELECT id, skills, languages FROM queues")
          .map((rs, ctx) -> Map.entry(rs.getString("id"), profile(rs)))
          .forEach(entry -> result.put(entry.getKey(), entry.getValue()));
      return result;
    }));
  }

  /** Every user's skills and languages, by user id. */
  public Map<UUID, SkillProfile> allAgentSkills() {
    return StoreFailures.call("all agent skills", () -> jdbi.withHandle(handle -> {
      Map<UUID, SkillProfile> result = new HashMap<>();
      handle.createQuery("SELECT id, skills, languages FROM users")
          .map((rs, ctx) -> Map.entry(StoreRows.uuid(rs, "id"), profile(rs)))
          .forEach(entry -> result.put(entry.getKey(), entry.getValue()));
      return result;
    }));
  }

  private boolean update(String table, String keyColumn, Object key, SkillProfile profile) {
    return StoreFailures.call("set skills", () -> jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE " + table + " SET skills = :skills, languages = :languages WHERE "
            + keyColumn + " = :key")
        .bindArray("skills", String.class, profile.skills())
        .bindArray("languages", String.class, profile.languages())
        .bind("key", key)
        .execute()) == 1);
  }

  private static SkillProfile profile(ResultSet rs) throws SQLException {
    return new SkillProfile(StoreRows.textArray(rs, "skills"), StoreRows.textArray(rs, "languages"));
  }
}
