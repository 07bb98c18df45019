package io.switchboard.server.webhook;

import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.message.AppendRequest;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.message.WriterSettings;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.webhook.Webhook;
import io.switchboard.server.store.webhook.WebhookDao;
import io.switchboard.server.store.webhook.WebhookDelivery;
import io.switchboard.server.store.webhook.WebhookFeedDao;
import io.switchboard.server.store.webhook.WebhookOutboxDao;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.testing.TestWriters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A test's webhook outbox on the shared test database: a fresh site with its own webhooks, a
 * movable clock, the real feeder and dispatchers (one per simulated node), and chats written
 * through the real stores (conversation state machine SQL, group-commit message writer).
 *
 * <p>Not thread-safe: built and closed by the test thread.
 */
final class Outbox implements AutoCloseable {
  final StoreFixture fixture = new StoreFixture();
  final Jdbi jdbi = StoreFixture.database().jdbi();
  final MutableClock clock = new MutableClock(
      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  final WebhookDao hooks = new WebhookDao(jdbi);
  final WebhookOutboxDao outbox = new WebhookOutboxDao(jdbi);
  final WebhookService service = new WebhookService(hooks, outbox, new EndpointPolicy(false),
      clock);
  final List<WebhookDispatcher> dispatchers = new ArrayList<>();
  final List<WebhookFeeder> feeders = new ArrayList<>();
  private final TestWriters writers = new TestWriters();
  private final GroupCommitMessageWriter messages = writers.open(WriterSettings.defaults());
  private final User agent = fixture.newAgent();

  Outbox() {
    // The first pass on a database only starts the cursors.
    feeder().runOnce();
  }

  Webhook hook(String url, List<String> events) {
    return service.create(fixture.siteId, new WebhookService.Settings(url, events, true, null));
  }

  WebhookFeeder feeder() {
    WebhookFeeder feeder = new WebhookFeeder(new WebhookFeedDao(jdbi), outbox, clock, () -> { });
    feeders.add(feeder);
    return feeder;
  }

  WebhookDispatcher dispatcher(Duration timeout) {
    WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, hooks, clock,
        new WebhookDispatcher.Limits(4, 16, timeout));
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  /** A chat: started, assigned, {@code messages} messages, closed; answers its id. */
  UUID chat(int count) throws Exception {
    Conversation conversation = fixture.newAssignedConversation(agent.id());
    for (int i = 1; i <= count; i++) {
      TestWriters.result(messages.append(new AppendRequest(conversation.id(), "m" + i,
          i % 2 == 1 ? "visitor" : "agent", i % 2 == 1 ? conversation.contactId().toString()
              : agent.id().toString(), "message " + i)));
    }
    fixture.conversations.close(conversation.id(), agent.id().toString(), "resolved");
    return conversation.id();
  }

  /** Every outbox row of the webhook, oldest first. */
  List<WebhookDelivery> rows(UUID webhookId) {
    return outbox.log(webhookId, null, Long.MAX_VALUE, 1000).reversed();
  }

  void advance(Duration by) {
    clock.set(clock.instant().plus(by));
  }

  @Override
  public void close() {
    dispatchers.forEach(WebhookDispatcher::close);
    feeders.forEach(WebhookFeeder::close);
    writers.close();
    // Other tests' dispatchers deliver every webhook's outbox: leave none behind.
    hooks.list(fixture.siteId).forEach(hook -> hooks.delete(hook.id()));
  }
}
