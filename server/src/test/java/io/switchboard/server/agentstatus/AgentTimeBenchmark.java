package io.switchboard.server.agentstatus;

import io.switchboard.server.DataGeneration;
import io.switchboard.server.GenerationSize;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.PasswordHasher;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.store.agentstatus.AgentTimeDao;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Measures the agent time report on a generated history (not a test: run it by hand). Starts the
 * embedded PostgreSQL of a generator data folder, times the report for a year and for a month, for
 * everyone and per team, in UTC and Asia/Shanghai (three warm-up runs, then twenty), and prints
 * median, p95 and maximum. With {@code --with-200-agents} it also generates, in a second database
 * of the same server, the same history at the given scale with 200 agents (the full generator's
 * staff) and measures that too.
 *
 * <pre>
 *   AgentTimeBenchmark DATA_DIR|JDBC_URL [--with-200-agents SCALE | --again-200-agents]
 * </pre>
 *
 * <p>{@code --again-200-agents} measures the 200-agent database an earlier run generated.
 *
 * <p>Not thread-safe: a command-line entry point.
 */
public final class AgentTimeBenchmark {
  private static final int WARM_UP = 3;
  private static final int RUNS = 20;

  private AgentTimeBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args[0].startsWith("jdbc:")) {
      run(args[0], args);
      return;
    }
    Path postgres = Path.of(args[0]).resolve("postgres").toAbsolutePath();
    try (EmbeddedPostgresService embedded = EmbeddedPostgresService.start(postgres, 0)) {
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "stop-postgres"));
      run(embedded.jdbcUrl(), args);
    }
  }

  private static void run(String url, String[] args) throws Exception {
    measure("generated agents", url);
    if (args.length > 1 && args[1].equals("--again-200-agents")) {
      measure("200 agents", url.replaceFirst("/[^/?]+(\\?|$)", "/agent_time_200$1"));
    } else if (args.length > 2 && args[1].equals("--with-200-agents")) {
      double scale = Double.parseDouble(args[2]);
      String wide = database(url, "agent_time_200");
      Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
      GenerationSize standard = GenerationSize.of(scale, 42, end);
      GenerationSize size = new GenerationSize(scale, 42, end, standard.conversations(),
          standard.contacts(), standard.tickets(), standard.companies(), 200);
      long started = System.nanoTime();
      new DataGeneration(wide, System.out).run(size, new PasswordHasher().hash("bench"));
      System.out.printf("generated 200 agents at scale %s in %.0f s%n", scale,
          (System.nanoTime() - started) / 1e9);
      measure("200 agents", wide);
    }
  }

  /** A new, migrated database on the same server. */
  private static String database(String url, String name) throws Exception {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    }
    String wide = url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    try (Database database = Database.open(new DatabaseSettings(wide, 2, Duration.ofSeconds(30),
        Duration.ofMinutes(10)))) {
      database.jdbi();
    }
    return wide;
  }

  private static void measure(String label, String url) throws Exception {
    try (Database database = Database.open(new DatabaseSettings(url, 4, Duration.ofSeconds(30),
        Duration.ofMinutes(10)))) {
      AgentTimeService service = new AgentTimeService(new AgentTimeDao(database.jdbi()), null,
          Clock.systemUTC());
      Principal admin = new Principal(Role.ADMIN, UUID.randomUUID().toString(), null, "Bench",
          0, null, null, null);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      LocalDate yearAgo = today.minusDays(365);
      LocalDate monthStart = today.minusMonths(1).withDayOfMonth(1);
      LocalDate monthEnd = monthStart.plusMonths(1).minusDays(1);
      ZoneId utc = ZoneId.of("UTC");
      ZoneId shanghai = ZoneId.of("Asia/Shanghai");
      System.out.printf("%n%s (%s)%n", label, url.replaceAll("password=[^&]*", "password=..."));
      System.out.printf("  %-34s %6s %8s %8s %8s%n", "case", "rows", "median", "p95", "max");
      time(service, admin, "year, everyone, UTC",
          new AgentTimeQuery(yearAgo, today, utc, null, null, null, null));
      time(service, admin, "year, everyone, Asia/Shanghai",
          new AgentTimeQuery(yearAgo, today, shanghai, null, null, null, null));
      time(service, admin, "year, team gen-support",
          new AgentTimeQuery(yearAgo, today, shanghai, null, "gen-support", null, null));
      time(service, admin, "month, everyone",
          new AgentTimeQuery(monthStart, monthEnd, shanghai, null, null, null, null));
      time(service, admin, "month, team gen-billing",
          new AgentTimeQuery(monthStart, monthEnd, utc, null, "gen-billing", null, null));
    }
  }

  private static void time(AgentTimeService service, Principal admin, String name,
      AgentTimeQuery query) {
    int rows = 0;
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      long started = System.nanoTime();
      rows = service.report(admin, query).size();
      if (i >= WARM_UP) {
        millis.add((System.nanoTime() - started) / 1e6);
      }
    }
    Collections.sort(millis);
    System.out.printf("  %-34s %6d %6.0f ms %6.0f ms %6.0f ms%n", name, rows,
        millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
        millis.get(millis.size() - 1));
  }
}
