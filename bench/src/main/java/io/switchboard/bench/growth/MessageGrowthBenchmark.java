package io.switchboard.bench.growth;

import io.switchboard.bench.suite.ProcStats;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.store.message.AppendRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does a large messages table slow the writes? ({@code scripts/bench-message-growth.sh}) On one
 * embedded PostgreSQL holding a generated history ({@code scripts/generate-data.sh}: about 20
 * million messages at the default scale), it appends chat messages through the group-commit
 * writer, the path of every send, into that database and into a new, empty one on the same
 * server, alternating round by round so that both see the same disk and the same load. For each
 * round it reports messages per second, the append latency (p50, p99) and PostgreSQL's CPU time
 * per 1,000 messages, and writes the table to {@code bench-results/<time>-message-growth.md}.
 *
 * <pre>
 *   --data-dir DIR        a generated dataset's data folder (its postgres/ cluster is used)
 *   --seconds 20          length of one round
 *   --rounds 3            rounds per database
 *   --senders 64          concurrent senders (each waits for its ack, like a client)
 *   --conversations 2000  open conversations written into, per database
 *   --results bench-results
 * </pre>
 *
 * <p>Not thread-safe: a command-line entry point.
 */
public final class MessageGrowthBenchmark {
  private static final String[] BODIES = {
    "Hello, my order has not arrived yet, can you check the delivery status please?",
    "I would like a refund for the second item, it was damaged in transit.",
    "Thanks, I have reset the password and can sign in to my account again.",
    "Could you change the delivery address to my office before it ships?",
    "您好，我的订单还没有发货，请帮我查一下物流。",
    "退款什么时候能到账？我已经把商品寄回去了。",
  };

  private MessageGrowthBenchmark() {}

  /** One timed round of appends into one database. */
  record Round(String database, int round, long messages, double perSecond, double p50Ms,
      double p99Ms, double postgresCpuMsPerThousand, long failed) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--data-dir", "");
    options.put("--seconds", "20");
    options.put("--rounds", "3");
    options.put("--senders", "64");
    options.put("--conversations", "2000");
    options.put("--results", "bench-results");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        System.err.println("bench-message-growth: unknown option " + args[i]);
        System.exit(2);
      }
      options.put(args[i], args[i + 1]);
    }
    Path cluster = Path.of(options.get("--data-dir")).resolve("postgres");
    if (!Files.exists(cluster.resolve("PG_VERSION"))) {
      System.err.println("bench-message-growth: no PostgreSQL cluster at " + cluster
          + "; generate one with scripts/generate-data.sh --data-dir DIR");
      System.exit(2);
    }
    Duration seconds = Duration.ofSeconds(Long.parseLong(options.get("--seconds")));
    int rounds = Integer.parseInt(options.get("--rounds"));
    int senders = Integer.parseInt(options.get("--senders"));
    int count = Integer.parseInt(options.get("--conversations"));
    Instant started = Instant.now();
    try (EmbeddedPostgresService postgres =
        EmbeddedPostgresService.start(cluster, 0, Duration.ofMinutes(10))) {
      long postmaster = Long.parseLong(
          Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).trim());
      String emptyName = "growth_empty_" + started.getEpochSecond();
      execute(postgres.jdbcUrl(), "CREATE DATABASE " + emptyName);
      String emptyUrl = postgres.jdbcUrl().replace("/postgres?", "/" + emptyName + "?");
      List<Round> results = new ArrayList<>();
      Map<String, long[]> sizes = new LinkedHashMap<>();
      try (GrowthTarget history = GrowthTarget.open("history", postgres.jdbcUrl(), count);
          GrowthTarget empty = GrowthTarget.open("empty", emptyUrl, count)) {
        for (GrowthTarget target : List.of(empty, history)) {
          sizes.put(target.name, new long[] {target.messages(), target.messagesBytes()});
          System.out.printf("%s: %,d messages, %,d MiB%n", target.name,
              sizes.get(target.name)[0], sizes.get(target.name)[1] >> 20);
          round(target, 0, Duration.ofSeconds(5), senders, postmaster); // warm-up
        }
        for (int r = 1; r <= rounds; r++) {
          for (GrowthTarget target : List.of(empty, history)) {
            Round round = round(target, r, seconds, senders, postmaster);
            results.add(round);
            System.out.println(round);
          }
        }
      } finally {
        execute(postgres.jdbcUrl(), "DROP DATABASE IF EXISTS " + emptyName);
      }
      Path written = GrowthReport.write(Path.of(options.get("--results")), started, options,
          sizes, results);
      System.out.println("Results: " + written);
    }
  }

  private static Round round(GrowthTarget target, int round, Duration length, int senders,
      long postmaster) throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + length.toNanos();
    long cpuBefore = ProcStats.treeJiffies(postmaster);
    long startNanos = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    List<Future<?>> running = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      running.add(pool.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
          GrowthTarget.Open c = target.conversations.get(random.nextInt(
              target.conversations.size()));
          long t0 = System.nanoTime();
          try {
            target.writer.append(new AppendRequest(c.id(), "g-" + random.nextLong(), "visitor",
                c.contactId().toString(), BODIES[random.nextInt(BODIES.length)])).join();
            latencies.add(System.nanoTime() - t0);
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    double cpuMs = ProcStats.jiffiesToMillis(ProcStats.treeJiffies(postmaster) - cpuBefore);
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Round(target.name, round, sorted.length, sorted.length / elapsed,
        percentile(sorted, 0.50), percentile(sorted, 0.99),
        sorted.length == 0 ? 0 : cpuMs * 1000 / sorted.length, failed.get());
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static void execute(String jdbcUrl, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
