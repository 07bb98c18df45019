package io.switchboard.bench.jmh;

import io.switchboard.server.embedded.EmbeddedRedisService;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.routing.Assignment;
import io.switchboard.server.routing.Claim;
import io.switchboard.server.routing.RedisRoutingStore;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The assignment script call against a real (embedded) Redis: a conversation is enqueued, the
 * {@code assign} Lua script pairs it with the least-loaded online agent among {@code agents},
 * and the agent's slot is released again, so every invocation sees the same state. The time is
 * mostly the three round trips and the script's work over the queue's agents.
 *
 * <p>Run: {@code java -cp bench/target/switchboard-bench.jar org.openjdk.jmh.Main Assign}.
 * JMH state, one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AssignBenchmark {
  private static final String QUEUE = "jmh";

  @Param({"10", "500"})
  public int agents;

  private EmbeddedRedisService redis;
  private RedisConnections connections;
  private RedisRoutingStore routing;

  @Setup(Level.Trial)
  public void start() throws Exception {
    redis = EmbeddedRedisService.start(Files.createTempDirectory("switchboard-jmh-redis"), 0);
    connections = new RedisConnections(redis.url());
    routing = new RedisRoutingStore(connections);
    RedisPresenceStore presence = new RedisPresenceStore(connections);
    List<java.util.concurrent.CompletableFuture<Integer>> online = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      online.add(presence.setStatus(UUID.randomUUID(), AgentStatus.ONLINE, 1_000_000,
          List.of(QUEUE), "jmh").toCompletableFuture());
    }
    online.forEach(java.util.concurrent.CompletableFuture::join);
  }

  /** What one routed chat costs in Redis: arrival, assignment, settling its claim, close. */
  @Benchmark
  public Assignment enqueueAssignSettleRelease() {
    routing.enqueue(QUEUE, UUID.randomUUID(), 0, Instant.now()).toCompletableFuture().join();
    List<Assignment> made = routing.assign(QUEUE, 1).toCompletableFuture().join();
    Assignment a = made.get(0);
    routing.settle(QUEUE, Map.of(a.claimId(), Claim.Outcome.RECORDED)).toCompletableFuture().join();
    routing.release(a.agentId()).toCompletableFuture().join();
    return a;
  }

  @TearDown(Level.Trial)
  public void stop() {
    connections.close();
    redis.close();
  }
}
