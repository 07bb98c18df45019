package io.switchboard.server.store.user;

import io.switchboard.server.access.Role;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts as people manage them: every user (disabled ones too), their name, email and role,
 * and their password. Routing settings (capacity, queues, skills) are elsewhere.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class UserAccountDao {
  private final Jdbi jdbi;

  public UserAccountDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every user, disabled ones too, by name. */
  public List<User> all() {
    return StoreFailures.call("list users", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + UserDao.USER_COLUMNS + " FROM users ORDER BY display_name, id")
        .map((rs, ctx) -> UserDao.user(rs))
        .list()));
  }

  /** One user, disabled or not. */
  public java.util.Optional<User> find(UUID id) {
    return StoreFailures.call("find user", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + UserDao.USER_COLUMNS + " FROM users WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> UserDao.user(rs))
        .findOne()));
  }

  /**
   * Changes the given (non-null) fields; false for an unknown user, {@code CONFLICT} when the
   * email belongs to someone else.
   */
  public boolean update(UUID id, String name, String email, Role role) {
    return StoreFailures.call("update user", () -> jdbi.withHandle(handle -> handle
        .createUpdate("""
            UPDATE users SET display_name = coalesce(:name, display_name),
                email = coalesce(lower(:email), email), role = coalesce(:role, role)
            WHERE id = :id""")
        .bind("id", id).bind("name", name).bind("email", email)
        .bind("role", role == null ? null : role.wire())
        .execute()) == 1);
  }

  /** Disables or enables the user; false for an unknown user. */
  public boolean setDisabled(UUID id, boolean disabled) {
    return StoreFailures.call("disable user", () -> jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE users SET disabled = :disabled WHERE id = :id")
        .bind("id", id).bind("disabled", disabled).execute()) == 1);
  }

  /** Sets the user's password hash; false for an unknown user. */
  public boolean setPassword(UUID id, String passwordHash, Instant now) {
    return StoreFailures.call("set password", () -> jdbi.withHandle(handle -> handle
        .createUpdate("""
            UPDATE users SET password_hash = :hash, password_changed_at = :now WHERE id = :id""")
        .bind("id", id).bind("hash", passwordHash).bind("now", StoreRows.timestamp(now))
        .execute()) == 1);
  }
}
