package io.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthPrimitivesTest {
  @Test
  void passwordHashesVerifyAndUseOwaspIterations() {
    PasswordHasher hasher = new PasswordHasher();
    String hash = hasher.hash("correct horse");
    assertThat(hash).startsWith("pbkdf2-sha256$600000$");
    assertThat(hasher.verify("correct horse", hash)).isTrue();
    assertThat(hasher.verify("wrong horse", hash)).isFalse();
    assertThat(hasher.verify("correct horse", "garbage")).isFalse();
    assertThat(hasher.hash("correct horse")).isNotEqualTo(hash);
  }

  @Test
  void visitorTokensAreScopedSignedAndExpire() {
    Clock now = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    VisitorTokens tokens = new VisitorTokens(new byte[32], Duration.ofDays(1), now);
    UUID contact = UUID.randomUUID();
    String token = tokens.issue("demo", contact);
    assertThat(tokens.verify(token)).get()
        .satisfies(claims -> {
          assertThat(claims.siteId()).isEqualTo("demo");
          assertThat(claims.contactId()).isEqualTo(contact);
        });
    String tampered = token.substring(0, token.length() - 2) + "AA";
    assertThat(tokens.verify(tampered)).isEmpty();
    VisitorTokens otherSecret = new VisitorTokens(new byte[] {1}, Duration.ofDays(1), now);
    assertThat(otherSecret.verify(token)).isEmpty();
    Clock later = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    assertThat(new VisitorTokens(new byte[32], Duration.ofDays(1), later).verify(token)).isEmpty();
    assertThat(tokens.verify("sbv1.nonsense")).isEmpty();
  }

  @Test
  void aVisitPassIsNeverAVisitorTokenNorTheOtherWayRound() {
    Clock now = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    VisitorTokens tokens = new VisitorTokens(new byte[32], Duration.ofDays(1), now);
    UUID contact = UUID.randomUUID();
    String pass = tokens.issuePass("demo", contact, true);
    assertThat(pass).startsWith("sbp1.");
    assertThat(tokens.verifyPass(pass)).get().satisfies(claims -> {
      assertThat(claims.siteId()).isEqualTo("demo");
      assertThat(claims.contactId()).isEqualTo(contact);
      assertThat(claims.verified()).isTrue();
    });
    assertThat(tokens.verify(pass)).isEmpty();
    String token = tokens.issue("demo", contact, true);
    assertThat(tokens.verifyPass(token)).isEmpty();
    // The same payload and signature under the other prefix: the signatures differ.
    assertThat(tokens.verify("sbv1." + pass.substring(5))).isEmpty();
    assertThat(tokens.verifyPass("sbp1." + token.substring(5))).isEmpty();
    Clock later = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    assertThat(new VisitorTokens(new byte[32], Duration.ofDays(1), later).verifyPass(pass))
        .isEmpty();
  }

  @Test
  void agentTokensAreRandomAndHashed() {
    String a = AgentTokens.newToken();
    String b = AgentTokens.newToken();
    assertThat(a).isNotEqualTo(b).startsWith("sba1.");
    assertThat(AgentTokens.hash(a)).hasSize(32).isEqualTo(AgentTokens.hash(a));
  }
}
