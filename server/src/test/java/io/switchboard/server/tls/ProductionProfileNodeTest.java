package io.switchboard.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.testing.TestCertificates;
import io.switchboard.server.testing.TestNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * A node in the production profile, every connection encrypted and verified against a
 * certificate authority made here: PostgreSQL with {@code ssl=on} reached with
 * {@code sslmode=verify-full}, Redis listening only on its TLS port reached with
 * {@code rediss://}, and the node's own port on HTTPS.
 */
class ProductionProfileNodeTest {
  @TempDir
  static Path files;
  private static TestCertificates authority;
  private static Path authorityFile;
  private static EmbeddedPostgres postgres;
  private static RedisServer redis;
  private static int redisTlsPort;

  @BeforeAll
  static void startStores() throws Exception {
    authority = TestCertificates.authority("Stores Test CA");
    authorityFile = authority.writeAuthority(files.resolve("ca.pem"));
    Path storeCertificate = files.resolve("store.crt");
    Path storeKey = files.resolve("store.key");
    TestCertificates.write(authority.issue(BigInteger.valueOf(500)), storeCertificate, storeKey);
    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(files.resolve("pg"))
        .setCleanDataDirectory(true)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", storeCertificate.toString())
        .setServerConfig("ssl_key_file", storeKey.toString())
        .setServerConfig("ssl_min_protocol_version", "TLSv1.2")
        .start();
    redisTlsPort = freePort();
    // Port 0: no plain TCP listener at all, only TLS.
    redis = RedisServer.newRedisServer().port(0)
        .setting("bind 127.0.0.1")
        .setting("tls-port " + redisTlsPort)
        .setting("tls-cert-file " + storeCertificate)
        .setting("tls-key-file " + storeKey)
        .setting("tls-ca-cert-file " + authorityFile)
        .setting("tls-auth-clients no")
        .setting("save \"\"")
        .setting("dir " + files)
        .build();
    redis.start();
  }

  @AfterAll
  static void stopStores() throws Exception {
    if (redis != null) {
      redis.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static String verifiedDatabaseUrl(Path rootCertificate) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres"
        + "&sslmode=verify-full&sslrootcert=" + rootCertificate;
  }

  @Test
  void aProductionNodeRunsOnVerifiedTlsEverywhere() throws Exception {
    Path nodeCertificate = files.resolve("node.crt");
    Path nodeKey = files.resolve("node.key");
    TestCertificates.write(authority.issue(BigInteger.valueOf(501)), nodeCertificate, nodeKey);
    try (TestNode node = TestNode.start(Map.of("SWITCHBOARD_PROFILE", "production",
        "SWITCHBOARD_DATABASE_URL", verifiedDatabaseUrl(authorityFile),
        "SWITCHBOARD_REDIS_URL", "rediss://localhost:" + redisTlsPort,
        "SWITCHBOARD_REDIS_CA_FILE", authorityFile.toString(),
        "SWITCHBOARD_TLS_CERT", nodeCertificate.toString(),
        "SWITCHBOARD_TLS_KEY", nodeKey.toString()));
        HttpClient client = HttpClient.newBuilder()
            .sslContext(authority.trustingContext()).build()) {
      Boolean ssl = node.node().database().jdbi().withHandle(handle -> handle
          .createQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
          .mapTo(Boolean.class).one());
      assertThat(ssl).as("the node's PostgreSQL connection is encrypted").isTrue();
      assertThat(node.node().redis().async().ping().get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + node.port() + "/readyz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"database\":\"ok\"").contains("\"redis\":\"ok\"");
    }
  }

  @Test
  void verifyFullRefusesAServerCertificateFromAnotherAuthority() {
    Path otherAuthority = TestCertificates.authority("Someone Else's CA")
        .writeAuthority(files.resolve("other-ca.pem"));
    assertThatThrownBy(() -> {
      try (Connection connection = DriverManager.getConnection(
          verifiedDatabaseUrl(otherAuthority))) {
        connection.isValid(1);
      }
    }).hasMessageContaining("SSL");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
