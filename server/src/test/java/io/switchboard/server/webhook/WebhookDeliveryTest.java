package io.switchboard.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.store.webhook.Webhook;
import io.switchboard.server.store.webhook.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery against a real HTTP receiver that fails on purpose: events of a chat arrive
 * in order although attempts fail, signed and with their event id; failed attempts are retried
 * with exponential back-off as the clock moves and the delivery fails after 24 hours; replay
 * delivers it; a receiver that hangs only holds its own endpoint.
 */
class WebhookDeliveryTest {
  private static final List<String> CHAT_EVENTS = List.of("conversation.started",
      "conversation.assigned", "message.created", "conversation.closed");

  @Test
  void eventsOfAChatArriveSignedAndInOrderThroughFailures() throws Exception {
    try (Outbox box = new Outbox(); Receiver receiver = new Receiver()) {
      Webhook hook = box.hook(receiver.url(), CHAT_EVENTS);
      AtomicInteger calls = new AtomicInteger();
      // Every third request fails: a 500, a 503, or a 404.
      receiver.answer(request -> switch (calls.incrementAndGet() % 3) {
        case 0 -> 500 + (calls.get() % 2) * 3;
        default -> 200;
      });
      UUID first = box.chat(4);
      UUID second = box.chat(3);
      assertThat(box.feeder().runOnce().inserted()).isEqualTo(2 * 3 + 4 + 3);
      assertThat(box.feeder().runOnce().inserted()).as("a pass again inserts nothing").isZero();
      WebhookDispatcher dispatcher = box.dispatcher(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        dispatcher.runOnce();
        box.advance(RetrySchedule.LONGEST_DELAY);
        return box.rows(hook.id()).stream().allMatch(d -> d.status().equals("delivered"));
      });
      assertThat(receiver.requests().size()).isGreaterThan(receiver.accepted().size());
      for (UUID chat : List.of(first, second)) {
        List<String> types = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (Receiver.Request request : firstAccepted(receiver, chat)) {
          types.add(request.eventType());
          JsonNode data = request.json().get("data");
          if (request.eventType().equals("message.created")) {
            seqs.add(data.get("seq").asLong());
          }
        }
        assertThat(types.getFirst()).isEqualTo("conversation.started");
        assertThat(types.get(1)).isEqualTo("conversation.assigned");
        assertThat(types.getLast()).isEqualTo("conversation.closed");
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertNoEventBeforeItsPredecessorSucceeded(box, hook.id(), receiver, chat);
      }
      for (Receiver.Request request : receiver.requests()) {
        assertThat(WebhookSignature.verify(hook.secret(), request.signature(), request.body()))
            .isTrue();
        assertThat(WebhookSignature.verify("whsec_other", request.signature(), request.body()))
            .isFalse();
        assertThat(request.json().get("id").asText()).isEqualTo(request.eventId());
        assertThat(request.json().get("siteId").asText()).isEqualTo(box.fixture.siteId);
      }
      UUID contact = UUID.fromString(box.rows(hook.id()).getFirst().payload()
          .replaceAll(".*\"contactId\": ?\"([0-9a-f-]{36})\".*", "$1"));
      long named = box.rows(hook.id()).stream()
          .filter(d -> d.payload().contains(contact.toString())).count();
      assertThat(named).isEqualTo(7);
      assertThat(box.outbox.forgetContact(contact)).as("rows of the erased contact")
          .isEqualTo(named);
      assertThat(box.rows(hook.id())).noneMatch(d -> d.payload().contains(contact.toString()))
          .hasSizeGreaterThan(0);
    }
  }

  @Test
  void failedAttemptsBackOffExponentiallyAndFailAfter24Hours() throws Exception {
    try (Outbox box = new Outbox(); Receiver receiver = new Receiver()) {
      Webhook hook = box.hook(receiver.url(), List.of("conversation.started"));
      receiver.answer(request -> 500);
      long backlog = box.outbox.backlog();
      box.fixture.newConversation();
      box.feeder().runOnce();
      assertThat(box.outbox.backlog()).isEqualTo(backlog + 1);
      WebhookDispatcher dispatcher = box.dispatcher(Duration.ofSeconds(5));
      Instant windowStart = box.rows(hook.id()).getFirst().windowStart();
      List<Duration> delays = new ArrayList<>();
      WebhookDelivery row = box.rows(hook.id()).getFirst();
      while (row.status().equals("pending")) {
        int attempts = row.attempts();
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
            box.rows(hook.id()).getFirst().attempts() == attempts + 1
                && dispatcher.inFlight() == 0);
        row = box.rows(hook.id()).getFirst();
        assertThat(row.lastStatus()).isEqualTo(500);
        if (row.status().equals("pending")) {
          assertThat(dispatcher.runOnce()).as("nothing is due before the retry").isZero();
          delays.add(Duration.between(box.clock.instant(), row.nextAttemptAt()));
          box.clock.set(row.nextAttemptAt());
        }
      }
      assertThat(row.status()).isEqualTo("failed");
      assertThat(box.outbox.backlog()).as("a failed event is no longer waiting").isEqualTo(backlog);
      assertThat(box.clock.instant()).isEqualTo(windowStart.plus(RetrySchedule.WINDOW));
      assertThat(delays.subList(0, 5)).containsExactly(Duration.ofSeconds(30),
          Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
          Duration.ofSeconds(480));
      assertThat(delays).allMatch(d -> d.compareTo(RetrySchedule.LONGEST_DELAY) <= 0);
      assertThat(row.attempts()).isEqualTo(delays.size() + 1).isEqualTo(receiver.requests()
          .size());
      assertThat(receiver.requests().stream().map(Receiver.Request::eventId).distinct())
          .hasSize(1);

      receiver.answer(request -> 204);
      assertThat(box.service.replay(hook.id(), null)).isEqualTo(1);
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          box.rows(hook.id()).getFirst().status().equals("delivered"));
      assertThat(receiver.accepted()).singleElement().extracting(Receiver.Request::eventId)
          .isEqualTo(row.eventId());
      assertThat(box.service.replay(hook.id(), null)).as("nothing failed any more").isZero();
      assertThat(box.service.replay(hook.id(), row.id())).as("one delivered, sent again")
          .isEqualTo(1);
    }
  }

  @Test
  void aHangingReceiverTimesOutAndHoldsOnlyItsOwnEndpoint() throws Exception {
    try (Outbox box = new Outbox(); Receiver slow = new Receiver();
        Receiver fast = new Receiver()) {
      slow.answer(request -> Receiver.HANG);
      Webhook stuck = box.hook(slow.url(), CHAT_EVENTS);
      Webhook healthy = box.hook(fast.url(), CHAT_EVENTS);
      for (int i = 0; i < 6; i++) {
        box.chat(2);
      }
      box.feeder().runOnce();
      WebhookDispatcher dispatcher = box.dispatcher(Duration.ofSeconds(1));
      dispatcher.start(Duration.ofMillis(50));
      await().atMost(Duration.ofSeconds(20)).until(() -> box.rows(healthy.id()).stream()
          .allMatch(d -> d.status().equals("delivered")));
      assertThat(fast.accepted()).hasSize(6 * 5);
      assertThat(slow.hanging()).as("never more than its slots in flight").isLessThanOrEqualTo(4);
      await().atMost(Duration.ofSeconds(20)).until(() -> box.rows(stuck.id()).stream()
          .filter(d -> d.lastError() != null).count() >= 4);
      assertThat(box.rows(stuck.id())).filteredOn(d -> d.lastError() != null)
          .allSatisfy(d -> {
            assertThat(d.status()).isEqualTo("pending");
            assertThat(d.lastError()).containsIgnoringCase("timed out");
            assertThat(d.nextAttemptAt()).isAfter(box.clock.instant());
          });
      assertThat(box.rows(stuck.id()).stream().map(WebhookDelivery::orderingKey).distinct())
          .hasSize(6);
    }
  }

  /** The first accepted request of each event of the chat, in the order they were accepted. */
  private static List<Receiver.Request> firstAccepted(Receiver receiver, UUID chat) {
    Map<String, Receiver.Request> first = new LinkedHashMap<>();
    for (Receiver.Request request : receiver.accepted()) {
      if (chat.toString().equals(request.json().get("data").path("conversationId").asText())) {
        first.putIfAbsent(request.eventId(), request);
      }
    }
    return List.copyOf(first.values());
  }

  /**
   * The chat's events in the outbox's order are its history (started, assigned, messages by
   * seq, closed), and no request for one of them came before every earlier one was accepted.
   */
  static void assertNoEventBeforeItsPredecessorSucceeded(Outbox box, UUID webhookId,
      Receiver receiver, UUID chat) {
    List<WebhookDelivery> rows = box.rows(webhookId).stream()
        .filter(d -> d.orderingKey().equals("conversation:" + chat)).toList();
    List<String> order = rows.stream().map(WebhookDelivery::eventId).toList();
    List<String> types = rows.stream().map(WebhookDelivery::eventType).distinct().toList();
    assertThat(types).containsExactly("conversation.started", "conversation.assigned",
        "message.created", "conversation.closed");
    assertThat(order.stream().filter(id -> id.startsWith("msg-"))
        .map(id -> Long.parseLong(id.substring(id.lastIndexOf('-') + 1))).toList()).isSorted();
    Set<String> accepted = new HashSet<>();
    for (Receiver.Request request : receiver.requests()) {
      int index = order.indexOf(request.eventId());
      if (index < 0) {
        continue;
      }
      assertThat(accepted).as("sent %s before its predecessors succeeded", request.eventId())
          .containsAll(order.subList(0, index));
      if (request.answered() / 100 == 2) {
        accepted.add(request.eventId());
      }
    }
    assertThat(accepted).containsExactlyInAnyOrderElementsOf(order);
  }
}
