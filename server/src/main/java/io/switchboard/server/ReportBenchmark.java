package io.switchboard.server;

import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.agentstatus.AgentTimeQuery;
import io.switchboard.server.agentstatus.AgentTimeService;
import io.switchboard.server.api.ReportCsv;
import io.switchboard.server.api.ReportJson;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.report.ReportFilter;
import io.switchboard.server.report.ReportService;
import io.switchboard.server.report.ReportUpdater;
import io.switchboard.server.report.index.ReportIndex;
import io.switchboard.server.store.agentstatus.AgentTimeDao;
import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportListDao;
import io.switchboard.server.store.report.ReportQueries;
import io.switchboard.server.store.report.ReportQueryDao;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The reports benchmark ({@code scripts/bench-reports.sh}): on a database filled by the data
 * generator it first brings the report facts up to date (timing the backfill on a first run),
 * then times every report query and CSV export (overview, trend by day, week and month, heatmap,
 * queues, agents, satisfaction, SLA) for the last month and the last year before {@code --end},
 * for everything and for one team; after a warm-up call it reports p50 and p95 per query and
 * writes them under {@code bench-results/} ({@link ReportBenchmarkReport}).
 *
 * <pre>
 *   --data-dir target/datagen        the generator's embedded PostgreSQL, or
 *   --database-url URL               a PostgreSQL JDBC URL
 *   --end 2026-12-01                 the generated year's end (default: today, UTC)
 *   --rounds 5                       timed calls per query after one warm-up call
 *   --engine index                   index: the node's in-memory report index (loaded first,
 *                                    its load time and heap reported); sql: SQL over the facts
 *   --results bench-results
 * </pre>
 *
 * <p>Not thread-safe: a command-line entry point; it runs one query at a time.
 */
