package io.switchboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class TestServicesTest {
  @Test
  void postgresAndRedisAnswer() throws Exception {
    try (var connection = DriverManager.getConnection(TestServices.jdbcUrl());
        var rs = connection.createStatement().executeQuery("select 41 + 1")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
    RedisClient client = RedisClient.create(TestServices.redisUrl());
    try (var connection = client.connect()) {
      assertThat(connection.sync().ping()).isEqualTo("PONG");
    } finally {
      client.shutdown();
    }
  }
}
