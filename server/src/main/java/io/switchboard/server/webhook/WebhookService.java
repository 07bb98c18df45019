package io.switchboard.server.webhook;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.webhook.Webhook;
import io.switchboard.server.store.webhook.WebhookDao;
import io.switchboard.server.store.webhook.WebhookDelivery;
import io.switchboard.server.store.webhook.WebhookOutboxDao;
import io.switchboard.server.util.SwitchboardException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What admins do with webhooks: create one (with a new secret, shown once), change it, give it
 * a new secret, delete it, read its delivery log and replay deliveries; and the outbox backlog
 * for a metrics gauge.
 *
 * <p>Thread-safe: its stores are; it keeps no state of its own.
 */
public final class WebhookService {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What an admin sets on a webhook. */
  public record Settings(String url, List<String> events, boolean enabled, String description) {}

  private final WebhookDao hooks;
  private final WebhookOutboxDao outbox;
  private final EndpointPolicy endpoints;
  private final Clock clock;

  public WebhookService(WebhookDao hooks, WebhookOutboxDao outbox, EndpointPolicy endpoints,
      Clock clock) {
    this.hooks = hooks;
    this.outbox = outbox;
    this.endpoints = endpoints;
    this.clock = clock;
  }

  /** A new webhook of the site; its secret is in the answer and never shown again. */
  public Webhook create(String siteId, Settings settings) {
    Instant now = clock.instant();
    Webhook hook = new Webhook(UUID.randomUUID(), siteId, endpoints.check(settings.url()),
        newSecret(), events(settings.events()), settings.enabled(),
        description(settings.description()), now, now);
    hooks.create(hook);
    return hook;
  }

  public Webhook find(UUID id) {
    return hooks.find(id).orElseThrow(
        () -> new SwitchboardException(ErrorCode.NOT_FOUND, "no such webhook"));
  }

  /** The webhooks of a site, or of every site when {@code siteId} is null. */
  public List<Webhook> list(String siteId) {
    return hooks.list(siteId);
  }

  /** Changes the endpoint, events, enabled flag and description; answers before and after. */
  public Webhook[] update(UUID id, Settings settings) {
    Webhook before = find(id);
    Webhook after = new Webhook(id, before.siteId(), endpoints.check(settings.url()),
        before.secret(), events(settings.events()), settings.enabled(),
        description(settings.description()), before.createdAt(), clock.instant());
    hooks.update(after);
    return new Webhook[] {before, after};
  }

  /** Gives the webhook a new secret, answered once; the old one stops signing at once. */
  public Webhook rotateSecret(UUID id) {
    Webhook before = find(id);
    Webhook after = new Webhook(id, before.siteId(), before.url(), newSecret(),
        before.events(), before.enabled(), before.description(), before.createdAt(),
        clock.instant());
    hooks.update(after);
    return after;
  }

  /** Deletes the webhook with its outbox and log; answers what it was. */
  public Webhook delete(UUID id) {
    Webhook before = find(id);
    hooks.delete(id);
    return before;
  }

  /** One page of the webhook's delivery log, newest first. */
  public List<WebhookDelivery> log(UUID id, String status, long beforeId, int limit) {
    find(id);
    if (status != null && !Set.of("pending", "delivered", "failed").contains(status)) {
      throw new SwitchboardException(ErrorCode.BAD_REQUEST,
          "status: one of pending, delivered, failed");
    }
    return outbox.log(id, status, beforeId, limit);
  }

  /**
   * Sends again one delivery that is not pending, or every failed one when {@code deliveryId}
   * is null; answers how many were put back in the outbox.
   */
  public int replay(UUID id, Long deliveryId) {
    find(id);
    int replayed = outbox.replay(id, deliveryId, clock.instant());
    if (deliveryId != null && replayed == 0) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND,
          "no such delivery of this webhook that is not pending");
    }
    return replayed;
  }

  /** Undelivered events of every webhook: the gauge of the outbox backlog. */
  public long backlog() {
    return outbox.backlog();
  }

  private static List<String> events(List<String> events) {
    if (events == null || events.isEmpty()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "events: at least one event");
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String event : events) {
      if (!WebhookEvents.ALL.contains(event)) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD,
            "events: unknown event " + event + " (known: " + String.join(", ",
                WebhookEvents.ALL) + ")");
      }
      chosen.add(event);
    }
    return List.copyOf(chosen);
  }

  private static String description(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    if (description.length() > 200) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "description: at most 200 characters");
    }
    return description.trim();
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
