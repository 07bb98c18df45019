package io.switchboard.server;

import io.switchboard.server.api.ApiRoutes;
import io.switchboard.server.api.MailAddressApi;
import io.switchboard.server.api.SlaPolicyApi;
import io.switchboard.server.api.TicketApi;
import io.switchboard.server.api.TicketMailApi;
import io.switchboard.server.api.TicketWorkApi;
import io.switchboard.server.api.VisitorTicketApi;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.conversation.ConversationService;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.mail.MailChannel;
import io.switchboard.server.metrics.NodeMetrics;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.ratelimit.RateLimiter;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.ticket.EscalationScheduler;
import io.switchboard.server.ticket.TicketService;
import io.switchboard.server.util.BlockingExecutor;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A node's service desk: tickets with their REST side, the SLA policies and each node's
 * escalation scheduler, attachments, and the email channel. Tickets, SLA clocks and mail run on
 * the business clock (tests move it); attachments and their links on the system clock.
 *
 * <p>The customer side (contacts, search, imports and exports, campaigns) builds its own stores
 * on {@link Parts#jdbi} and registers its routes here too.
 *
 * <p>Thread-safe: its parts are; {@link #stopMail} and {@link #close} are called once each.
 */
final class NodeServiceDesk implements AutoCloseable {
  private final EscalationScheduler escalations;
  private final NodeAttachments attachments;
  private final MailChannel mail;
  private final NodeExchange exchange;
  private final NodeAvailability availability;
  /** The features started after the mail channel, closed in the reverse order. */
  private final List<AutoCloseable> features;

  /**
   * What the desk is built from: the node's stores, services and clocks, and its meters
   * ({@code metrics}), where a feature registers the gauges of its own backlog.
   */
  record Parts(ServerConfig config, Stores stores, ConversationAccess access,
      DeliveryService delivery, RedisPresenceStore presence, RoutingService routing,
      AuthService auth, BlockingExecutor store, ApiRoutes api, AttachmentLinks links,
      Clock businessClock, Clock clock, Jdbi jdbi, Jdbi readJdbi, AuditLog audit,
      ConversationService conversations, RedisConnections redis, NodeMetrics metrics,
      RateLimiter limiter) {}

  private NodeServiceDesk(EscalationScheduler escalations, NodeAttachments attachments,
      MailChannel mail, NodeExchange exchange, NodeAvailability availability,
      List<AutoCloseable> features) {
    this.availability = availability;
    this.escalations = escalations;
    this.features = List.copyOf(features);
    this.attachments = attachments;
    this.mail = mail;
    this.exchange = exchange;
  }

  static NodeServiceDesk start(Parts p) throws IOException {
    Stores stores = p.stores();
    TicketService tickets = new TicketService(stores, p.access(), p.delivery(),
        new TicketService.TicketRouting(p.presence(), p.routing(), p.config().nodeId()),
        p.businessClock(), p.clock());
    new TicketApi(tickets, stores, p.auth(), p.store(), p.businessClock(), p.links())
        .register(p.api());
    new TicketWorkApi(tickets.machine(), stores, p.auth(), p.store(), p.links())
        .register(p.api());
    new VisitorTicketApi(tickets.machine(), stores, p.auth(), p.store(), p.links())
        .register(p.api());
    new SlaPolicyApi(stores, tickets.sla(), p.auth(), p.store(), p.businessClock())
        .register(p.api());
    EscalationScheduler escalations = new EscalationScheduler(stores, tickets,
        p.businessClock(), p.config().nodeId(), p.config().tickets().faultHold().toMillis());
    escalations.start(p.config().tickets().escalationPeriod());
    NodeAttachments attachments = NodeAttachments.start(p.config(), stores, p.access(),
        p.auth(), p.store(), p.api(), p.links(), p.clock());
    // Each SMTP session may hold two pooled connections: leave most of the pool to the rest.
    MailChannel mail = MailChannel.start(stores, tickets, attachments.service(),
        p.config().mail(), p.config().bindHost(),
        Math.max(2, p.config().databasePoolSize() / 4), p.businessClock());
    new MailAddressApi(stores, mail.credentials(), p.auth(), p.store(), p.clock(),
        mail::addressesChanged).register(p.api());
    new TicketMailApi(tickets.machine(), stores, p.auth(), p.store()).register(p.api());
    NodeContacts.start(p);
    NodeSearch.start(p);
    NodeExchange exchange = NodeExchange.start(p, attachments.service());
    NodeCampaigns.start(p);
    NodeApiKeys.start(p);
    List<AutoCloseable> features = new ArrayList<>();
    features.add(NodeCsat.start(p, tickets));
    features.add(NodeAgentStatus.start(p));
    features.add(NodeReports.start(p));
    NodeAvailability availability = NodeAvailability.start(p);
    features.add(availability);
    features.add(NodeCompliance.start(p));
    features.add(NodeWebhooks.start(p));
    features.add(NodeLifecycle.start(p, attachments));
    return new NodeServiceDesk(escalations, attachments, mail, exchange, availability, features);
  }

  EscalationScheduler escalations() {
    return escalations;
  }

  NodeAttachments attachments() {
    return attachments;
  }

  MailChannel mail() {
    return mail;
  }

  /**
   * Stops the availability probe (when the node starts draining): a node going away says nothing
   * about the service; the other nodes, and this one's successor, go on measuring it.
   */
  void stopProbing() {
    availability.close();
  }

  /** Stops taking and sending mail (first, when the node shuts down). */
  void stopMail() {
    mail.close();
  }

  @Override
  public void close() throws Exception {
    try {
      escalations.close();
      for (AutoCloseable feature : features.reversed()) {
        feature.close();
      }
      exchange.close();
    } finally {
      attachments.close();
    }
  }
}
