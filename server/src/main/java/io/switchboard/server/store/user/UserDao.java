package io.switchboard.server.store.user;

import io.switchboard.server.access.Role;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Console users and their queue memberships. Emails are stored in lower case (PostgreSQL's {@code
 * lower}) and looked up without regard to case.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class UserDao {
  static final String USER_COLUMNS =
      "id, email, display_name, role, password_hash, capacity, disabled";

  private final Jdbi jdbi;

  public UserDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Stores a new user and returns it as stored, with the email in lower case. {@code CONFLICT}
   * when the id or the email is taken.
   */
  public User create(User user) {
    return StoreFailures.call("create user", () -> jdbi.withHandle(handle -> handle.createQuery("""
            INSERT INTO users (id, email, display_name, role, password_hash, capacity, disabled)
            VALUES (:id, lower(:email), :displayName, :role, :passwordHash, :capacity, :disabled)
            RETURNING\s""" + USER_COLUMNS)
        .bind("id", user.id())
        .bind("email", user.email())
        .bind("displayName", user.displayName())
        .bind("role", user.role().wire())
        .bind("passwordHash", user.passwordHash())
        .bind("capacity", user.capacity())
        .bind("disabled", user.disabled())
        .map((rs, ctx) -> user(rs))
        .one()));
  }

  /** The user with this email, whatever its case. */
  public Optional<User> findByEmail(String email) {
    return StoreFailures.call("find user", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE email = lower(:email)")
        .bind("email", email)
        .map((rs, ctx) -> user(rs))
        .findOne()));
  }

  /** Every user that is not disabled, by name. */
  public List<User> active() {
    return StoreFailures.call("list users", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE NOT disabled"
            + " ORDER BY display_name, id")
        .map((rs, ctx) -> user(rs))
        .list()));
  }

  /** Every queue membership: user id to the queues they belong to. */
  public Map<UUID, List<String>> memberships() {
    return StoreFailures.call("list memberships", () -> jdbi.withHandle(handle -> {
      Map<UUID, List<String>> result = new java.util.HashMap<>();
      handle.createQuery("SELECT user_id, queue_id FROM queue_members ORDER BY queue_id")
          .map((rs, ctx) -> Map.entry(StoreRows.uuid(rs, "user_id"), rs.getString("queue_id")))
          .forEach(entry -> result.computeIfAbsent(entry.getKey(), k -> new java.util.ArrayList<>())
              .add(entry.getValue()));
      return result;
    }));
  }

  public Optional<User> find(UUID id) {
    return StoreFailures.call("find user", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> user(rs))
        .findOne()));
  }

  /** Makes the user a member of the queue; doing it twice is harmless. */
  public void addToQueue(String queueId, UUID userId) {
    StoreFailures.run("add queue member", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO queue_members (queue_id, user_id) VALUES (:queueId, :userId)
            ON CONFLICT DO NOTHING""")
        .bind("queueId", queueId)
        .bind("userId", userId)
        .execute()));
  }

  /**
   * The ids of the queues the user belongs to, highest queue priority first (then by id): the
   * order in which a freed slot of theirs is offered to their queues.
   */
  public List<String> queuesOf(UUID userId) {
    return StoreFailures.call("list memberships", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT m.queue_id FROM queue_members m JOIN queues q ON q.id = m.queue_id
            WHERE m.user_id = :userId ORDER BY q.priority DESC, m.queue_id""")
        .bind("userId", userId)
        .mapTo(String.class)
        .list()));
  }

  /** The ids of the queue's members, sorted. */
  public List<UUID> membersOf(String queueId) {
    return StoreFailures.call("list members", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT user_id FROM queue_members WHERE queue_id = :queueId ORDER BY user_id")
        .bind("queueId", queueId)
        .map((rs, ctx) -> StoreRows.uuid(rs, "user_id"))
        .list()));
  }

  static User user(ResultSet rs) throws SQLException {
    return new User(
        StoreRows.uuid(rs, "id"),
        rs.getString("email"),
        rs.getString("display_name"),
        Role.staffFromWire(rs.getString("role")),
        rs.getString("password_hash"),
        rs.getInt("capacity"),
        rs.getBoolean("disabled"));
  }

  /** Sets a user's capacity (at least 1); false for an unknown user. */
  public boolean setCapacity(UUID userId, int capacity) {
    return StoreFailures.call("set capacity", () -> jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE users SET capacity = :capacity WHERE id = :id")
        .bind("id", userId).bind("capacity", capacity).execute()) == 1);
  }

  /** Replaces a user's queue memberships. */
  public void setQueues(UUID userId, List<String> queueIds) {
    StoreFailures.run("set memberships", () -> jdbi.useTransaction(handle -> {
      handle.createUpdate("DELETE FROM queue_members WHERE user_id = :id").bind("id", userId).execute();
      for (String queueId : queueIds) {
        handle.createUpdate("INSERT INTO queue_members (queue_id, user_id) VALUES (:queue, :id)")
            .bind("queue", queueId).bind("id", userId).execute();
      }
    }));
  }
}
