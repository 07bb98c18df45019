package io.switchboard.sdk;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent's session, from {@code POST /v1/agents/login}. Pass {@code token} to
 * {@link ChatClient.Builder#token(String)} and to {@link SwitchboardHttp#logout(java.net.URI,
 * String)}. {@code role} is {@code agent}, {@code supervisor} or {@code admin};
 * {@code expiresAt} is null when the server did not say.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves the token out.
 */
public record AgentCredentials(
    String token, String userId, String role, String name, Instant expiresAt) {
  public AgentCredentials {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(userId, "userId");
  }

  @Override
  public String toString() {
    return "AgentCredentials[userId=" + userId + ", role=" + role + ", name=" + name
        + ", expiresAt=" + expiresAt + "]";
  }
}
