package io.switchboard.server.webhook;

import io.switchboard.server.store.webhook.Webhook;
import io.switchboard.server.store.webhook.WebhookDao;
import io.switchboard.server.store.webhook.WebhookDelivery;
import io.switchboard.server.store.webhook.WebhookOutboxDao;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox: every node runs one. A pass leases the deliveries that are due
 * (the first undelivered event of each conversation, ticket or contact per webhook, so events
 * of one arrive in order), and posts each with the JDK {@link HttpClient}: signed, with an
 * event id for deduplication, a connect and a response timeout. A 2xx answer delivers; anything
 * else schedules a retry ({@link RetrySchedule}) or, after 24 hours, fails the delivery. At most
 * {@link Limits#perEndpoint} attempts per webhook and {@link Limits#total} in all are in flight
 * on a node, so a slow or dead receiver holds only its own slots; nothing here runs on a chat
 * thread.
 *
 * <p>Thread-safe: passes run on one scheduler thread; answers are recorded on a small pool.
 */
public final class WebhookDispatcher implements AutoCloseable {
  /** How many attempts may be in flight, and how long one may take. */
  public record Limits(int perEndpoint, int total, Duration timeout) {}

  /** The header with the event's id (the same on every attempt and every replay). */
  public static final String EVENT_ID_HEADER = "Switchboard-Event-Id";
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final WebhookOutboxDao outbox;
  private final WebhookDao hooks;
  private final Clock clock;
  private final Limits limits;
  private final ExecutorService recorder;
  private final HttpClient http;
  private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private ScheduledExecutorService scheduler;

  public WebhookDispatcher(WebhookOutboxDao outbox, WebhookDao hooks, Clock clock,
      Limits limits) {
    this.outbox = outbox;
    this.hooks = hooks;
    this.clock = clock;
    this.limits = limits;
    this.recorder = Executors.newFixedThreadPool(2, daemon("webhook-recorder"));
    this.http = HttpClient.newBuilder().connectTimeout(limits.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).executor(recorder).build();
  }

  /** Runs a pass every {@code period}, and soon after new rows or a finished attempt. */
  public synchronized void start(Duration period) {
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("webhook-dispatcher"));
    scheduler.scheduleWithFixedDelay(this::safePass, 0, period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Asks for a pass soon (new rows in the outbox, or an attempt finished). */
  public void wake() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = scheduler;
    }
    if (running != null && wakeQueued.compareAndSet(false, true)) {
      try {
        running.execute(() -> {
          wakeQueued.set(false);
          safePass();
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        wakeQueued.set(false);
      }
    }
  }

  /** Attempts in flight on this node. */
  public int inFlight() {
    return total.get();
  }

  /** One pass: leases what is due and starts its attempts; answers how many it started. */
  public int runOnce() {
    int room = limits.total() - total.get();
    if (room <= 0) {
      return 0;
    }
    Map<UUID, Integer> free = new HashMap<>();
    inFlight.forEach((hook, count) -> free.put(hook, limits.perEndpoint() - count.get()));
    Instant now = clock.instant();
    List<WebhookDelivery> due = outbox.claim(now,
        now.plus(limits.timeout()).plus(LEASE_MARGIN), free, limits.perEndpoint(), room);
    Map<UUID, Optional<Webhook>> webhooks = new HashMap<>();
    for (WebhookDelivery delivery : due) {
      Optional<Webhook> hook = webhooks.computeIfAbsent(delivery.webhookId(), hooks::find);
      if (hook.isEmpty()) {
        continue;
      }
      send(hook.get(), delivery);
    }
    return due.size();
  }

  private void send(Webhook hook, WebhookDelivery delivery) {
    inFlight.computeIfAbsent(hook.id(), id -> new AtomicInteger()).incrementAndGet();
    total.incrementAndGet();
    HttpRequest request;
    try {
      long timestamp = clock.instant().getEpochSecond();
      request = HttpRequest.newBuilder(URI.create(hook.url()))
          .timeout(limits.timeout())
          .header("Content-Type", "application/json; charset=utf-8")
          .header("User-Agent", "Switchboard-Webhooks/1")
          .header(WebhookSignature.HEADER,
              WebhookSignature.header(hook.secret(), timestamp, delivery.payload()))
          .header(EVENT_ID_HEADER, delivery.eventId())
          .header("Switchboard-Event-Type", delivery.eventType())
          .header("Switchboard-Delivery-Attempt", Integer.toString(delivery.attempts()))
          .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
          .build();
    } catch (RuntimeException e) {
      recorder.execute(() -> record(hook, delivery, null, "bad request: " + e.getMessage()));
      return;
    }
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .orTimeout(limits.timeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync((response, error) -> {
          if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            record(hook, delivery, null, cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
          } else if (response.statusCode() / 100 == 2) {
            record(hook, delivery, response.statusCode(), null);
          } else {
            record(hook, delivery, response.statusCode(), "HTTP " + response.statusCode());
          }
        }, recorder);
  }

  private void record(Webhook hook, WebhookDelivery delivery, Integer status, String error) {
    try {
      Instant now = clock.instant();
      if (error == null) {
        outbox.delivered(delivery.id(), status, now);
      } else {
        outbox.attemptFailed(delivery.id(), status, error,
            RetrySchedule.next(delivery.attempts(), delivery.windowStart(), now));
      }
    } catch (RuntimeException e) {
      LOG.warn("could not record webhook attempt {}; its lease runs out and it is tried again",
          delivery.id(), e);
    } finally {
      inFlight.get(hook.id()).decrementAndGet();
      total.decrementAndGet();
      wake();
    }
  }

  private void safePass() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("webhook delivery pass failed; the next pass tries again", e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    http.shutdownNow();
    recorder.shutdownNow();
  }
}
