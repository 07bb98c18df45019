package io.switchboard.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.AgentTokens;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.delivery.Outbound;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.delivery.SessionRegistry;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ParticipantDao;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.user.AgentTokenDao;
import io.switchboard.server.store.user.UserAccountDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One sweep of a node's staff sessions against PostgreSQL, with the clock the sweep is given: it
 * closes (4001) the sessions whose token has expired by that clock or whose user was disabled,
 * and leaves the others and visitors' sessions alone; and it keeps each session's team scope
 * current. (The sweep catching a revocation that was
 * never broadcast, on a running node, is {@code RevocationTest}.)
 */
class RevocationSweepTest {
  private final Jdbi jdbi = StoreFixture.database().jdbi();
  private final Fixtures fixtures = Fixtures.create(jdbi);
  private final AgentTokenDao tokens = new AgentTokenDao(jdbi);
  private final BlockingExecutor store = new BlockingExecutor("sweep-test", 2, 100);
  private final SessionRegistry sessions = new SessionRegistry();
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void expiredTokensAndDisabledUsersAreClosedByTheSweepsClock() {
    RevocationSweep sweep = sweep();
    FakeOutbound expiring = staffSession(fixtures.addAgent(1).id(), Duration.ofHours(1));
    UUID disabledUser = fixtures.addAgent(1).id();
    FakeOutbound disabled = staffSession(disabledUser, Duration.ofDays(1));
    FakeOutbound fine = staffSession(fixtures.addAgent(1).id(), Duration.ofDays(1));
    FakeOutbound visitor = new FakeOutbound();
    sessions.add(new Session(visitor, Principal.visitor(UUID.randomUUID().toString(), "site"),
        "127.0.0.1"));

    assertThat(sweep.sweep()).isZero();

    new UserAccountDao(jdbi).setDisabled(disabledUser, true);
    assertThat(sweep.sweep()).isEqualTo(1);
    assertThat(disabled.closedWith.get()).isEqualTo(DisconnectCode.AUTH_REVOKED);
    assertThat(expiring.closedWith.get()).isNull();

    clock.set(clock.instant().plus(Duration.ofHours(2)));
    assertThat(sweep.sweep()).isEqualTo(1);
    assertThat(expiring.closedWith.get()).isEqualTo(DisconnectCode.AUTH_REVOKED);
    assertThat(fine.closedWith.get()).isNull();
    assertThat(visitor.closedWith.get()).isNull();
  }

  @Test
  void aSessionsTeamScopeFollowsTeamChangesWithinOneSweep() {
    RevocationSweep sweep = sweep();
    UUID userId = fixtures.addAgent(1).id();
    staffSession(userId, Duration.ofDays(1));
    Session session = sessions.ofUser(userId.toString()).iterator().next();
    assertThat(session.principal().teamQueues()).isEmpty();

    sweep.sweep();
    assertThat(session.principal().teamQueues()).containsExactly(fixtures.queueId);
    assertThat(session.principal().inTeamQueue(fixtures.queueId)).isTrue();

    new TeamDao(jdbi).setMembersAndQueues(fixtures.teamId, Set.of(), Set.of(fixtures.queueId));
    sweep.sweep();
    assertThat(session.principal().teamQueues()).as("moved out of the team").isEmpty();
    assertThat(session.principal().tokenHash()).as("the rest stays").isNotNull();
  }

  private RevocationSweep sweep() {
    return new RevocationSweep(new RevocationSweep.Parts(sessions, tokens, new TeamDao(jdbi),
        new ConversationAccess(new ConversationDao(jdbi), new ParticipantDao(jdbi)),
        (session, conversation) -> { }, store, clock));
  }

  /** A staff session of the user, on a token that expires {@code lifetime} from the clock. */
  private FakeOutbound staffSession(UUID userId, Duration lifetime) {
    byte[] hash = AgentTokens.hash(AgentTokens.newToken());
    tokens.insert(hash, userId, clock.instant().plus(lifetime));
    FakeOutbound outbound = new FakeOutbound();
    sessions.add(new Session(outbound, new Principal(Role.AGENT, userId.toString(), null, "Agent",
        1, null, hash, null), "127.0.0.1"));
    return outbound;
  }

  /** A connection that only remembers how it was closed. Thread-safe. */
  private static final class FakeOutbound implements Outbound {
    final AtomicReference<DisconnectCode> closedWith = new AtomicReference<>();

    @Override
    public boolean isActive() {
      return closedWith.get() == null;
    }

    @Override
    public void send(ServerMessage message) {}

    @Override
    public void sendText(String json) {}

    @Override
    public void close(DisconnectCode code, String reason) {
      closedWith.compareAndSet(null, code);
    }
  }
}
