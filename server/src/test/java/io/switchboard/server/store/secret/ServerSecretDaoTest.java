package io.switchboard.server.store.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.StoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ServerSecretDaoTest {
  private final ServerSecretDao secrets = new ServerSecretDao(StoreFixture.database().jdbi());

  @Test
  void theFirstSecretStaysTheSecret() {
    String name = "visitor-token-key-" + UUID.randomUUID();
    byte[] first = secrets.getOrCreate(name, 32);
    assertThat(first).hasSize(32);
    assertThat(secrets.getOrCreate(name, 32)).isEqualTo(first);
    assertThat(secrets.getOrCreate("other-" + UUID.randomUUID(), 32)).isNotEqualTo(first);
  }

  @Test
  void nodesRacingForOneSecretAllGetTheSameOne() throws Exception {
    String name = "race-" + UUID.randomUUID();
    List<Future<byte[]>> results = new ArrayList<>();
    try (ExecutorService nodes = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 16; i++) {
        results.add(nodes.submit(() -> secrets.getOrCreate(name, 32)));
      }
    }
    byte[] winner = results.getFirst().get();
    for (Future<byte[]> result : results) {
      assertThat(result.get()).isEqualTo(winner);
    }
  }
}
