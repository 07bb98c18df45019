package io.switchboard.server.store.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Role;
import io.switchboard.server.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentTokenDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final AgentTokenDao tokens = new AgentTokenDao(StoreFixture.database().jdbi());
  private final Instant inAnHour = Instant.now().plus(Duration.ofHours(1));

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anActiveTokenNamesItsUserUntilRevoked() {
    User agent = fixture.newAgent();
    byte[] token = hash(UUID.randomUUID().toString());
    tokens.insert(token, agent.id(), inAnHour);

    assertThat(tokens.findActiveUser(token)).contains(agent.id());
    assertThat(tokens.findActiveUser(hash("unknown"))).isEmpty();
    assertThat(tokens.revoke(token)).isTrue();
    assertThat(tokens.revoke(token)).isFalse();
    assertThat(tokens.findActiveUser(token)).isEmpty();
  }

  @Test
  void anExpiredTokenIsNotActive() {
    User agent = fixture.newAgent();
    byte[] token = hash(UUID.randomUUID().toString());
    tokens.insert(token, agent.id(), Instant.now().minusSeconds(1));
    assertThat(tokens.findActiveUser(token)).isEmpty();
  }

  @Test
  void revokeAllForEndsEveryTokenOfOneUserOnly() {
    User agent = fixture.newAgent();
    User colleague = fixture.newAgent();
    byte[] laptop = hash(UUID.randomUUID().toString());
    byte[] phone = hash(UUID.randomUUID().toString());
    byte[] colleagues = hash(UUID.randomUUID().toString());
    tokens.insert(laptop, agent.id(), inAnHour);
    tokens.insert(phone, agent.id(), inAnHour);
    tokens.insert(colleagues, colleague.id(), inAnHour);

    assertThat(tokens.revokeAllFor(agent.id())).isEqualTo(2);
    assertThat(tokens.findActiveUser(laptop)).isEmpty();
    assertThat(tokens.findActiveUser(phone)).isEmpty();
    assertThat(tokens.findActiveUser(colleagues)).contains(colleague.id());
  }

  @Test
  void aDisabledUsersTokenIsNotActive() {
    UUID id = UUID.randomUUID();
    fixture.users.create(new User(id, id + "@example.com", "Gone", Role.AGENT, "$2a$12$x", 1, true));
    byte[] token = hash(UUID.randomUUID().toString());
    tokens.insert(token, id, inAnHour);
    assertThat(tokens.findActiveUser(token)).isEmpty();
  }
}
