package io.switchboard.server.store.user;

import io.switchboard.server.access.Role;
import java.util.Objects;
import java.util.UUID;

/**
 * A console user: agent, supervisor or admin.
 *
 * @param email stored in lower case, unique
 * @param passwordHash an Argon2id or bcrypt hash in its encoded form, never the password
 * @param capacity the most conversations the user holds at once, at least one
 * @param disabled a disabled user cannot log in and receives no conversations
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves the password hash out.
 */
public record User(
    UUID id,
    String email,
    String displayName,
    Role role,
    String passwordHash,
    int capacity,
    boolean disabled) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", role=" + role.wire() + ", capacity=" + capacity
        + ", disabled=" + disabled + "]";
  }
}
