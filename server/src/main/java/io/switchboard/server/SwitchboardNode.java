package io.switchboard.server;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.server.api.AccountApi;
import io.switchboard.server.api.AdminApi;
import io.switchboard.server.api.ApiRoutes;
import io.switchboard.server.api.AuditApi;
import io.switchboard.server.api.CannedReplyApi;
import io.switchboard.server.api.ConversationActionsApi;
import io.switchboard.server.api.LoginLockApi;
import io.switchboard.server.api.QueueSettingsApi;
import io.switchboard.server.api.SiteAdminApi;
import io.switchboard.server.api.SiteIdentityApi;
import io.switchboard.server.api.StaffApi;
import io.switchboard.server.api.StaffWriteAudit;
import io.switchboard.server.api.SupervisionApi;
import io.switchboard.server.api.TeamAdminApi;
import io.switchboard.server.api.UserAdminApi;
import io.switchboard.server.api.VisitorApi;
import io.switchboard.server.api.WallApi;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.audit.LoginLockAudit;
import io.switchboard.server.auth.AccountService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.auth.PasswordHasher;
import io.switchboard.server.auth.VisitorTokens;
import io.switchboard.server.auth.lockout.LoginGuard;
import io.switchboard.server.bus.RedisMessageBus;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.conversation.AgentLossMonitor;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.conversation.ConversationParts;
import io.switchboard.server.conversation.ConversationService;
import io.switchboard.server.conversation.ConversationStateMachine;
import io.switchboard.server.conversation.MonitorParts;
import io.switchboard.server.conversation.OfferTimeoutMonitor;
import io.switchboard.server.conversation.RoutingOutcomes;
import io.switchboard.server.conversation.StaffActionService;
import io.switchboard.server.conversation.SupervisionService;
import io.switchboard.server.conversation.VisitorService;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.delivery.ConversationExecutors;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.SessionRegistry;
import io.switchboard.server.mail.MailChannel;
import io.switchboard.server.presence.NodeCardPublisher;
import io.switchboard.server.presence.NodeHeartbeat;
import io.switchboard.server.presence.PresenceService;
import io.switchboard.server.presence.RedisNodeDirectory;
import io.switchboard.server.presence.RedisNodeRegistry;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.ratelimit.RateLimiter;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.routing.ClaimJournal;
import io.switchboard.server.routing.QueueReconciler;
import io.switchboard.server.routing.RedisRoutingStore;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.session.CommandService;
import io.switchboard.server.session.RevocationSweep;
import io.switchboard.server.session.SessionLifecycle;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.message.BatchedReads;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.message.WriterSettings;
import io.switchboard.server.store.user.InviteDao;
import io.switchboard.server.store.user.UserAccountDao;
import io.switchboard.server.transport.ChatChannelInitializer;
import io.switchboard.server.transport.ChatServer;
import io.switchboard.server.transport.TransportContext;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Switchboard node: it connects to PostgreSQL and Redis, wires the services, and
 * serves HTTP and WebSocket on one port. Nodes are stateless peers; any number can share one
 * PostgreSQL and one Redis.
 *
 * <p>Thread-safe: {@link #start} and {@link #close} are called once each.
 */
public final class SwitchboardNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardNode.class);

  private final ServerConfig config;
  private final Clock clock = Clock.systemUTC();
  private final Clock businessClock;
  private final Clock monitorClock;
  private Database database;
  private BlockingExecutor store;
  private GroupCommitMessageWriter writer;
  private RedisConnections redis;
  private RedisMessageBus bus;
  private DeliveryService delivery;
  private ConversationExecutors executors;
  private PresenceService presence;
  private QueueReconciler reconciler;
  private RedisNodeRegistry nodes;
  private NodeHeartbeat heartbeat;
  private NodeCardPublisher nodeCard;
  private AgentLossMonitor agentLoss;
  private OfferTimeoutMonitor offerTimeouts;
  private RevocationSweep revocationSweep;
  private NodeServiceDesk desk;
  private NodeMonitoring monitoring;
  private BlockingExecutor hashing;
  private SessionRegistry sessions;
  private ChatServer server;
  private int port;

  public SwitchboardNode(ServerConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * A node whose business hours are judged by {@code businessClock} (tests move it; everything
   * else uses the system clock).
   */
  public SwitchboardNode(ServerConfig config, Clock businessClock) {
    this(config, businessClock, Clock.systemUTC());
  }

  /**
   * A node whose business hours are judged by {@code businessClock} and whose routing monitors
   * judge grace periods by {@code monitorClock} (tests move them instead of waiting).
   */
  public SwitchboardNode(ServerConfig config, Clock businessClock, Clock monitorClock) {
    this.businessClock = businessClock;
    this.monitorClock = monitorClock;
    if (config.embeddedDatabase() || config.embeddedRedis()) {
      throw new IllegalArgumentException("start embedded services before the node");
    }
    this.config = config;
  }

  /** Connects, migrates, wires and binds. Returns the bound port. */
  public int start() throws InterruptedException {
    try {
      return startAll();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot start the mail channel: " + e.getMessage(), e);
    }
  }

  private int startAll() throws InterruptedException, java.io.IOException {
    monitoring = NodeMonitoring.create(config);
    database = Database.open(new DatabaseSettings(config.databaseUrl(), config.databasePoolSize(),
        config.databaseConnectionTimeout(), config.databaseSocketTimeout()),
        config.databaseReplicaUrl(), monitoring.registry());
    store = new BlockingExecutor("store", config.databasePoolSize(), 20_000);
    Stores stores = Stores.open(database.jdbi(), clock);
    AttachmentLinks attachmentLinks = new AttachmentLinks(
        stores.secrets().getOrCreate("attachment-links", 32), config.attachments().linkTtl(), clock);
    writer = new GroupCommitMessageWriter(database.dataSource(), new WriterSettings(
        config.writerShards(), 512, 10_000, Duration.ZERO, Duration.ofSeconds(30)),
        monitoring.registry());
    redis = new RedisConnections(config.redisUrl(), config.redisCommandTimeout(),
        "switchboard-" + config.nodeId(), config.security().transit().redisCaFile(),
        monitoring.registry());
    bus = new RedisMessageBus(redis);
    RedisRoutingStore routingStore = new RedisRoutingStore(redis, clock);
    RedisPresenceStore presenceStore = new RedisPresenceStore(redis, config.presenceTtl(),
        config.agentGrace());

    // Delivery, then routing and presence, then the owner of conversation state on top of them.
    ProtocolCodec codec = new ProtocolCodec();
    sessions = new SessionRegistry();
    executors = new ConversationExecutors(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
    BatchedReads reads = new BatchedReads(stores.bulkReads(), store, DeliveryService.PAGE);
    delivery = new DeliveryService(
        sessions, bus, reads, executors, codec, config.nodeId(), attachmentLinks, clock,
        monitoring.registry());
    ClaimJournal claims = new ClaimJournal(routingStore, stores.claims(), store, clock,
        config.claimTimeout());
    RoutingService routing = new RoutingService(routingStore, stores.rules(), store, clock, claims);
    presence = new PresenceService(presenceStore, routing::drainInOrder, config.nodeId(),
        config.presenceTtl(), agentId -> store.call(() -> stores.rules().agentRouting(agentId)
            .orElseThrow(() -> new IllegalStateException("unknown agent " + agentId))));
    ConversationAccess access = new ConversationAccess(stores.conversations(), stores.participants());
    ConversationStateMachine machine = ConversationStateMachine.create(new ConversationParts(
        stores, access, routing, routingStore, delivery, store, clock, businessClock));
    routing.listen(monitoring.counting(new RoutingOutcomes(machine)));
    StaffActionService staffActions =
        new StaffActionService(machine, access, stores.notes(), delivery, store);
    AuditDao auditDao = new AuditDao(database.jdbi());
    AuditLog audit = new AuditLog(auditDao, store, clock);
    SupervisionService supervision = new SupervisionService(access, stores.notes(),
        stores.participants(), delivery, audit, store, clock);
    RateLimiter limiter = new RateLimiter(redis, clock, monitoring.registry());
    ConversationService conversations = new ConversationService(new ConversationService.Parts(
        machine, access, reads, writer, store, delivery, supervision, config.maxMessageChars(),
        stores.attachments(), stores.attachmentPolicies()));
    CommandService commands = new CommandService(conversations,
        staffActions, supervision, new VisitorService(stores, access, store, delivery, clock), presence, clock,
        limiter, config.security().rates(), audit);
    SessionLifecycle lifecycle =
        new SessionLifecycle(delivery, sessions, presence, stores, reads, store, clock);
    PasswordHasher hasher = new PasswordHasher();
    hashing = new BlockingExecutor("password-hashing", config.security().hashingThreads(),
        config.security().hashingQueue(), () -> SwitchboardException.rateLimited(
            "too many sign-ins at once; try again in a moment", Duration.ofSeconds(2)));
    LoginGuard loginGuard = new LoginGuard(redis, config.security().login(), clock,
        monitoring.counting(new LoginLockAudit(audit)));
    AuthService auth = new AuthService(stores, new VisitorTokens(
        stores.secrets().getOrCreate("visitor-token", 32), Duration.ofDays(180), clock),
        hasher, store, config.agentTokenTtl(), clock, loginGuard, hashing);

    // Background work: node liveness, reconciling Redis with PostgreSQL, the routing monitors.
    nodes = new RedisNodeRegistry(redis);
    heartbeat = new NodeHeartbeat(nodes, config.nodeId(), config.presenceTtl());
    heartbeat.start();
    RedisNodeDirectory nodeDirectory = new RedisNodeDirectory(nodes, redis);
    reconciler = new QueueReconciler(routingStore, routing, claims, stores, store);
    reconciler.start(Duration.ofSeconds(2));
    MonitorParts monitorParts = new MonitorParts(stores.conversations(), machine, presenceStore,
        routingStore, store, monitorClock);
    agentLoss = new AgentLossMonitor(monitorParts, config.agentGrace());
    agentLoss.start(Duration.ofMillis(Math.max(500, Math.min(5_000, config.agentGrace().toMillis() / 3))));
    offerTimeouts = new OfferTimeoutMonitor(monitorParts, stores.rules(), config.nodeId());
    offerTimeouts.start(Duration.ofSeconds(1));
    revocationSweep = new RevocationSweep(new RevocationSweep.Parts(sessions,
        stores.agentTokens(), stores.teams(), access, delivery::unfollow, store, clock));
    revocationSweep.start(config.security().revocationSweep());

    ApiRoutes api = new ApiRoutes();
    api.afterEveryWrite(stores.lookups()::clear);
    new VisitorApi(stores, presenceStore, auth, store, businessClock).register(api);
    new StaffApi(stores, access, presenceStore, auth, store, attachmentLinks).register(api);
    new WallApi(stores, presenceStore, nodeDirectory, auth, store, clock).register(api);
    new ConversationActionsApi(machine, staffActions, auth).register(api);
    new SupervisionApi(supervision, access, stores, auth, store).register(api);
    new CannedReplyApi(stores.cannedReplies(), auth, store).register(api);
    new AdminApi(new AdminApi.Parts(stores, routingStore, routing, presenceStore, auth, store,
        config.nodeId())).register(api);
    new QueueSettingsApi(stores.queueSettings(), auth, store).register(api);
    new TeamAdminApi(stores.teams(), auth, store).register(api);
    new SiteIdentityApi(stores.sites(), stores.identityKeys(), auth, store, clock).register(api);
    new SiteAdminApi(stores.sites(), stores.queues(), auth, store).register(api);
    new AuditApi(auditDao, audit, auth, store).register(api);
    desk = NodeServiceDesk.start(new NodeServiceDesk.Parts(config, stores, access, delivery,
        presenceStore, routing, auth, store, api, attachmentLinks, businessClock, clock,
        database.jdbi(), database.readJdbi(), audit, conversations, redis, monitoring.metrics(),
        limiter));
    api.onSuccessfulWrite(new StaffWriteAudit(auth, audit));
    UserAccountDao userAccounts = new UserAccountDao(database.jdbi());
    AccountService accounts = new AccountService(stores, userAccounts,
        new InviteDao(database.jdbi()), hasher, store, clock, lifecycle::signedOut);
    new AccountApi(accounts, userAccounts, auth, store).register(api);
    new UserAdminApi(accounts, auth).register(api);
    new LoginLockApi(loginGuard, stores.users(), auth, store).register(api);
    monitoring.watch(new NodeMonitoring.Watched(database, redis, store, sessions, delivery, clock));
    TransportContext context = new TransportContext(config, codec, auth, sessions, commands,
        lifecycle, monitoring.readiness(), monitoring.metrics(), api, new NodeSitePages(stores, store), limiter, audit,
        desk.attachments().api());
    server = new ChatServer(config.writeBufferHighWaterBytes());
    port = server.start(config.bindHost(), config.port(), new ChatChannelInitializer(context));
    LOG.info("node {} listening on {}:{}", config.nodeId(), config.bindHost(), port);
    nodeCard = new NodeCardPublisher(nodeDirectory,
        () -> new NodeCardPublisher.Connections(sessions.size(), sessions.staffUsers()),
        config.nodeId(), NodeCardPublisher.address(config.bindHost(), port), config.presenceTtl(), clock);
    nodeCard.start();
    return port;
  }

  public int port() {
    return port;
  }

  public Database database() {
    return database;
  }

  /** The node's Redis connections. */
  public RedisConnections redis() {
    return redis;
  }

  /** The HTTP and WebSocket server, with its open connections. */
  public ChatServer server() {
    return server;
  }

  /** Cycles of the queue reconciler (tests wait for whole cycles instead of sleeping). */
  public CycleCount reconcilerCycles() {
    return reconciler.cycleCount();
  }

  /** Cycles of the agent-loss monitor. */
  public CycleCount agentLossCycles() {
    return agentLoss.cycleCount();
  }

  /** Cycles of the SLA escalation scheduler (tests wait for whole cycles). */
  public CycleCount escalationCycles() {
    return desk.escalations().cycleCount();
  }

  /** The mail channel: its SMTP listener's port and the outbox's cycles. */
  public MailChannel mail() {
    return desk.mail();
  }

  /** Cycles of the revocation sweep. */
  public CycleCount revocationSweepCycles() {
    return revocationSweep.cycles();
  }

  /** Cycles of the offer-timeout monitor. */
  public CycleCount offerTimeoutCycles() {
    return offerTimeouts.cycleCount();
  }

  /** The node ids alive in Redis right now (this one included). */
  public java.util.Set<String> liveNodes() {
    return nodes.liveNodes().toCompletableFuture().join();
  }

  /**
   * The first step of a graceful shutdown (SIGTERM): {@code /readyz} turns 503, new requests and
   * WebSocket upgrades get 503, and every open socket is closed with 1001 (going away) so its
   * client reconnects to another node. The port stays open until {@link #close}.
   */
  public void drain() {
    if (monitoring != null && monitoring.readiness() != null) {
      monitoring.readiness().startDraining();
    }
    if (desk != null) {
      desk.stopProbing();
    }
    if (sessions != null) {
      sessions.closeAll(DisconnectCode.GOING_AWAY, "server restarting; reconnect");
    }
  }

  /** The node's meters, where features register their own gauges. */
  public io.switchboard.server.metrics.NodeMetrics metrics() {
    return monitoring.metrics();
  }

  /**
   * Graceful shutdown: drain (unready, sockets closed with 1001), stop accepting, let pending
   * message writes commit, then release the stores.
   */
  @Override
  public void close() {
    drain();
    if (server != null) {
      server.stopAccepting();
      sleepQuietly(300);
    }
    if (desk != null) {
      desk.stopMail();
    }
    closeQuietly(nodeCard);
    closeQuietly(heartbeat);
    closeQuietly(reconciler);
    closeQuietly(agentLoss);
    closeQuietly(offerTimeouts);
    closeQuietly(revocationSweep);
    closeQuietly(presence);
    closeQuietly(writer);
    closeQuietly(server);
    closeQuietly(executors);
    closeQuietly(delivery);
    closeQuietly(bus);
    closeQuietly(redis);
    closeQuietly(hashing);
    closeQuietly(store);
    closeQuietly(desk);
    closeQuietly(database);
    closeQuietly(monitoring);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("error while closing {}: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
