package io.switchboard.server;

import io.switchboard.server.auth.PasswordHasher;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data generator ({@code scripts/generate-data.sh}): migrates a database, fills it with a
 * year of generated history ({@link GenerationSize}, {@link DataGeneration}), prints per-table
 * counts and times and the staff logins, and writes the figures under {@code bench-results/}.
 *
 * <pre>
 *   --scale 0.001            fraction of the default size (1: 1,000,000 conversations)
 *   --seed 42                the seed; the same seed, scale and end give the same data
 *   --end 2026-12-01T00:00Z  the end of the generated year (default: today, 00:00 UTC)
 *   --database-url URL       a PostgreSQL JDBC URL (default: $SWITCHBOARD_DATABASE_URL, else an
 *                            embedded PostgreSQL in DATA_DIR/postgres)
 *   --data-dir DIR           where the embedded PostgreSQL keeps its data (default target/datagen)
 *   --password TEXT          the staff password (default generated-data)
 *   --results DIR            where the figures go (default bench-results)
 * </pre>
 *
 * <p>Not thread-safe: a command-line entry point.
 */
public final class DataGenerator {
  /** The password every generated staff member logs in with unless told otherwise. */
  public static final String DEFAULT_PASSWORD = "generated-data";

  private DataGenerator() {}

  /** The command line, parsed. */
  record Options(GenerationSize size, String databaseUrl, Path dataDir, String password,
      Path results, String command) {
    static Options parse(List<String> args, Map<String, String> env, Clock clock) {
      double scale = 1;
      long seed = 42;
      Instant end = clock.instant().truncatedTo(ChronoUnit.DAYS);
      String url = env.get("SWITCHBOARD_DATABASE_URL");
      Path dataDir = Path.of("target", "datagen");
      String password = DEFAULT_PASSWORD;
      Path results = Path.of("bench-results");
      for (int i = 0; i < args.size(); i++) {
        String name = args.get(i);
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(++i);
        try {
          switch (name) {
            case "--scale" -> scale = Double.parseDouble(value);
            case "--seed" -> seed = Long.parseLong(value);
            case "--end" -> end = Instant.parse(value);
            case "--database-url" -> url = value;
            case "--data-dir" -> dataDir = Path.of(value);
            case "--password" -> password = value;
            case "--results" -> results = Path.of(value);
            default -> throw new IllegalArgumentException("unknown option " + name);
          }
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException(name + ": not a valid value: " + value);
        }
      }
      if (url != null && url.isBlank()) {
        url = null;
      }
      return new Options(GenerationSize.of(scale, seed, end), url, dataDir, password, results,
          "scripts/generate-data.sh " + String.join(" ", args));
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(List.of(args), System.getenv(), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      System.err.println("generate-data: " + e.getMessage());
      System.exit(2);
      return;
    }
    String url = options.databaseUrl();
    if (url == null) {
      Path postgresDir = options.dataDir().resolve("postgres").toAbsolutePath();
      System.out.println("Starting embedded PostgreSQL in " + postgresDir);
      EmbeddedPostgresService embedded = EmbeddedPostgresService.start(postgresDir, 0);
      // Also on SIGTERM (a time limit), so no PostgreSQL is left behind.
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "stop-postgres"));
      url = embedded.jdbcUrl();
    }
    generate(options, url, Clock.systemUTC());
  }

  /** Migrates, generates, prints and writes the figures; returns the result file's path. */
  static Path generate(Options options, String url, Clock clock) throws Exception {
    GenerationSize size = options.size();
    Instant started = clock.instant();
    System.out.println("Migrating the schema...");
    try (Database database = Database.open(new DatabaseSettings(url, 2, Duration.ofSeconds(30),
        Duration.ofMinutes(10)))) {
      database.jdbi();
    }
    System.out.printf("Generating scale %s (seed %d, a year up to %s): %,d conversations, about"
        + " %,d messages, %,d tickets, %,d contacts, %,d agents%n", size.scale(), size.seed(),
        size.end(), size.conversations(),
        Math.round(size.conversations() * GenerationSize.MESSAGES_PER_CONVERSATION),
        size.tickets(), size.contacts(), size.agents());
    DataGeneration generation = new DataGeneration(url, System.out);
    List<DataGeneration.StepTime> steps = generation.run(size,
        new PasswordHasher().hash(options.password()));
    Map<String, Long> counts = generation.counts();
    String databaseSize = generation.databaseSize();
    GenerationReport report = new GenerationReport(options.command(), size, started,
        clock.instant(), steps, counts, databaseSize);
    report.print(System.out);
    List<String> logins = new ArrayList<>(List.of("admin@gen.switchboard.local",
        "supervisor-support@gen.switchboard.local", "agent1@gen.switchboard.local"));
    System.out.println("Staff logins (all " + size.agents() + " agents are agentN@gen.switchboard.local),"
        + " password \"" + options.password() + "\":");
    logins.forEach(login -> System.out.println("  " + login));
    Path file = report.write(options.results());
    System.out.println("Figures written to " + file);
    return file;
  }
}
