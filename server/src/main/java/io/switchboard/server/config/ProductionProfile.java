package io.switchboard.server.config;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The checks of {@code SWITCHBOARD_PROFILE=production}: PostgreSQL only over TLS with the
 * server's certificate and host name verified ({@code sslmode=verify-full}), Redis only over TLS
 * with full verification ({@code rediss://}, not {@code verifyPeer=NONE} or {@code CA}), and the
 * node's own port behind TLS, its own or a load balancer's ({@code SWITCHBOARD_TLS_OFFLOADED}).
 * The embedded stores are for development and are refused.
 *
 * <p>Stateless and thread-safe.
 */
final class ProductionProfile {
  private ProductionProfile() {}

  /** In production the replica, too, is reached over verified TLS. */
  static void checkReplica(TransitSecurity transit, String replicaUrl, List<String> problems) {
    if (transit.profile() == TransitSecurity.Profile.PRODUCTION
        && !"verify-full".equals(parameter(replicaUrl, "sslmode"))) {
      problems.add("SWITCHBOARD_PROFILE=production: SWITCHBOARD_DATABASE_REPLICA_URL must carry"
          + " sslmode=verify-full, found sslmode=" + parameter(replicaUrl, "sslmode"));
    }
  }

  /** Adds a problem for each rule that {@code databaseUrl}, {@code redisUrl} and the TLS break. */
  static void check(TransitSecurity transit, String databaseUrl, String redisUrl,
      List<String> problems) {
    if (transit.profile() != TransitSecurity.Profile.PRODUCTION) {
      return;
    }
    String prefix = "SWITCHBOARD_PROFILE=production: ";
    if (databaseUrl == null) {
      problems.add(prefix + "set SWITCHBOARD_DATABASE_URL to a PostgreSQL reached over TLS"
          + " (sslmode=verify-full); the embedded PostgreSQL is for development");
    } else if (!"verify-full".equals(parameter(databaseUrl, "sslmode"))) {
      problems.add(prefix + "SWITCHBOARD_DATABASE_URL must carry sslmode=verify-full (TLS with"
          + " the server's certificate and host name verified; sslrootcert names the CA file),"
          + " found sslmode=" + parameter(databaseUrl, "sslmode"));
    }
    if (redisUrl == null) {
      problems.add(prefix + "set SWITCHBOARD_REDIS_URL to a rediss:// URL; the embedded Redis is"
          + " for development");
    } else if (!redisUrl.toLowerCase(Locale.ROOT).startsWith("rediss://")) {
      problems.add(prefix + "SWITCHBOARD_REDIS_URL must start with rediss:// (Redis over TLS)");
    } else {
      SslVerifyMode mode = redisVerifyMode(redisUrl, problems);
      if (mode != null && mode != SslVerifyMode.FULL) {
        problems.add(prefix + "SWITCHBOARD_REDIS_URL has verifyPeer=" + mode
            + "; production verifies Redis's certificate and host name (leave verifyPeer out)");
      }
    }
    if (!transit.tlsEnabled() && !transit.offloaded()) {
      problems.add(prefix + "serve TLS on the node (SWITCHBOARD_TLS_CERT and SWITCHBOARD_TLS_KEY)"
          + ", or set SWITCHBOARD_TLS_OFFLOADED=true when a load balancer terminates TLS");
    }
  }

  private static SslVerifyMode redisVerifyMode(String redisUrl, List<String> problems) {
    try {
      return RedisURI.create(redisUrl).getVerifyMode();
    } catch (IllegalArgumentException e) {
      problems.add("SWITCHBOARD_REDIS_URL cannot be read: " + e.getMessage());
      return null;
    }
  }

  /** The last value of a query parameter of a JDBC URL (names compared without case), or null. */
  static String parameter(String jdbcUrl, String name) {
    int query = jdbcUrl.indexOf('?');
    if (query < 0) {
      return null;
    }
    return Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
        .map(pair -> pair.split("=", 2))
        .filter(pair -> pair.length == 2 && pair[0].equalsIgnoreCase(name))
        .map(pair -> pair[1]).reduce((first, second) -> second).orElse(null);
  }
}
