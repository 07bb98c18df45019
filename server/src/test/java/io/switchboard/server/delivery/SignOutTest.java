package io.switchboard.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.auth.AgentTokens;
import org.junit.jupiter.api.Test;

/**
 * Which sessions a sign-out closes, and its text on the bus: one token's, all, or all but one
 * token's (a new password keeps the login that chose it).
 */
class SignOutTest {
  private final byte[] mine = AgentTokens.hash(AgentTokens.newToken());
  private final byte[] other = AgentTokens.hash(AgentTokens.newToken());

  @Test
  void eachScopeClosesItsSessions() {
    assertThat(SignOut.token(mine).closes(mine)).isTrue();
    assertThat(SignOut.token(mine).closes(other)).isFalse();
    assertThat(SignOut.all().closes(mine)).isTrue();
    assertThat(SignOut.all().closes(null)).isTrue();
    assertThat(SignOut.allBut(mine).closes(mine)).isFalse();
    assertThat(SignOut.allBut(mine).closes(other)).isTrue();
    assertThat(SignOut.allBut(null)).isEqualTo(SignOut.all());
  }

  @Test
  void itCrossesTheBusUnchanged() {
    for (SignOut signOut : new SignOut[] {SignOut.token(mine), SignOut.all(), SignOut.allBut(mine)}) {
      BusEnvelope sent = new BusEnvelope("node-a", BusEnvelope.Kind.REVOKE, null, 0, signOut.encode());
      assertThat(SignOut.decode(BusEnvelope.decode(sent.encode()).json())).isEqualTo(signOut);
    }
    assertThatThrownBy(() -> SignOut.decode("*-zz")).isInstanceOf(IllegalArgumentException.class);
  }
}
