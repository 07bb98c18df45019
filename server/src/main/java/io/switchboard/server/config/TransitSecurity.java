package io.switchboard.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Encryption in transit: the node's own TLS certificate and key (PEM files, reloaded when they
 * change), whether a load balancer terminates TLS in front of the node instead, the CA that signs
 * Redis's certificate, and the deployment profile whose {@code production} value refuses any
 * connection that is not encrypted and verified (see {@link ProductionProfile}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param profile {@code development} (the default) or {@code production}
 * @param certificate the certificate chain served on the node's port (PEM, leaf first), or null
 *     for plain HTTP and WebSocket
 * @param privateKey the certificate's private key (PEM, PKCS#8), or null
 * @param reloadInterval how often the node checks whether the two files changed
 * @param hstsMaxAge the {@code max-age} of the {@code Strict-Transport-Security} header sent on
 *     responses over TLS (zero sends none)
 * @param offloaded true when a load balancer in front of the node terminates TLS
 * @param redisCaFile PEM certificates trusted for a {@code rediss://} Redis, or null for the JVM's
 *     default trust store
 */
public record TransitSecurity(Profile profile, Path certificate, Path privateKey,
    Duration reloadInterval, Duration hstsMaxAge, boolean offloaded, Path redisCaFile) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_PROFILE", "SWITCHBOARD_TLS_CERT",
      "SWITCHBOARD_TLS_KEY", "SWITCHBOARD_TLS_RELOAD_SECONDS", "SWITCHBOARD_HSTS_MAX_AGE_SECONDS",
      "SWITCHBOARD_TLS_OFFLOADED", "SWITCHBOARD_REDIS_CA_FILE");

  /** How strictly the node treats unencrypted connections. */
  public enum Profile {
    /** Anything goes: plain HTTP, embedded stores, unverified connections. */
    DEVELOPMENT,
    /** Every connection encrypted and its peer verified, or the node refuses to start. */
    PRODUCTION
  }

  /** Whether the node itself serves HTTPS and WSS. */
  public boolean tlsEnabled() {
    return certificate != null;
  }

  /** No TLS, development profile (tests and tools that build settings by hand). */
  public static TransitSecurity plain() {
    return new TransitSecurity(Profile.DEVELOPMENT, null, null, Duration.ofSeconds(60),
        Duration.ofDays(365), false, null);
  }

  static TransitSecurity load(Settings s) {
    String profileName = s.text("SWITCHBOARD_PROFILE", "development").toLowerCase(Locale.ROOT);
    Profile profile = switch (profileName) {
      case "development" -> Profile.DEVELOPMENT;
      case "production" -> Profile.PRODUCTION;
      default -> {
        s.problems().add("SWITCHBOARD_PROFILE=" + profileName
            + " must be development or production");
        yield Profile.DEVELOPMENT;
      }
    };
    Path certificate = readableFile(s, "SWITCHBOARD_TLS_CERT");
    Path privateKey = readableFile(s, "SWITCHBOARD_TLS_KEY");
    boolean certificateSet = s.text("SWITCHBOARD_TLS_CERT", null) != null;
    boolean keySet = s.text("SWITCHBOARD_TLS_KEY", null) != null;
    if (certificateSet && keySet && usable(certificate) && usable(privateKey)) {
      try {
        PemCredentials.read(certificate, privateKey);
      } catch (PemCredentials.PemException e) {
        s.problems().add("SWITCHBOARD_TLS_CERT/SWITCHBOARD_TLS_KEY: " + e.getMessage());
      }
    }
    if (certificateSet != keySet) {
      s.problems().add("SWITCHBOARD_TLS_CERT and SWITCHBOARD_TLS_KEY go together: set both PEM"
          + " files for HTTPS and WSS, or neither for plain HTTP");
    }
    return new TransitSecurity(profile, certificateSet && keySet ? certificate : null,
        certificateSet && keySet ? privateKey : null,
        Duration.ofSeconds(s.integer("SWITCHBOARD_TLS_RELOAD_SECONDS", 60, 1, 86_400)),
        Duration.ofSeconds(s.integer("SWITCHBOARD_HSTS_MAX_AGE_SECONDS", 31_536_000, 0,
            63_072_000)),
        s.bool("SWITCHBOARD_TLS_OFFLOADED", false), readableFile(s, "SWITCHBOARD_REDIS_CA_FILE"));
  }

  private static boolean usable(Path file) {
    return Files.isRegularFile(file) && Files.isReadable(file);
  }

  /** The file a setting names, or null when unset; a problem naming it when it cannot be read. */
  private static Path readableFile(Settings s, String key) {
    String value = s.text(key, null);
    if (value == null) {
      return null;
    }
    Path file = Path.of(value).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      s.problems().add(key + "=" + value + ": no such file");
    } else if (!Files.isReadable(file)) {
      s.problems().add(key + "=" + value + ": the file is not readable by this process");
    }
    return file;
  }
}
