package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.testing.TestCertificates;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS settings and the production profile: files that cannot be used are named at start-up,
 * and {@code SWITCHBOARD_PROFILE=production} refuses every connection that is not encrypted and
 * verified.
 */
class TransitSecurityTest {
  private static final String VERIFIED_DATABASE =
      "jdbc:postgresql://db.example.com:5432/switchboard?user=sb&sslmode=verify-full"
          + "&sslrootcert=/etc/switchboard/ca.pem";
  private static final String VERIFIED_REDIS = "rediss://redis.example.com:6380";

  @TempDir
  static Path files;
  private static TestCertificates authority;
  private static Path certificate;
  private static Path key;

  @BeforeAll
  static void writeCertificates() {
    authority = TestCertificates.authority("Config Test CA");
    certificate = files.resolve("server.crt");
    key = files.resolve("server.key");
    TestCertificates.write(authority.issue(BigInteger.TEN), certificate, key);
  }

  private static Map<String, String> tls() {
    return Map.of("SWITCHBOARD_TLS_CERT", certificate.toString(),
        "SWITCHBOARD_TLS_KEY", key.toString());
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> all = new HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      all.put(pairs[i], pairs[i + 1]);
    }
    return all;
  }

  @Test
  void noCertificateMeansPlainHttpInDevelopment() {
    TransitSecurity transit = ConfigLoader.load(Map.of()).security().transit();
    assertThat(transit.tlsEnabled()).isFalse();
    assertThat(transit.profile()).isEqualTo(TransitSecurity.Profile.DEVELOPMENT);
    assertThat(transit.reloadInterval()).hasSeconds(60);
    assertThat(transit.hstsMaxAge()).hasDays(365);
  }

  @Test
  void aGoodPairTurnsTlsOn() {
    TransitSecurity transit = ConfigLoader.load(with(tls(), "SWITCHBOARD_TLS_RELOAD_SECONDS", "5"))
        .security().transit();
    assertThat(transit.tlsEnabled()).isTrue();
    assertThat(transit.certificate()).isEqualTo(certificate.toAbsolutePath());
    assertThat(transit.reloadInterval()).hasSeconds(5);
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = files.resolve("missing.crt");
    assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_TLS_CERT",
        missing.toString())))
        .hasMessageContaining("SWITCHBOARD_TLS_CERT=" + missing + ": no such file");
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_TLS_CERT",
        certificate.toString())))
        .hasMessageContaining("SWITCHBOARD_TLS_CERT and SWITCHBOARD_TLS_KEY go together");
  }

  @Test
  void aFileThatIsNotPemIsNamed() throws Exception {
    Path garbage = Files.writeString(files.resolve("garbage.crt"), "hello\n");
    assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_TLS_CERT",
        garbage.toString())))
        .hasMessageContaining(garbage.toString()).hasMessageContaining("certificate");
    Path noKey = Files.writeString(files.resolve("no.key"), "hello\n");
    assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_TLS_KEY",
        noKey.toString())))
        .hasMessageContaining(noKey + " holds no private key");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    Path otherCertificate = files.resolve("other.crt");
    Path otherKey = files.resolve("other.key");
    TestCertificates.write(authority.issue(BigInteger.TWO), otherCertificate, otherKey);
    assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_TLS_KEY",
        otherKey.toString())))
        .hasMessageContaining(otherKey + " is not the private key of the certificate in "
            + certificate);
  }

  @Test
  void aTraditionalKeyFormatGetsTheConversionCommand() throws Exception {
    Path traditional = Files.writeString(files.resolve("traditional.key"),
        Files.readString(key).replace("PRIVATE KEY", "EC PRIVATE KEY"));
    assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_TLS_KEY",
        traditional.toString())))
        .hasMessageContaining("holds a EC private key")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void productionRefusesTheEmbeddedStoresAndPlainHttp() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_PROFILE", "production")))
        .hasMessageContaining("set SWITCHBOARD_DATABASE_URL to a PostgreSQL reached over TLS")
        .hasMessageContaining("set SWITCHBOARD_REDIS_URL to a rediss:// URL")
        .hasMessageContaining("serve TLS on the node (SWITCHBOARD_TLS_CERT");
  }

  @Test
  void productionRefusesPostgresqlWithoutVerifyFull() {
    for (String url : new String[] {"jdbc:postgresql://db/sb?user=sb",
        "jdbc:postgresql://db/sb?user=sb&sslmode=require",
        "jdbc:postgresql://db/sb?sslmode=verify-ca", "postgres://sb:pw@db/sb?sslmode=prefer"}) {
      assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_PROFILE", "production",
          "SWITCHBOARD_DATABASE_URL", url, "SWITCHBOARD_REDIS_URL", VERIFIED_REDIS)))
          .as(url).hasMessageContaining("SWITCHBOARD_DATABASE_URL must carry sslmode=verify-full")
          .hasMessageNotContaining("SWITCHBOARD_REDIS_URL");
    }
  }

  @Test
  void productionRefusesAReplicaWithoutVerifyFull() {
    assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_PROFILE", "production",
        "SWITCHBOARD_DATABASE_URL", VERIFIED_DATABASE, "SWITCHBOARD_REDIS_URL", VERIFIED_REDIS,
        "SWITCHBOARD_DATABASE_REPLICA_URL", "jdbc:postgresql://replica/sb?sslmode=require")))
        .hasMessageContaining("SWITCHBOARD_DATABASE_REPLICA_URL must carry sslmode=verify-full")
        .hasMessageNotContaining("SWITCHBOARD_DATABASE_URL must");
    ServerConfig config = ConfigLoader.load(with(tls(), "SWITCHBOARD_PROFILE", "production",
        "SWITCHBOARD_DATABASE_URL", VERIFIED_DATABASE, "SWITCHBOARD_REDIS_URL", VERIFIED_REDIS,
        "SWITCHBOARD_DATABASE_REPLICA_URL", VERIFIED_DATABASE.replace("//db", "//replica")));
    assertThat(config.databaseReplicaUrl()).contains("sslmode=verify-full");
  }

  @Test
  void productionRefusesRedisWithoutTlsOrVerification() {
    for (String url : new String[] {"redis://redis.example.com:6379",
        "redis-sentinel://s1:26379/0#mymaster"}) {
      assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_PROFILE", "production",
          "SWITCHBOARD_DATABASE_URL", VERIFIED_DATABASE, "SWITCHBOARD_REDIS_URL", url)))
          .as(url).hasMessageContaining("SWITCHBOARD_REDIS_URL must start with rediss://");
    }
    for (String mode : new String[] {"NONE", "CA"}) {
      assertThatThrownBy(() -> ConfigLoader.load(with(tls(), "SWITCHBOARD_PROFILE", "production",
          "SWITCHBOARD_DATABASE_URL", VERIFIED_DATABASE,
          "SWITCHBOARD_REDIS_URL", VERIFIED_REDIS + "?verifyPeer=" + mode)))
          .as(mode).hasMessageContaining("SWITCHBOARD_REDIS_URL has verifyPeer=" + mode);
    }
  }

  @Test
  void productionAcceptsVerifiedStoresWithTlsOnTheNodeOrAtALoadBalancer() {
    ServerConfig own = ConfigLoader.load(with(tls(), "SWITCHBOARD_PROFILE", "production",
        "SWITCHBOARD_DATABASE_URL", VERIFIED_DATABASE, "SWITCHBOARD_REDIS_URL", VERIFIED_REDIS));
    assertThat(own.security().transit().profile())
        .isEqualTo(TransitSecurity.Profile.PRODUCTION);
    ServerConfig offloaded = ConfigLoader.load(Map.of("SWITCHBOARD_PROFILE", "production",
        "SWITCHBOARD_DATABASE_URL", VERIFIED_DATABASE, "SWITCHBOARD_REDIS_URL", VERIFIED_REDIS,
        "SWITCHBOARD_TLS_OFFLOADED", "true"));
    assertThat(offloaded.security().transit().tlsEnabled()).isFalse();
    assertThat(offloaded.security().transit().offloaded()).isTrue();
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_PROFILE", "production",
        "SWITCHBOARD_DATABASE_URL", VERIFIED_DATABASE, "SWITCHBOARD_REDIS_URL", VERIFIED_REDIS)))
        .hasMessageContaining("or set SWITCHBOARD_TLS_OFFLOADED=true when a load balancer");
  }

  @Test
  void anUnknownProfileIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_PROFILE", "prod")))
        .hasMessageContaining("SWITCHBOARD_PROFILE=prod must be development or production");
  }
}
