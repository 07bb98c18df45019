package io.switchboard.server;

import io.switchboard.server.api.WebhookApi;
import io.switchboard.server.store.webhook.WebhookDao;
import io.switchboard.server.store.webhook.WebhookFeedDao;
import io.switchboard.server.store.webhook.WebhookOutboxDao;
import io.switchboard.server.webhook.EndpointPolicy;
import io.switchboard.server.webhook.WebhookDispatcher;
import io.switchboard.server.webhook.WebhookFeeder;
import io.switchboard.server.webhook.WebhookService;
import java.time.Duration;

/**
 * A node's webhooks: the admin routes, the feeder that fills the outbox from the event history
 * (one node at a time) and the dispatcher that delivers it (every node). Delivery times (due,
 * retries, the 24-hour window) follow the business clock, so tests move them.
 *
 * <p>Thread-safe: its parts are; {@link #close} is called once.
 */
final class NodeWebhooks implements AutoCloseable {
  /** Attempts in flight per endpoint and per node, and the longest an attempt may take. */
  static final WebhookDispatcher.Limits LIMITS =
      new WebhookDispatcher.Limits(4, 32, Duration.ofSeconds(10));

  private final WebhookService service;
  private final WebhookFeeder feeder;
  private final WebhookDispatcher dispatcher;

  private NodeWebhooks(WebhookService service, WebhookFeeder feeder,
      WebhookDispatcher dispatcher) {
    this.service = service;
    this.feeder = feeder;
    this.dispatcher = dispatcher;
  }

  static NodeWebhooks start(NodeServiceDesk.Parts p) {
    WebhookDao hooks = new WebhookDao(p.jdbi());
    WebhookOutboxDao outbox = new WebhookOutboxDao(p.jdbi());
    WebhookService service = new WebhookService(hooks, outbox,
        new EndpointPolicy(p.config().security().webhooksAllowHttp()), p.businessClock());
    new WebhookApi(service, p.auth(), p.store()).register(p.api());
    WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, hooks, p.businessClock(),
        LIMITS);
    dispatcher.start(Duration.ofMillis(500));
    WebhookFeeder feeder = new WebhookFeeder(new WebhookFeedDao(p.jdbi()), outbox,
        p.businessClock(), dispatcher::wake);
    feeder.start(Duration.ofSeconds(1));
    return new NodeWebhooks(service, feeder, dispatcher);
  }

  /** Undelivered webhook events of every webhook (for a metrics gauge). */
  long backlog() {
    return service.backlog();
  }

  @Override
  public void close() {
    feeder.close();
    dispatcher.close();
  }
}
