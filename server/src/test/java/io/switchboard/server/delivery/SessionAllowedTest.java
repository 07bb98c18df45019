package io.switchboard.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionAllowedTest {
  /** A connection that is open and writes nowhere: this test reads only the session's memory. */
  private static final Outbound OPEN = new Outbound() {
    @Override
    public boolean isActive() {
      return true;
    }

    @Override
    public void send(ServerMessage message) {}

    @Override
    public void sendText(String json) {}

    @Override
    public void close(DisconnectCode code, String reason) {}
  };

  @Test
  void theAllowedConversationsAreACacheOfBoundedSize() {
    Session session = new Session(OPEN,
        Principal.visitor(UUID.randomUUID().toString(), "site"), "127.0.0.1");
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < Session.ALLOWED_LIMIT; i++) {
      ids.add(UUID.randomUUID());
      session.allow(ids.getLast());
    }
    assertThat(ids).allMatch(session::isAllowed);
    // One already remembered changes nothing at the limit.
    session.allow(ids.getFirst());
    assertThat(ids).allMatch(session::isAllowed);

    UUID next = UUID.randomUUID();
    session.allow(next);

    assertThat(session.isAllowed(next)).isTrue();
    assertThat(ids).noneMatch(session::isAllowed);
    session.disallow(next);
    assertThat(session.isAllowed(next)).isFalse();
  }
}
