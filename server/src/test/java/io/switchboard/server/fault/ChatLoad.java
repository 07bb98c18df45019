package io.switchboard.server.fault;

import static org.awaitility.Awaitility.await;

import io.switchboard.checker.CheckReport;
import io.switchboard.checker.ClientHistory;
import io.switchboard.checker.HistoryChecker;
import io.switchboard.checker.HistoryRecorder;
import io.switchboard.checker.StoredHistoryReader;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.sdk.ChatListener;
import io.switchboard.sdk.ConnectionState;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.server.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Many SDK visitors and agents holding conversations through one entry point (a node or a
 * {@link LoopbackBalancer}), every client logging to one {@link HistoryRecorder}. Agents accept
 * what they are assigned at once. {@link ChatTraffic} sends on both sides; afterwards
 * {@link #awaitSettled} waits until every send is acknowledged and every client has caught up
 * with PostgreSQL, and {@link #check()} runs the history checker.
 *
 * <p>Thread-safe; build it up (agents, then visitors) from one thread.
 */
final class ChatLoad implements AutoCloseable {
  private final URI http;
  private final URI ws;
  private final Fixtures fixtures;
  private final String jdbcUrl;
  private final HistoryRecorder recorder = new HistoryRecorder();
  private final HttpClient httpClient = HttpClient.newHttpClient();
  private final List<ChatClient> clients = new ArrayList<>();
  private final Map<String, ChatClient> visitorOf = new ConcurrentHashMap<>();
  private final Map<String, ChatClient> agentOf = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> resumeNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> reconnectedAtNanos = new ConcurrentLinkedQueue<>();
  private final AtomicLong temporaryErrors = new AtomicLong();
  private final Map<String, Integer> lossReasons = new ConcurrentHashMap<>();
  private Duration backoffMin = Duration.ofMillis(100);
  private Duration backoffMax = Duration.ofSeconds(2);

  ChatLoad(URI http, URI ws, Fixtures fixtures, String jdbcUrl) {
    this.http = http;
    this.ws = ws;
    this.fixtures = fixtures;
    this.jdbcUrl = jdbcUrl;
  }

  /** The clients' reconnect backoff bounds (100 ms to 2 s unless set before adding clients). */
  ChatLoad backoff(Duration min, Duration max) {
    this.backoffMin = min;
    this.backoffMax = max;
    return this;
  }

  /** Logs in {@code count} agents of {@code capacity}, connects them and sets them online. */
  void agents(int count, int capacity) throws Exception {
    List<Fixtures.Agent> accounts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      accounts.add(fixtures.addAgent(capacity));
    }
    List<CompletableFuture<?>> online = new ArrayList<>();
    for (String token : inParallel(accounts.stream().map(account -> (Callable<String>) () ->
        SwitchboardHttp.login(http, account.email(), account.password()).token()).toList())) {
      ChatClient agent = client("agent-" + clients().size(), token, true);
      online.add(agent.connect().thenCompose(welcome -> agent.setStatus("online")));
    }
    CompletableFuture.allOf(online.toArray(CompletableFuture[]::new)).get();
  }

  /** Connects {@code count} visitors, starts a conversation for each and waits until accepted. */
  List<String> visitors(int count) throws Exception {
    List<CompletableFuture<ServerMessage.Started>> started = new ArrayList<>();
    List<Callable<String>> tokenRequests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tokenRequests.add(() ->
          SwitchboardHttp.requestVisitorToken(http, fixtures.siteKey, null).visitorToken());
    }
    for (String token : inParallel(tokenRequests)) {
      ChatClient visitor = client("visitor-" + clients().size(), token, false);
      started.add(visitor.connect().thenCompose(welcome -> visitor.start(fixtures.queueId, Map.of()))
          .whenComplete((reply, error) -> {
            if (reply != null) {
              visitorOf.put(reply.conversationId(), visitor);
            }
          }));
    }
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get();
    List<String> ids = started.stream().map(future -> future.join().conversationId()).toList();
    await().atMost(Duration.ofSeconds(120)).until(() -> agentOf.keySet().containsAll(ids));
    return ids;
  }

  /**
   * Runs HTTP set-up calls four at a time, each tried up to three times (a login hashes a password,
   * which can time out on a loaded machine); returns their results in order.
   */
  private static List<String> inParallel(List<Callable<String>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<String>> retried = calls.stream().map(call -> (Callable<String>) () -> {
        for (int attempt = 1; ; attempt++) {
          try {
            return call.call();
          } catch (RuntimeException e) {
            if (attempt == 3) {
              throw e;
            }
          }
        }
      }).toList();
      List<String> results = new ArrayList<>();
      for (Future<String> future : pool.invokeAll(retried)) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  private ChatClient client(String name, String token, boolean agent) {
    AtomicReference<ChatClient> self = new AtomicReference<>();
    ChatClient client = ChatClient.builder(ws)
        .token(token)
        .httpClient(httpClient)
        .clientLog(recorder.log(name))
        .reconnectBackoff(backoffMin, backoffMax)
        .requestTimeout(Duration.ofSeconds(30)) // a shared two-core machine can be slow to answer
        .listener(new ChatListener() {
          private long lostAt;

          @Override
          public void onEvent(ServerMessage event) {
            if (event instanceof ServerMessage.Assigned assigned && agent) {
              agentOf.put(assigned.conversationId(), self.get());
              self.get().accept(assigned.conversationId());
            } else if (event instanceof ServerMessage.Unassigned unassigned) {
              lossReasons.merge("unassigned: " + unassigned.reason(), 1, Integer::sum);
            } else if (event instanceof ServerMessage.Error error && error.temporary()) {
              temporaryErrors.incrementAndGet();
            }
          }

          @Override
          public void onStateChange(ConnectionState state, String reason) {
            if (state == ConnectionState.RECONNECTING && lostAt == 0) {
              lostAt = System.nanoTime();
              lossReasons.merge(String.valueOf(reason), 1, Integer::sum);
            } else if (state == ConnectionState.OPEN && lostAt != 0) {
              long now = System.nanoTime();
              resumeNanos.add(now - lostAt);
              reconnectedAtNanos.add(now);
              lostAt = 0;
            }
          }
        })
        .build();
    self.set(client);
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  ChatClient visitorOf(String conversationId) {
    return visitorOf.get(conversationId);
  }

  ChatClient agentOf(String conversationId) {
    return agentOf.get(conversationId);
  }

  List<String> conversations() {
    return List.copyOf(visitorOf.keySet());
  }

  List<ChatClient> clients() {
    synchronized (clients) {
      return List.copyOf(clients);
    }
  }

  /** Errors with {@code temporary: true} the clients were told (each retried by the SDK). */
  long temporaryErrors() {
    return temporaryErrors.get();
  }

  /**
   * Why connections were lost (the SDK's reason, e.g. a close code), and why agents lost
   * conversations ({@code unassigned: <reason>}), with how often.
   */
  Map<String, Integer> lossReasons() {
    return Map.copyOf(lossReasons);
  }

  /** Time from each lost connection to the next {@code welcome}. */
  List<Duration> resumeTimes() {
    return resumeNanos.stream().map(Duration::ofNanos).sorted().toList();
  }

  /** When each reconnect succeeded (System.nanoTime), in no particular order. */
  List<Long> reconnectedAt() {
    return List.copyOf(reconnectedAtNanos);
  }

  /** The 99th percentile of {@link #resumeTimes()}, or null when nobody had to resume. */
  Duration resumeP99() {
    List<Duration> times = resumeTimes();
    return times.isEmpty() ? null : times.get((int) Math.ceil(times.size() * 0.99) - 1);
  }

  /**
   * Waits until no send is pending and both sides of every conversation have delivered everything
   * PostgreSQL holds.
   */
  void awaitSettled(Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> clients().stream().allMatch(client -> client.pendingCount() == 0)
              && caughtUp());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not settled in " + timeout + ": " + unsettled(), e);
    }
  }

  /** What keeps the load from settling: sends not acknowledged, clients behind the database. */
  private String unsettled() {
    StringBuilder out = new StringBuilder();
    for (String id : conversations()) {
      out.append(String.format("%n%s visitor seq %d (%d pending), agent seq %d (%d pending)", id,
          visitorOf(id).lastSeq(id), visitorOf(id).pendingCount(), agentOf(id).lastSeq(id),
          agentOf(id).pendingCount()));
    }
    return out.toString();
  }

  private boolean caughtUp() throws Exception {
    Map<String, Long> lastSeqs = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement statement = connection.prepareStatement(
            "SELECT id::text, last_seq FROM conversations WHERE site_id = ?")) {
      statement.setString(1, fixtures.siteId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          lastSeqs.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    for (String id : conversations()) {
      long stored = lastSeqs.getOrDefault(id, -1L);
      if (visitorOf(id).lastSeq(id) != stored || agentOf(id).lastSeq(id) != stored) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sends a probe from the visitor of every conversation until a round reaches every agent
   * within two seconds (across nodes this needs pub/sub); returns how long after {@code since}
   * (System.nanoTime) that round was delivered.
   */
  Duration awaitDeliveryEverywhere(long since) throws Exception {
    List<String> ids = conversations();
    for (int round = 0; ; round++) {
      List<CompletableFuture<ServerMessage.Ack>> acks = new ArrayList<>();
      for (String id : ids) {
        acks.add(visitorOf(id).send(id, "probe " + round));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      boolean delivered = false;
      while (!delivered && System.nanoTime() < deadline) {
        delivered = true;
        for (int i = 0; i < ids.size(); i++) {
          String id = ids.get(i);
          delivered &= agentOf(id).lastSeq(id) >= acks.get(i).join().seq();
        }
        Thread.sleep(20);
      }
      if (delivered) {
        return Duration.ofNanos(System.nanoTime() - since);
      }
      if (Duration.ofNanos(System.nanoTime() - since).toSeconds() > 60) {
        throw new AssertionError("no delivery everywhere within 60 s");
      }
    }
  }

  ClientHistory history() {
    return recorder.history();
  }

  /** Runs the history checker on everything so far; every client must have caught up. */
  CheckReport check() throws Exception {
    ClientHistory history = recorder.history();
    try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
      return HistoryChecker.check(history, StoredHistoryReader.read(
          connection, history.conversationIds(), List.of(fixtures.siteId)), true);
    }
  }

  @Override
  public void close() {
    clients().parallelStream().forEach(ChatClient::close);
    httpClient.shutdownNow();
  }
}
