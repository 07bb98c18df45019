package io.switchboard.server.session;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.server.access.Action;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.delivery.SessionRegistry;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.user.AgentTokenDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the revocation broadcast: every sweep, this node checks the tokens of all
 * its open staff sessions in one query and closes (4001) each session whose token was revoked or
 * expired, or whose user was disabled, even when the broadcast never reached this node (Redis
 * restarted, a subscription was being renewed). The same sweep brings each open staff session's
 * team scope up to date, so a supervisor moved out of a team loses its queues within one sweep
 * without reconnecting, and stops receiving the conversations it was only reading through them
 * (monitoring).
 *
 * <p>Thread-safe: one sweep at a time, on its own scheduler thread; the query runs on the store
 * executor.
 */
public final class RevocationSweep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RevocationSweep.class);

  private final SessionRegistry sessions;
  private final AgentTokenDao tokens;
  private final TeamDao teams;
  private final ConversationAccess access;
  private final java.util.function.BiConsumer<Session, UUID> stopFollowing;
  private final BlockingExecutor store;
  private final Clock clock;
  private final CycleCount cycles = new CycleCount();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      runnable -> Thread.ofPlatform().daemon().name("revocation-sweep").unstarted(runnable));

  /**
   * Where the sweep looks (the sessions, tokens and teams, who may still read what) and how a
   * session stops following a conversation ({@code DeliveryService::unfollow}).
   */
  public record Parts(SessionRegistry sessions, AgentTokenDao tokens, TeamDao teams,
      ConversationAccess access, java.util.function.BiConsumer<Session, UUID> stopFollowing,
      BlockingExecutor store, Clock clock) {}

  public RevocationSweep(Parts parts) {
    this.sessions = parts.sessions();
    this.tokens = parts.tokens();
    this.teams = parts.teams();
    this.access = parts.access();
    this.stopFollowing = parts.stopFollowing();
    this.store = parts.store();
    this.clock = parts.clock();
  }

  /** Sweeps every {@code interval}. */
  public void start(Duration interval) {
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Completed sweeps, for tests that wait for one. */
  public CycleCount cycles() {
    return cycles;
  }

  /** One sweep: returns how many sessions it closed. */
  public int sweep() {
    List<Session> staff = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (Session session : sessions.all()) {
      byte[] hash = session.principal().tokenHash();
      if (session.principal().isStaff() && hash != null && session.isOpen()) {
        staff.add(session);
        hashes.add(HexFormat.of().formatHex(hash));
      }
    }
    if (staff.isEmpty()) {
      return 0;
    }
    Set<String> valid = store.call(() -> tokens.stillValid(hashes, clock.instant())).join();
    int closed = 0;
    for (int i = 0; i < staff.size(); i++) {
      if (!valid.contains(hashes.get(i))) {
        staff.get(i).close(DisconnectCode.AUTH_REVOKED, "signed out");
        closed++;
      }
    }
    refreshTeamScopes(staff);
    return closed;
  }

  /** Gives each open staff session the queues its user's teams own now; returns how many changed. */
  int refreshTeamScopes(List<Session> staff) {
    List<Session> open = staff.stream().filter(Session::isOpen).toList();
    if (open.isEmpty()) {
      return 0;
    }
    Set<UUID> users = new HashSet<>();
    open.forEach(session -> users.add(UUID.fromString(session.principal().id())));
    Map<UUID, Set<String>> scopes = store.call(() -> teams.teamQueuesOf(users)).join();
    int changed = 0;
    for (Session session : open) {
      Set<String> now = scopes.get(UUID.fromString(session.principal().id()));
      if (now != null && !now.equals(session.principal().teamQueues())) {
        session.updateTeamQueues(now);
        store.call(() -> stopReadingWhatIsNoLongerAllowed(session)).join();
        changed++;
      }
    }
    return changed;
  }

  /**
   * Stops following the conversations the session was only reading (not assigned to it, not
   * joined) that its new scope no longer lets it read. Runs on the store executor.
   */
  private Void stopReadingWhatIsNoLongerAllowed(Session session) {
    for (UUID conversationId : session.followed()) {
      if (session.isAllowed(conversationId)) {
        continue;
      }
      try {
        access.find(session.principal(), Action.READ, conversationId);
      } catch (SwitchboardException refused) {
        stopFollowing.accept(session, conversationId);
      }
    }
    return null;
  }

  private void sweepQuietly() {
    try {
      cycles.run(() -> {
        int closed = sweep();
        if (closed > 0) {
          LOG.info("revocation sweep closed {} staff session(s)", closed);
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("revocation sweep failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
