package io.switchboard.server;

import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.embedded.EmbeddedMailService;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.embedded.EmbeddedRedisService;
import io.switchboard.server.transport.ServerTls;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one Switchboard node. Without {@code SWITCHBOARD_DATABASE_URL} or
 * {@code SWITCHBOARD_REDIS_URL} it first starts an embedded PostgreSQL or Redis whose data lives
 * under {@code SWITCHBOARD_DATA_DIR}, on {@code SWITCHBOARD_EMBEDDED_POSTGRES_PORT} and
 * {@code SWITCHBOARD_EMBEDDED_REDIS_PORT} (a free port when 0), and prints their URLs so that
 * other nodes can be pointed at them. SIGTERM shuts down gracefully; SIGHUP reloads the TLS
 * certificate when the node serves TLS.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    ServerConfig config = ConfigLoader.fromEnvironmentOrExit();
    // The embedded stores are stopped by this one hook, after the node has drained and closed;
    // they register no hooks of their own, which the JVM would run at the same time as this one.
    List<AutoCloseable> embedded = new CopyOnWriteArrayList<>();
    AtomicReference<SwitchboardNode> draining = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> shutDown(config, draining.get(), embedded), "shutdown"));
    String jdbcUrl = config.databaseUrl();
    String redisUrl = config.redisUrl();
    if (config.embeddedDatabase()) {
      LOG.info("no SWITCHBOARD_DATABASE_URL: starting embedded PostgreSQL in {} on {}",
          config.dataDir().resolve("postgres"), portText(config.embeddedPostgresPort()));
      EmbeddedPostgresService postgres = EmbeddedPostgresService.start(
          config.dataDir().resolve("postgres"), config.embeddedPostgresPort(),
          Duration.ofSeconds(60), false);
      embedded.add(postgres);
      jdbcUrl = postgres.jdbcUrl();
      LOG.info("embedded PostgreSQL is up: SWITCHBOARD_DATABASE_URL={}", jdbcUrl);
    }
    if (config.embeddedRedis()) {
      LOG.info("no SWITCHBOARD_REDIS_URL: starting embedded Redis on {}",
          portText(config.embeddedRedisPort()));
      EmbeddedRedisService redis = EmbeddedRedisService.start(
          config.dataDir().resolve("redis"), config.embeddedRedisPort(), false);
      embedded.add(0, redis);
      redisUrl = redis.url();
      LOG.info("embedded Redis is up: SWITCHBOARD_REDIS_URL={}", redisUrl);
    }
    LOG.info("node {} uses PostgreSQL {} and Redis {}", config.nodeId(), redact(jdbcUrl),
        redact(redisUrl));
    ServerConfig effective = config.withStores(jdbcUrl, redisUrl);
    EmbeddedMailService mailServer = null;
    if (config.embeddedDatabase() && config.mail().wantsEmbedded()) {
      mailServer = EmbeddedMailService.start(config.bindHost().equals("0.0.0.0") ? "127.0.0.1"
          : config.bindHost());
      embedded.add(0, mailServer);
      effective = effective.withMail(config.mail().sendingTo(
          config.bindHost().equals("0.0.0.0") ? "127.0.0.1" : config.bindHost(),
          mailServer.smtpPort()));
      LOG.info("no SWITCHBOARD_SMTP_HOST: started an embedded mail server (SMTP {}, IMAP {})",
          mailServer.smtpPort(), mailServer.imapPort());
    }
    SwitchboardNode node = new SwitchboardNode(effective);
    draining.set(node);
    int port = node.start();
    node.server().tls().ifPresent(ServerTls::reloadOnHangup);
    var seeded = config.seed() ? Seeder.seedIfEmpty(node.database().jdbi()) : java.util.Optional.<Seeder.Seeded>empty();
    List<String> embeddedUrls = new ArrayList<>();
    if (config.embeddedDatabase()) {
      embeddedUrls.add("SWITCHBOARD_DATABASE_URL=" + jdbcUrl);
    }
    if (config.embeddedRedis()) {
      embeddedUrls.add("SWITCHBOARD_REDIS_URL=" + redisUrl);
    }
    printBanner(System.out, config, port, seeded.orElse(null), embeddedUrls);
    MailBanner.print(System.out, effective, node, mailServer);
  }

  /**
   * Unready first (503, sockets closed with 1001) for as long as load balancers need to notice,
   * then stops the node, then the embedded stores it used (none when it never started).
   */
  private static void shutDown(ServerConfig config, SwitchboardNode node,
      List<AutoCloseable> embedded) {
    if (node != null) {
      LOG.info("shutting down: draining for {} s", config.monitoring().drainGrace().toSeconds());
      node.drain();
      sleepQuietly(config.monitoring().drainGrace().toMillis());
      node.close();
    }
    for (AutoCloseable service : embedded) {
      try {
        service.close();
      } catch (Exception e) {
        LOG.warn("stopping an embedded service failed: {}", e.toString());
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String portText(int port) {
    return port == 0 ? "a free port" : "port " + port;
  }

  /** The URL without its password (in the user info or a {@code password=} parameter). */
  static String redact(String url) {
    return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")
        .replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  /**
   * Prints where to open the node and, for each embedded server it started, the setting that
   * points another node of a cluster at it.
   */
  static void printBanner(PrintStream out, ServerConfig config, int port, Seeder.Seeded seeded,
      List<String> embeddedUrls) {
    String host = config.bindHost().equals("0.0.0.0") ? "localhost" : config.bindHost();
    String scheme = config.security().transit().tlsEnabled() ? "https://" : "http://";
    String base = config.publicUrl() != null ? config.publicUrl() : scheme + host + ":" + port;
    out.println();
    out.println("Switchboard is running (node " + config.nodeId() + ").");
    out.println("  Widget demo page:  " + base + "/demo");
    out.println("  Agent console:     " + base + "/console");
    out.println("  WebSocket:         " + base.replaceFirst("^http", "ws") + "/v1/ws");
    out.println("  Health:            " + base + "/healthz");
    out.println("  Readiness:         " + base + "/readyz");
    out.println("  Metrics:           " + base + "/metrics" + (config.monitoring().metricsToken()
        == null ? " (loopback only)" : " (Authorization: Bearer $SWITCHBOARD_METRICS_TOKEN)"));
    if (!embeddedUrls.isEmpty()) {
      out.println();
      out.println("Embedded servers of this node (for other nodes of a cluster):");
      for (String setting : embeddedUrls) {
        out.println("  " + setting);
      }
    }
    if (seeded != null) {
      out.println();
      out.println("First run: seeded site \"demo\" (site key " + seeded.siteKey()
          + ") with queue \"support\".");
      out.println("Accounts and their first passwords (shown only now; change them in the"
          + " console under Your account):");
      for (Seeder.Account account : seeded.accounts()) {
        out.printf("  %-10s %-28s %s%n", account.role(), account.email(), account.password());
      }
    }
    out.println();
    out.flush();
  }
}
