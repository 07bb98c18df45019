package io.switchboard.server.report.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The index's id map answers what a {@code HashMap} answers through 200,000 random puts,
 * replacements and removals (growing many times, removals shifting runs back), including ids
 * built to collide in their home place.
 */
class IdSlotsTest {
  @Test
  void answersWhatAHashMapAnswers() {
    Random random = new Random(5);
    IdSlots slots = new IdSlots();
    Map<UUID, Integer> truth = new HashMap<>();
    List<UUID> known = new ArrayList<>();
    for (int step = 0; step < 200_000; step++) {
      int choice = random.nextInt(10);
      if (choice < 5 || known.isEmpty()) {
        // Few distinct high halves: many ids share their first long.
        UUID id = new UUID(random.nextInt(4), random.nextLong());
        slots.put(id, step);
        truth.put(id, step);
        known.add(id);
      } else if (choice < 8) {
        UUID id = known.get(random.nextInt(known.size()));
        assertThat(slots.remove(id)).isEqualTo(truth.containsKey(id) ? truth.remove(id) : -1);
      } else {
        UUID id = random.nextInt(4) == 0 ? UUID.randomUUID()
            : known.get(random.nextInt(known.size()));
        assertThat(slots.get(id)).isEqualTo(truth.getOrDefault(id, -1));
      }
    }
    for (UUID id : known) {
      assertThat(slots.get(id)).isEqualTo(truth.getOrDefault(id, -1));
    }
  }
}