public final class ReportBenchmark {
  /** One timed query: its name and its calls' milliseconds. */
  record Timings(String name, List<Double> millis) {}

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--data-dir", "target/datagen",
        "--end", LocalDate.now(ZoneOffset.UTC).toString(), "--rounds", "5",
        "--results", "bench-results", "--engine", "index"));
    String url = System.getenv("SWITCHBOARD_DATABASE_URL");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--database-url")) {
        url = args[i + 1];
      } else if (options.containsKey(args[i])) {
        options.put(args[i], args[i + 1]);
      } else {
        System.err.println("bench-reports: unknown option " + args[i]);
        System.exit(2);
      }
    }
    EmbeddedPostgresService embedded = null;
    if (url == null || url.isBlank()) {
      Path postgresDir = Path.of(options.get("--data-dir")).resolve("postgres").toAbsolutePath();
      System.out.println("Starting embedded PostgreSQL in " + postgresDir);
      embedded = EmbeddedPostgresService.start(postgresDir, 0);
      url = embedded.jdbcUrl();
    }
    try (Database database = Database.open(new DatabaseSettings(url, 4, Duration.ofSeconds(30),
        Duration.ofMinutes(60)))) {
      run(database, LocalDate.parse(options.get("--end")),
          Integer.parseInt(options.get("--rounds")), Path.of(options.get("--results")),
          options.get("--engine"));
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static void run(Database database, LocalDate end, int rounds, Path results,
      String engine) throws Exception {
    ReportUpdater updater = new ReportUpdater(new ReportFactDao(database.jdbi()),
        Clock.systemUTC(), Duration.ofSeconds(5));
    long started = System.nanoTime();
    ReportUpdater.Pass pass = updater.runOnce();
    double updateSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("Facts brought up to date in %.1f s (%s: %,d conversations, %,d tickets)%n",
        updateSeconds, pass.backfill() ? "backfill" : "incremental", pass.conversations(),
        pass.tickets());
    String team = database.jdbi().withHandle(handle -> handle.createQuery(
        "SELECT id FROM teams ORDER BY id LIMIT 1").mapTo(String.class).findOne().orElse(null));
    ReportQueries queries = new ReportQueryDao(database.jdbi());
    String engineLine = "SQL over the report facts";
    if (engine.equals("index")) {
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      long heapBefore = runtime.totalMemory() - runtime.freeMemory();
      ReportIndex index = new ReportIndex(new ReportIndexDao(database.jdbi()), queries);
      started = System.nanoTime();
      int[] counts = index.load();
      double loadSeconds = (System.nanoTime() - started) / 1e9;
      System.gc();
      long heap = runtime.totalMemory() - runtime.freeMemory() - heapBefore;
      engineLine = String.format("the in-memory report index: %,d chats and %,d tickets loaded"
          + " in %.1f s, about %,d MiB of heap after a GC", counts[0], counts[1], loadSeconds,
          heap >> 20);
      queries = index;
    } else if (!engine.equals("sql")) {
      throw new IllegalArgumentException("--engine: index or sql, not " + engine);
    }
    System.out.println("Answered by " + engineLine);
    ReportService reports = new ReportService(queries, new ReportListDao(database.jdbi()));
    AgentTimeService agentTimes = new AgentTimeService(new AgentTimeDao(database.jdbi()),
        queries instanceof ReportIndex index ? index : null, Clock.systemUTC());
    Principal admin = new Principal(Role.ADMIN, UUID.randomUUID().toString(), null, "bench", 0,
        null, null, null);
    ReportService sqlReports = new ReportService(new ReportQueryDao(database.jdbi()),
        new ReportListDao(database.jdbi()));
    AgentTimeService sqlAgentTimes = new AgentTimeService(new AgentTimeDao(database.jdbi()), null,
        Clock.systemUTC());
    ReportBenchmarkCheck check = new ReportBenchmarkCheck();
    LocalDate to = end.minusDays(1);
    List<Timings> timings = new ArrayList<>();
    for (String window : List.of("month", "year")) {
      LocalDate from = window.equals("month") ? to.minusDays(29) : to.minusDays(364);
      ReportFilter all = ReportFilter.all(from, to, ZoneOffset.UTC);
      ReportFilter oneTeam = new ReportFilter(from, to, ZoneOffset.UTC, null, team, null, null,
          null, null, null, null, null);
      for (Map.Entry<String, ReportFilter> scope : Map.of("all", all, "team", oneTeam)
          .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        ReportFilter f = scope.getValue();
        String suffix = "-" + window + "-" + scope.getKey();
        Map<String, Supplier<Object>> named = queries(reports, f);
        AgentTimeQuery agentTime = new AgentTimeQuery(from, to, ZoneOffset.UTC, null,
            f.team(), null, null);
        named.put("agent-time", () -> agentTimes.report(admin, agentTime));
        if (engine.equals("index") && window.equals("month")) {
          Map<String, Supplier<Object>> sql = queries(sqlReports, f);
          sql.put("agent-time", () -> sqlAgentTimes.report(admin, agentTime));
          check.compare(suffix, named, sql);
          System.out.println(check.summary());
        }
        for (Map.Entry<String, Supplier<Object>> query : named.entrySet()) {
          timings.add(time(query.getKey() + suffix, rounds, query.getValue()));
          System.out.println(ReportBenchmarkReport.line(timings.getLast()));
        }
      }
    }
    if (engine.equals("index")) {
      engineLine += "; " + check.summary();
    }
    Path written = ReportBenchmarkReport.write(results, end, updateSeconds, pass, engineLine,
        rounds, timings);
    System.out.println("Wrote " + written);
  }

  private static Map<String, Supplier<Object>> queries(ReportService reports, ReportFilter f) {
    Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
    queries.put("overview", () -> reports.overview(f));
    for (String interval : List.of("day", "week", "month")) {
      queries.put("trend-" + interval, () -> reports.tables().trend(f, interval));
    }
    queries.put("heatmap", () -> reports.tables().heatmap(f, "started"));
    queries.put("queues", () -> reports.tables().queues(f));
    queries.put("agents", () -> reports.tables().agents(f));
    queries.put("csat", () -> reports.csat(f, 50, null));
    queries.put("sla", () -> reports.sla(f));
    queries.put("overview-csv", () -> ReportCsv.overview(reports.overview(f), "zh-CN"));
    queries.put("trend-csv", () -> ReportCsv.table("trend", f, "zh-CN",
        ReportJson.rows(reports.tables().trend(f, "day"))));
    queries.put("heatmap-csv", () -> ReportCsv.table("heatmap", f, "zh-CN",
        ReportJson.rows(reports.tables().heatmap(f, "started"))));
    queries.put("queues-csv", () -> ReportCsv.table("queues", f, "zh-CN",
        ReportJson.rows(reports.tables().queues(f))));
    queries.put("agents-csv", () -> ReportCsv.table("agents", f, "zh-CN",
        ReportJson.rows(reports.tables().agents(f))));
    queries.put("csat-csv", () -> ReportCsv.table("csat", f, "zh-CN",
        ReportJson.rows(reports.csat(f, 500, null).comments())));
    queries.put("sla-csv", () -> ReportCsv.table("sla", f, "zh-CN",
        ReportJson.rows(reports.sla(f))));
    return queries;
  }

  private static Timings time(String name, int rounds, Supplier<Object> query) {
    query.get();
    List<Double> millis = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      query.get();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return new Timings(name, millis);
  }
}
