package io.switchboard.server.api;

import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentChecks;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketQuery;
import io.switchboard.server.store.ticket.TicketWrites;
import io.switchboard.server.ticket.TicketStateMachine;
import io.switchboard.server.util.BlockingExecutor;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The requester's side of tickets, for the widget (PROTOCOL.md 3.7): their tickets, the public
 * thread of one, and a reply, which reopens a pending or solved ticket.
 *
 * <p>Thread-safe.
 */
public final class VisitorTicketApi {
  private final TicketStateMachine machine;
  private final Stores stores;
  private final AttachmentLinks links;
  private final AuthService auth;
  private final BlockingExecutor store;

  public VisitorTicketApi(TicketStateMachine machine, Stores stores, AuthService auth,
      BlockingExecutor store,
      AttachmentLinks links) {
    this.links = links;
    this.machine = machine;
    this.stores = stores;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/visitor/tickets", request -> auth.visitor(request.bearer(), null)
        .thenCompose(visitor -> store.call(() -> {
          TicketQuery own = new TicketQuery(null, null, Set.of(), Set.of(), Set.of(), Set.of(),
              Set.of(), null, false, null, null, null, null, null,
              UUID.fromString(visitor.id()), 100, 0);
          TicketJson json = new TicketJson(stores, links);
          List<Ticket> tickets = stores.tickets().list(own).stream()
              .filter(ticket -> ticket.mergedInto() == null
                  && ticket.siteId().equals(visitor.siteId()))
              .sorted(Comparator.comparing(Ticket::createdAt).reversed()).toList();
          return ApiResponse.ok(tickets.stream().map(json::requesterSummary).toList());
        })));
    routes.add("GET", "/v1/visitor/tickets/{id}", request -> {
      UUID id = TicketFields.id("id", request.param(0));
      return auth.visitor(request.bearer(), null).thenCompose(visitor -> store.call(() -> {
        Ticket ticket = machine.readable(visitor, id);
        return ApiResponse.ok(new TicketJson(stores, links).forRequester(ticket,
            stores.tickets().entries(id, true)));
      }));
    });
    routes.add("POST", "/v1/visitor/tickets/{id}/replies", request -> {
      UUID id = TicketFields.id("id", request.param(0));
      String text = request.requiredText("text", 8000).strip();
      List<UUID> files = AttachmentChecks.ids(request.textList("attachments"));
      return auth.visitor(request.bearer(), null).thenCompose(visitor -> store.call(() -> {
        TicketWrites.Outcome outcome = machine.customerReply(visitor, id, text, files);
        return ApiResponse.created(new TicketJson(stores, links).requesterEntry(outcome.entry()));
      }));
    });
  }
}
