package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentChecks;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketStatus;
import io.switchboard.server.store.ticket.TicketType;
import io.switchboard.server.store.ticket.TicketWrites;
import io.switchboard.server.ticket.TicketStateMachine;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Working tickets over REST (PROTOCOL.md 3.7): replies, notes, logged calls, status, fields and
 * assignment, take, merge, and bulk changes. Each goes through the ticket state machine.
 *
 * <p>Thread-safe.
 */
public final class TicketWorkApi {
  private final TicketStateMachine machine;
  private final Stores stores;
  private final AttachmentLinks links;
  private final AuthService auth;
  private final BlockingExecutor store;

  public TicketWorkApi(TicketStateMachine machine, Stores stores, AuthService auth,
      BlockingExecutor store,
      AttachmentLinks links) {
    this.links = links;
    this.machine = machine;
    this.stores = stores;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/tickets/{id}/replies", request -> {
      String text = request.requiredText("text", 20000).strip();
      boolean proposed = TicketFields.bool(request, "proposedSolution");
      TicketStatus status = TicketFields.named(request, "status", TicketStatus::fromWire,
          TicketApi.STATUSES);
      List<UUID> files = AttachmentChecks.ids(request.textList("attachments"));
      return entry(request,
          staff -> machine.reply(staff, id(request), text, proposed, status, files));
    });
    routes.add("POST", "/v1/tickets/{id}/notes", request -> {
      String text = request.requiredText("text", 20000).strip();
      List<UUID> files = AttachmentChecks.ids(request.textList("attachments"));
      return entry(request, staff -> machine.note(staff, id(request), text, files));
    });
    routes.add("POST", "/v1/tickets/{id}/calls", request -> {
      Map<String, String> call = TicketCalls.read(request.body(), "");
      String summary = call.remove("summary");
      return entry(request, staff -> machine.call(staff, id(request), summary, call));
    });
    routes.add("POST", "/v1/tickets/{id}/status", request -> {
      TicketStatus status = TicketFields.named(request, "status", TicketStatus::fromWire,
          TicketApi.STATUSES);
      if (status == null) {
        throw TicketFields.invalid("status", "required");
      }
      return ticket(request, staff -> machine.setStatus(staff, id(request), status));
    });
    routes.add("PUT", "/v1/tickets/{id}", request -> {
      TicketWrites.Changes changes = changes(request);
      return ticket(request, staff -> machine.update(staff, id(request), changes));
    });
    routes.add("POST", "/v1/tickets/{id}/take", request ->
        ticket(request, staff -> machine.take(staff, id(request))));
    routes.add("POST", "/v1/tickets/{id}/merge", request -> {
      UUID into = TicketFields.id("into", request.requiredText("into", 64));
      return ticket(request, staff -> machine.merge(staff, id(request), into));
    });
    routes.add("POST", "/v1/tickets/bulk", this::bulk);
  }

  private CompletableFuture<ApiResponse> bulk(ApiRequest request) {
    JsonNode ids = request.body() == null ? null : request.body().get("ids");
    if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 100) {
      throw TicketFields.invalid("ids", "an array of 1 to 100 ticket ids");
    }
    List<UUID> tickets = new ArrayList<>();
    ids.forEach(id -> tickets.add(TicketFields.id("ids", id.isTextual() ? id.asText() : "-")));
    boolean assign = TicketFields.has(request, "assignee");
    UUID assignee = TicketFields.id("assignee", request.text("assignee"));
    TicketStatus status = TicketFields.named(request, "status", TicketStatus::fromWire,
        TicketApi.STATUSES);
    if (!assign && status == null) {
      throw TicketFields.invalid("assignee", "assignee or status, or both");
    }
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      List<Map<String, Object>> results = new ArrayList<>();
      for (UUID id : tickets) {
        try {
          if (assign) {
            machine.update(staff, id, new TicketWrites.Changes(null, null, null, null, false,
                null, true, assignee));
          }
          if (status != null) {
            machine.setStatus(staff, id, status);
          }
          results.add(ApiJson.object("id", id.toString(), "ok", true));
        } catch (SwitchboardException e) {
          results.add(ApiJson.object("id", id.toString(), "ok", false, "error",
              ApiJson.object("code", e.code().wire(), "message", e.getMessage())));
        }
      }
      return ApiResponse.ok(ApiJson.object("results", results));
    }));
  }

  private static TicketWrites.Changes changes(ApiRequest request) {
    String subject = TicketFields.optionalText(request, "subject", 200);
    TicketPriority priority = TicketFields.named(request, "priority", TicketPriority::fromWire,
        TicketApi.PRIORITIES);
    TicketType type = TicketFields.named(request, "type", TicketType::fromWire, TicketApi.TYPES);
    boolean setQueue = TicketFields.has(request, "queue");
    String queue = request.text("queue");
    boolean setAssignee = TicketFields.has(request, "assignee");
    UUID assignee = TicketFields.id("assignee", request.text("assignee"));
    List<String> tags = TicketFields.tags(request, "tags");
    if (subject == null && priority == null && type == null && !setQueue && !setAssignee
        && tags == null) {
      throw TicketFields.invalid("subject",
          "send at least one of subject, priority, type, queue, assignee, tags");
    }
    return new TicketWrites.Changes(priority, type, subject, tags, setQueue, queue, setAssignee,
        assignee);
  }

  private CompletableFuture<ApiResponse> entry(ApiRequest request,
      Function<Principal, TicketWrites.Outcome> write) {
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      TicketWrites.Outcome outcome = write.apply(staff);
      TicketJson json = new TicketJson(stores, links);
      Ticket now = stores.tickets().find(outcome.after().id()).orElseThrow();
      return ApiResponse.created(ApiJson.object("entry", json.entry(outcome.entry()),
          "ticket", json.summary(now)));
    }));
  }

  private CompletableFuture<ApiResponse> ticket(ApiRequest request,
      Function<Principal, Ticket> write) {
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() ->
        ApiResponse.ok(new TicketJson(stores, links).summary(write.apply(staff)))));
  }

  private static UUID id(ApiRequest request) {
    try {
      return UUID.fromString(request.param(0));
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(io.switchboard.protocol.ErrorCode.NOT_FOUND,
          "no such ticket");
    }
  }
}
