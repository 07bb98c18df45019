package io.switchboard.server.webhook;

import java.util.List;

/**
 * The event types a webhook can subscribe to, as they appear in a payload's {@code type}
 * (PROTOCOL.md, "Webhooks", documents each payload).
 *
 * <p>Constants only; thread-safe.
 */
public final class WebhookEvents {
  /** Every event type, in the order the console lists them. */
  public static final List<String> ALL = List.of(
      "conversation.started", "conversation.assigned", "conversation.closed",
      "message.created",
      "ticket.created", "ticket.updated", "ticket.solved",
      "sla.at_risk", "sla.breached",
      "rating.submitted",
      "contact.created", "contact.merged");

  private WebhookEvents() {}
}
