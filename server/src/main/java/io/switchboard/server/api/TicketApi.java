package io.switchboard.server.api;

import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketCounts;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketQuery;
import io.switchboard.server.store.ticket.TicketStatus;
import io.switchboard.server.store.ticket.TicketType;
import io.switchboard.server.ticket.ChatSla;
import io.switchboard.server.ticket.TicketAccess;
import io.switchboard.server.ticket.TicketIntake;
import io.switchboard.server.ticket.TicketService;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tickets over REST, the reading half and creation (PROTOCOL.md 3.7): the offline form and staff
 * open tickets on {@code POST /v1/tickets}, staff list them by view and filter, read one with its
 * thread, history, links and SLA clocks, and turn a chat into one. The changes are in
 * {@link TicketWorkApi}.
 *
 * <p>Thread-safe.
 */
public final class TicketApi {
  private static final Set<TicketStatus> ACTIVE = EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN,
      TicketStatus.PENDING, TicketStatus.ON_HOLD);

  private final TicketService tickets;
  private final Stores stores;
  private final AttachmentLinks links;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;

  public TicketApi(TicketService tickets, Stores stores, AuthService auth, BlockingExecutor store,
      Clock clock,
      AttachmentLinks links) {
    this.links = links;
    this.tickets = tickets;
    this.stores = stores;
    this.auth = auth;
    this.store = store;
    this.clock = clock;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/tickets", request -> auth.visitorOrStaff(request.bearer())
        .thenCompose(principal -> principal.isVisitor() ? fromForm(principal, request)
            : create(principal, request)));
    routes.add("GET", "/v1/tickets", request -> auth.staff(request.bearer())
        .thenCompose(staff -> store.call(() -> list(staff, request))));
    routes.add("GET", "/v1/tickets/{id}", request -> {
      UUID id = TicketFields.id("id", request.param(0));
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(new TicketJson(stores, links).detail(tickets.detail(staff, id)))));
    });
    routes.add("POST", "/v1/conversations/{id}/ticket", request -> {
      UUID conversation = ConversationAccess.conversationId(request.param(0));
      String subject = request.requiredText("subject", 200).strip();
      TicketType type = TicketFields.named(request, "type", TicketType::fromWire, TYPES);
      TicketPriority priority = TicketFields.named(request, "priority",
          TicketPriority::fromWire, PRIORITIES);
      String queue = request.text("queue");
      String note = TicketFields.optionalText(request, "note", 20000);
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() ->
          ApiResponse.created(new TicketJson(stores, links).summary(tickets.intake().fromConversation(
              staff, conversation, subject, type == null ? TicketType.QUESTION : type,
              priority == null ? TicketPriority.NORMAL : priority, queue, note)))));
    });
    routes.add("GET", "/v1/conversations/{id}/sla", request -> {
      UUID conversation = ConversationAccess.conversationId(request.param(0));
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
        ChatSla.ChatClocks chat = tickets.chatSla().clocks(staff, conversation);
        return ApiResponse.ok(ApiJson.object("policy", chat.policy() == null ? null
                : ApiJson.object("id", chat.policy().id(), "name", chat.policy().name()),
            "clocks", chat.clocks().stream().map(TicketJson::clock).toList()));
      }));
    });
    routes.add("GET", "/v1/conversations/{id}/tickets", request -> {
      UUID conversation = ConversationAccess.conversationId(request.param(0));
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
        TicketJson json = new TicketJson(stores, links);
        return ApiResponse.ok(tickets.ofConversation(staff, conversation).stream()
            .map(json::summary).toList());
      }));
    });
  }

  private java.util.concurrent.CompletableFuture<ApiResponse> fromForm(Principal visitor,
      ApiRequest request) {
    String name = io.switchboard.server.conversation.PrechatFields.name("name",
        request.requiredText("name", 100));
    String email = io.switchboard.server.conversation.PrechatFields.email("email",
        request.requiredText("email", 254));
    String message = request.requiredText("message", 8000);
    String queue = request.text("queue");
    return store.call(() -> {
      Ticket ticket = tickets.intake().fromForm(visitor, name, email, message, queue);
      return ApiResponse.created(Map.of("ticketId", ticket.id().toString(),
          "number", ticket.number()));
    });
  }

  private java.util.concurrent.CompletableFuture<ApiResponse> create(Principal staff,
      ApiRequest request) {
    String queue = request.requiredText("queue", 64);
    String subject = request.requiredText("subject", 200).strip();
    String body = TicketFields.optionalText(request, "body", 20000);
    TicketChannel channel = TicketFields.named(request, "channel", TicketChannel::fromWire,
        CHANNELS);
    TicketType type = TicketFields.named(request, "type", TicketType::fromWire, TYPES);
    TicketPriority priority = TicketFields.named(request, "priority", TicketPriority::fromWire,
        PRIORITIES);
    UUID assignee = TicketFields.id("assignee", request.text("assignee"));
    List<String> tags = TicketFields.tags(request, "tags");
    TicketRequester requester = TicketRequester.read(request);
    Map<String, String> call = null;
    if (channel == TicketChannel.PHONE && request.body().has("call")) {
      call = TicketCalls.read(request.body().get("call"), "call.");
    }
    TicketIntake.StaffTicket ticket = new TicketIntake.StaffTicket(queue, subject,
        call != null ? call.remove("summary") : body, requester.contactId(), requester.name(),
        requester.email(), requester.phone(), channel == null ? TicketChannel.API : channel,
        type == null ? TicketType.QUESTION : type,
        priority == null ? TicketPriority.NORMAL : priority, assignee,
        tags == null ? List.of() : tags, call);
    return store.call(() -> ApiResponse.created(new TicketJson(stores, links).summary(
        tickets.intake().create(staff, ticket))));
  }

  private ApiResponse list(Principal staff, ApiRequest request) {
    String view = request.query("view") == null ? "all" : request.query("view");
    int limit = request.queryInt("limit", 50, 1, 200);
    int offset = request.queryInt("offset", 0, 0, 100_000);
    TicketQuery scope = TicketAccess.scope(staff, limit);
    UUID me = UUID.fromString(staff.id());
    Set<TicketStatus> statuses = TicketFields.queryList(request, "status", TicketStatus::fromWire,
        STATUSES);
    String assigneeText = request.query("assignee");
    UUID assignee = "none".equals(assigneeText) ? null : TicketFields.id("assignee", assigneeText);
    boolean unassigned = "none".equals(assigneeText);
    java.time.Instant deadlineBefore = null;
    switch (view) {
      case "mine" -> {
        assignee = me;
        statuses = statuses.isEmpty() ? ACTIVE : statuses;
      }
      case "unassigned" -> {
        unassigned = true;
        assignee = null;
        statuses = statuses.isEmpty() ? ACTIVE : statuses;
      }
      case "breaching" -> {
        deadlineBefore = clock.instant().plus(Duration.ofHours(1));
        statuses = statuses.isEmpty() ? ACTIVE : statuses;
      }
      case "pending" -> statuses = EnumSet.of(TicketStatus.PENDING);
      case "complaints" -> statuses = statuses.isEmpty() ? ACTIVE : statuses;
      case "all" -> { }
      default -> throw TicketFields.invalid("view",
          "mine, unassigned, breaching, pending, complaints or all");
    }
    String number = request.query("number");
    String contact = request.query("contact");
    TicketQuery query = new TicketQuery(scope.scopeQueues(), me, statuses,
        TicketFields.queryList(request, "priority", TicketPriority::fromWire, PRIORITIES),
        view.equals("complaints") ? EnumSet.of(TicketType.COMPLAINT)
            : TicketFields.queryList(request, "type", TicketType::fromWire, TYPES),
        TicketFields.queryList(request, "channel", TicketChannel::fromWire, CHANNELS),
        TicketFields.queryList(request, "queue", q -> q, "queue ids"), assignee, unassigned,
        request.query("tag"), TicketFields.instant("from", request.query("from")),
        TicketFields.instant("to", request.query("to")), deadlineBefore,
        number == null ? null : (long) request.queryInt("number", 0, 1, Integer.MAX_VALUE),
        TicketFields.id("contact", contact), limit, offset);
    TicketJson json = new TicketJson(stores, links);
    TicketCounts counts = stores.tickets().counts(scope, me, clock.instant().plus(
        Duration.ofHours(1)));
    List<Ticket> found = stores.tickets().list(query);
    Map<UUID, String> states = tickets.slaStates(found);
    return ApiResponse.ok(ApiJson.object("tickets", found.stream().map(ticket -> {
      Map<String, Object> summary = json.summary(ticket);
      summary.put("slaState", states.get(ticket.id()));
      return summary;
    }).toList(), "counts", ApiJson.object("mine", counts.mine(),
        "unassigned", counts.unassigned(), "breaching", counts.breachingSoon(),
        "pending", counts.pending(), "complaints", counts.complaints(), "all", counts.all())));
  }

  static final String STATUSES = TicketFields.names(TicketStatus.values(), TicketStatus::wire);
  static final String PRIORITIES =
      TicketFields.names(TicketPriority.values(), TicketPriority::wire);
  static final String TYPES = TicketFields.names(TicketType.values(), TicketType::wire);
  static final String CHANNELS = TicketFields.names(TicketChannel.values(), TicketChannel::wire);
}
