package io.switchboard.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.store.webhook.Webhook;
import io.switchboard.server.store.webhook.WebhookDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' feeders and dispatchers on one database while chats are being written and the
 * receiver fails a quarter of its requests: every event is delivered at least once, none is
 * missing, and no event of a chat is sent before the ones before it were accepted.
 */
class WebhookTwoNodeTest {
  @Test
  void twoNodesDeliverEveryEventOnceOrMoreWithNoGapsAndInOrder() throws Exception {
    try (Outbox box = new Outbox(); Receiver receiver = new Receiver()) {
      // (Slow and hanging receivers have their own tests in WebhookDeliveryTest.)
      receiver.answer(request -> ThreadLocalRandom.current().nextInt(4) == 0 ? 500 : 200);
      Webhook hook = box.hook(receiver.url(), List.of("conversation.started",
          "conversation.assigned", "message.created", "conversation.closed"));
      for (int node = 0; node < 2; node++) {
        box.feeder().start(Duration.ofMillis(100));
        box.dispatcher(Duration.ofSeconds(5)).start(Duration.ofMillis(50));
      }
      // Two minutes of the test clock every 50 ms, so retries fall due.
      ScheduledExecutorService time = Executors.newSingleThreadScheduledExecutor();
      time.scheduleAtFixedRate(() -> box.advance(Duration.ofMinutes(2)), 0, 50,
          TimeUnit.MILLISECONDS);
      List<UUID> chats = new ArrayList<>();
      ExecutorService writers = Executors.newFixedThreadPool(3);
      try {
        List<Future<UUID>> written = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          written.add(writers.submit(() -> box.chat(5)));
        }
        for (Future<UUID> chat : written) {
          chats.add(chat.get());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          List<WebhookDelivery> rows = box.rows(hook.id());
          return rows.size() == 12 * 8
              && rows.stream().allMatch(d -> d.status().equals("delivered"));
        });
      } finally {
        time.shutdownNow();
        writers.shutdownNow();
      }
      Set<String> expected = box.rows(hook.id()).stream().map(WebhookDelivery::eventId)
          .collect(Collectors.toSet());
      Set<String> accepted = receiver.accepted().stream().map(Receiver.Request::eventId)
          .collect(Collectors.toSet());
      assertThat(accepted).isEqualTo(expected);
      assertThat(receiver.requests().size()).isGreaterThan(expected.size());
      for (UUID chat : chats) {
        WebhookDeliveryTest.assertNoEventBeforeItsPredecessorSucceeded(box, hook.id(), receiver,
            chat);
      }
    }
  }
}
