package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @Test
  void defaultsMeanEmbeddedServicesOnPort8080() {
    ServerConfig config = ConfigLoader.load(Map.of());
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.embeddedDatabase()).isTrue();
    assertThat(config.embeddedRedis()).isTrue();
    assertThat(config.dataDir()).isAbsolute();
    assertThat(config.embeddedPostgresPort()).isZero();
    assertThat(config.embeddedRedisPort()).isZero();
  }

  @Test
  void connectionLimitsHaveExplicitDefaultsAndCanBeSet() {
    ServerConfig defaults = ConfigLoader.load(Map.of());
    assertThat(defaults.idleTimeout()).hasSeconds(60);
    assertThat(defaults.pingInterval()).hasSeconds(30);
    assertThat(defaults.handshakeTimeout()).hasSeconds(10);
    assertThat(defaults.writeBufferHighWaterBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(defaults.databaseConnectionTimeout()).hasMillis(5000);
    assertThat(defaults.databaseSocketTimeout()).hasSeconds(30);
    assertThat(defaults.redisCommandTimeout()).hasMillis(5000);
    assertThat(defaults.claimTimeout()).hasSeconds(30);
    ServerConfig set = ConfigLoader.load(Map.of(
        "SWITCHBOARD_IDLE_TIMEOUT_SECONDS", "3", "SWITCHBOARD_PING_INTERVAL_SECONDS", "1",
        "SWITCHBOARD_HANDSHAKE_TIMEOUT_SECONDS", "2",
        "SWITCHBOARD_WRITE_BUFFER_HIGH_WATER_BYTES", "65536",
        "SWITCHBOARD_DB_CONNECTION_TIMEOUT_MS", "250", "SWITCHBOARD_DB_SOCKET_TIMEOUT_SECONDS", "1",
        "SWITCHBOARD_REDIS_COMMAND_TIMEOUT_MS", "500",
        "SWITCHBOARD_ROUTING_CLAIM_TIMEOUT_SECONDS", "2"));
    assertThat(set.idleTimeout()).hasSeconds(3);
    assertThat(set.pingInterval()).hasSeconds(1);
    assertThat(set.handshakeTimeout()).hasSeconds(2);
    assertThat(set.writeBufferHighWaterBytes()).isEqualTo(65536);
    assertThat(set.databaseConnectionTimeout()).hasMillis(250);
    assertThat(set.databaseSocketTimeout()).hasSeconds(1);
    assertThat(set.redisCommandTimeout()).hasMillis(500);
    assertThat(set.claimTimeout()).hasSeconds(2);
  }

  @Test
  void theScriptsOwnVariablesAreNotRefused() {
    // A node started by scripts/bench.sh or scripts/test.sh inherits their variables.
    ServerConfig config = ConfigLoader.load(Map.of(
        "SWITCHBOARD_PEER_DIR", "../shared/peers/ws-relay",
        "SWITCHBOARD_BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1/bench",
        "SWITCHBOARD_BENCH_REDIS_URL", "redis://127.0.0.1:6379",
        "SWITCHBOARD_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1/test",
        "SWITCHBOARD_CHROMIUM", "/usr/bin/chromium",
        "SWITCHBOARD_SKIP_BUILD", "1",
        "SWITCHBOARD_JAVA_OPTS", "-Xmx1g"));
    assertThat(config.port()).isEqualTo(8080);
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_PEER_DIRS", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_PEER_DIRS is not a Switchboard setting");
  }

  @Test
  void aPingIntervalNotShorterThanTheIdleTimeoutIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_IDLE_TIMEOUT_SECONDS", "20", "SWITCHBOARD_PING_INTERVAL_SECONDS", "20",
        "SWITCHBOARD_HANDSHAKE_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_PING_INTERVAL_SECONDS=20 must be shorter than"
            + " SWITCHBOARD_IDLE_TIMEOUT_SECONDS=20")
        .hasMessageContaining("SWITCHBOARD_HANDSHAKE_TIMEOUT_SECONDS=0 must be between 1 and 300");
  }

  @Test
  void embeddedServerPortsCanBeFixed() {
    ServerConfig config = ConfigLoader.load(Map.of(
        "SWITCHBOARD_EMBEDDED_POSTGRES_PORT", "19080",
        "SWITCHBOARD_EMBEDDED_REDIS_PORT", " 19081 "));
    assertThat(config.embeddedPostgresPort()).isEqualTo(19080);
    assertThat(config.embeddedRedisPort()).isEqualTo(19081);
    ServerConfig free = ConfigLoader.load(Map.of(
        "SWITCHBOARD_EMBEDDED_POSTGRES_PORT", "0", "SWITCHBOARD_EMBEDDED_REDIS_PORT", ""));
    assertThat(free.embeddedPostgresPort()).isZero();
    assertThat(free.embeddedRedisPort()).isZero();
  }

  @Test
  void embeddedServerPortsAreKeptAfterTheStoresAreKnown() {
    ServerConfig config = ConfigLoader.load(Map.of(
        "SWITCHBOARD_EMBEDDED_POSTGRES_PORT", "19080", "SWITCHBOARD_EMBEDDED_REDIS_PORT", "19081"))
        .withStores("jdbc:postgresql://127.0.0.1:19080/postgres", "redis://127.0.0.1:19081")
        .withPort(0);
    assertThat(config.embeddedPostgresPort()).isEqualTo(19080);
    assertThat(config.embeddedRedisPort()).isEqualTo(19081);
  }

  @Test
  void wrongEmbeddedServerPortsAreReportedByName() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_EMBEDDED_POSTGRES_PORT", "65536",
        "SWITCHBOARD_EMBEDDED_REDIS_PORT", "six")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_EMBEDDED_POSTGRES_PORT=65536 must be a port between 1"
            + " and 65535, or 0 for any free port")
        .hasMessageContaining("SWITCHBOARD_EMBEDDED_REDIS_PORT=six is not a port");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_EMBEDDED_REDIS_PORT", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_EMBEDDED_REDIS_PORT=-1 must be a port between 1");
  }

  @Test
  void embeddedServerPortsMustNotCollide() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_EMBEDDED_POSTGRES_PORT", "19080",
        "SWITCHBOARD_EMBEDDED_REDIS_PORT", "19080")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_EMBEDDED_POSTGRES_PORT and SWITCHBOARD_EMBEDDED_REDIS_PORT"
            + " are both 19080");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_PORT", "9000", "SWITCHBOARD_EMBEDDED_REDIS_PORT", "9000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_EMBEDDED_REDIS_PORT=9000 is also SWITCHBOARD_PORT");
  }

  @Test
  void embeddedServerPortsCanComeFromTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("switchboard.properties");
    Files.writeString(file, "SWITCHBOARD_EMBEDDED_POSTGRES_PORT=19180\n");
    ServerConfig config = ConfigLoader.load(Map.of("SWITCHBOARD_CONFIG_FILE", file.toString()));
    assertThat(config.embeddedPostgresPort()).isEqualTo(19180);
  }

  @Test
  void everyWrongValueIsReportedAtOnceByName() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_PORT", "eighty",
        "SWITCHBOARD_REDIS_URL", "localhost:6379",
        "SWITCHBOARD_DATABASE_URL", "mysql://x",
        "SWITCHBOARD_PRESENCE_TTL_SECONDS", "1",
        "SWITCHBOARD_PROT", "9000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_PORT=eighty is not a whole number")
        .hasMessageContaining("SWITCHBOARD_REDIS_URL must start with redis://")
        .hasMessageContaining("SWITCHBOARD_DATABASE_URL must start with jdbc:postgresql://")
        .hasMessageContaining("SWITCHBOARD_PRESENCE_TTL_SECONDS=1 must be between 2 and 3600")
        .hasMessageContaining("SWITCHBOARD_PROT is not a Switchboard setting");
  }

  @Test
  void postgresUrlBecomesJdbc() {
    ServerConfig config = ConfigLoader.load(Map.of(
        "SWITCHBOARD_DATABASE_URL", "postgres://sb:secret@db.example:5433/switchboard"));
    assertThat(config.databaseUrl())
        .isEqualTo("jdbc:postgresql://db.example:5433/switchboard?user=sb&password=secret");
  }

  @Test
  void aReplicaUrlIsReadLikeTheDatabaseUrlAndNeedsOne() {
    assertThat(ConfigLoader.load(Map.of()).databaseReplicaUrl()).isNull();
    ServerConfig config = ConfigLoader.load(Map.of(
        "SWITCHBOARD_DATABASE_URL", "jdbc:postgresql://db.example/switchboard",
        "SWITCHBOARD_DATABASE_REPLICA_URL", "postgres://reader@replica.example/switchboard"));
    assertThat(config.databaseReplicaUrl())
        .isEqualTo("jdbc:postgresql://replica.example/switchboard?user=reader");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_DATABASE_REPLICA_URL", "jdbc:postgresql://replica.example/switchboard")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_DATABASE_REPLICA_URL needs SWITCHBOARD_DATABASE_URL");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_DATABASE_URL", "jdbc:postgresql://db.example/switchboard",
        "SWITCHBOARD_DATABASE_REPLICA_URL", "mysql://replica.example/switchboard")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_DATABASE_REPLICA_URL must start with jdbc:postgresql://");
  }

  @Test
  void fileSettingsApplyAndEnvironmentWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("switchboard.properties");
    Files.writeString(file, "SWITCHBOARD_PORT=9100\nSWITCHBOARD_NODE_ID=from-file\n");
    ServerConfig config = ConfigLoader.load(Map.of(
        "SWITCHBOARD_CONFIG_FILE", file.toString(), "SWITCHBOARD_PORT", "9200"));
    assertThat(config.port()).isEqualTo(9200);
    assertThat(config.nodeId()).isEqualTo("from-file");
  }

  @Test
  void unreadableFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(
        "SWITCHBOARD_CONFIG_FILE", dir.resolve("missing.properties").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be read");
  }
}
