package io.switchboard.server.session;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.config.RateLimits;
import io.switchboard.server.conversation.ConversationService;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.conversation.StaffActionService;
import io.switchboard.server.conversation.SupervisionService;
import io.switchboard.server.conversation.VisitorService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceService;
import io.switchboard.server.ratelimit.Bucket;
import io.switchboard.server.ratelimit.RateLimiter;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Routes each client command to the service that handles it. The transport calls it; the
 * services check who may do what and answer, and this writes nothing to the network itself.
 * Opening and closing sessions is {@link SessionLifecycle}'s job.
 *
 * <p>Thread-safe.
 */
public final class CommandService {
  private final ConversationService conversationService;
  private final StaffActionService staffActions;
  private final SupervisionService supervision;
  private final CommandAudit commandAudit;
  private final VisitorService visitors;
  private final PresenceService presence;
  private final Clock clock;
  private final RateLimiter limiter;
  private final RateLimits limits;

  public CommandService(ConversationService conversationService, StaffActionService staffActions,
      SupervisionService supervision, VisitorService visitors, PresenceService presence,
      Clock clock, RateLimiter limiter, RateLimits limits, AuditLog audit) {
    this.supervision = supervision;
    this.commandAudit = new CommandAudit(audit);
    this.limiter = limiter;
    this.limits = limits;
    this.conversationService = conversationService;
    this.staffActions = staffActions;
    this.visitors = visitors;
    this.presence = presence;
    this.clock = clock;
  }

  /**
   * Handles one command; the future holds the reply (null when the reply was already sent). The
   * rate limits come first: a refused command fails with {@code rate_limited}, and a session
   * refused {@code abuseStrikes} times in a row is closed with 4003.
   */
  public CompletableFuture<ServerMessage> handle(Session session, ClientMessage command) {
    if (command instanceof ClientMessage.Ping) {
      return dispatch(session, command);
    }
    return rateLimited(session, command).handle((passed, error) -> {
      if (error == null) {
        session.passedRateLimits();
        return dispatch(session, command).thenApply(reply -> {
          commandAudit.succeeded(session, command);
          return reply;
        });
      }
      if (session.refusedByRateLimit() >= limits.abuseStrikes()) {
        session.close(DisconnectCode.RATE_LIMITED, "too many commands; wait before reconnecting");
      }
      return CompletableFuture.<ServerMessage>failedFuture(error);
    }).thenCompose(reply -> reply);
  }

  /**
   * Takes the tokens the command needs: per visitor (starts, messages, all), per address (starts)
   * or per staff user.
   */
  private CompletableFuture<Void> rateLimited(Session session, ClientMessage command) {
    Principal who = session.principal();
    if (!who.isVisitor()) {
      return limiter.acquire(who.id(), limits.staffCommands());
    }
    return switch (command) {
      // A new visitor token is cheap: starts are limited per address as well as per visitor.
      case ClientMessage.Start start -> limiter.acquire(
          new Bucket(limits.visitorCommands(), who.id()),
          new Bucket(limits.visitorStarts(), who.id()),
          new Bucket(limits.addressStarts(), session.clientAddress()));
      case ClientMessage.Send send ->
          limiter.acquire(who.id(), limits.visitorCommands(), limits.visitorMessages());
      default -> limiter.acquire(who.id(), limits.visitorCommands());
    };
  }

  private CompletableFuture<ServerMessage> dispatch(Session session, ClientMessage command) {
    try {
      return switch (command) {
        case ClientMessage.Start start -> conversationService.start(session, start);
        case ClientMessage.Send send -> conversationService.send(session, send);
        case ClientMessage.Typing typing -> conversationService.typing(session, typing);
        case ClientMessage.Accept accept -> conversationService.accept(session, accept);
        case ClientMessage.Close close -> conversationService.close(session, close);
        case ClientMessage.Resume resume -> conversationService.resume(session, resume);
        case ClientMessage.Read read -> conversationService.read(session, read);
        case ClientMessage.SetStatus status -> setStatus(session, status);
        case ClientMessage.Ping ping ->
            CompletableFuture.completedFuture(new ServerMessage.Pong(ping.id(), clock.instant()));
        case ClientMessage.Note note -> staffActions.note(session, note);
        case ClientMessage.Transfer transfer -> staffActions.transfer(session, transfer);
        case ClientMessage.Whisper whisper -> supervision.whisper(session, whisper);
        case ClientMessage.Barge barge -> supervision.barge(session, barge);
        case ClientMessage.Rate rate -> visitors.rate(session, rate);
        case ClientMessage.Context context -> visitors.context(session, context);
        case ClientMessage.Profile profile -> visitors.profile(session, profile);
      };
    } catch (SwitchboardException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<ServerMessage> setStatus(Session session,
      ClientMessage.SetStatus command) {
    Principal principal = session.principal();
    AccessPolicy.requireRole(principal, Action.SET_STATUS);
    AgentStatus status = AgentStatus.valueOf(command.status().toUpperCase(java.util.Locale.ROOT));
    return presence.setStatus(principal, status).toCompletableFuture()
        .thenApply(ignored -> new ServerMessage.Ok(command.id()));
  }
}
