package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.sla.SlaPolicy;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.sla.SlaPolicyRow;
import io.switchboard.server.ticket.SlaKeeper;
import io.switchboard.server.ticket.SlaPolicyCodec;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLA policies over REST (PROTOCOL.md 3.7): supervisors and admins read them in order, admins
 * create, change and delete them. After a change the clocks of every ticket that is not closed
 * are recomputed in the background; closed tickets keep the results they had.
 *
 * <p>Thread-safe.
 */
public final class SlaPolicyApi {
  private static final Logger LOG = LoggerFactory.getLogger(SlaPolicyApi.class);

  private final Stores stores;
  private final SlaKeeper keeper;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;

  public SlaPolicyApi(Stores stores, SlaKeeper keeper, AuthService auth, BlockingExecutor store,
      Clock clock) {
    this.stores = stores;
    this.keeper = keeper;
    this.auth = auth;
    this.store = store;
    this.clock = clock;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/sla-policies", request -> role(request,
        Action.READ_SLA_POLICIES).thenCompose(staff -> store.call(() -> ApiResponse.ok(
            stores.slaPolicies().list().stream()
                .map(row -> SlaPolicyForm.json(SlaPolicyCodec.policy(row))).toList()))));
    routes.add("POST", "/v1/admin/sla-policies", request -> {
      JsonNode body = request.body();
      return role(request, Action.MANAGE_SLA_POLICIES).thenCompose(staff -> store.call(() -> {
        SlaPolicy policy = SlaPolicyForm.read(body, SlaPolicy.contractDefault(0), true);
        checkQueues(policy);
        SlaPolicyRow created = unique(policy.name(), () -> stores.slaPolicies().create(
            SlaPolicyCodec.row(policy), clock.instant()));
        recomputeLater();
        return ApiResponse.created(SlaPolicyForm.json(SlaPolicyCodec.policy(created)));
      }));
    });
    routes.add("PUT", "/v1/admin/sla-policies/{id}", request -> {
      long id = id(request);
      JsonNode body = request.body();
      return role(request, Action.MANAGE_SLA_POLICIES).thenCompose(staff -> store.call(() -> {
        SlaPolicyRow before = stores.slaPolicies().find(id).orElseThrow(SlaPolicyApi::notFound);
        SlaPolicy policy = SlaPolicyForm.read(body, SlaPolicyCodec.policy(before), false);
        checkQueues(policy);
        SlaPolicyRow updated = unique(policy.name(), () -> stores.slaPolicies().update(
            SlaPolicyCodec.row(policy), clock.instant()).orElseThrow(SlaPolicyApi::notFound));
        recomputeLater();
        return ApiResponse.ok(SlaPolicyForm.json(SlaPolicyCodec.policy(updated)))
            .withBefore(SlaPolicyForm.json(SlaPolicyCodec.policy(before)));
      }));
    });
    routes.add("DELETE", "/v1/admin/sla-policies/{id}", request -> {
      long id = id(request);
      return role(request, Action.MANAGE_SLA_POLICIES).thenCompose(staff -> store.call(() -> {
        if (!stores.slaPolicies().delete(id)) {
          throw notFound();
        }
        recomputeLater();
        return ApiResponse.noContent();
      }));
    });
  }

  private void checkQueues(SlaPolicy policy) {
    for (String queue : policy.conditions().queues()) {
      requireQueue("conditions.queues", queue);
    }
    if (policy.calendarQueueId() != null) {
      requireQueue("calendarQueue", policy.calendarQueueId());
    }
    if (policy.actions().escalationQueueId() != null) {
      requireQueue("actions.escalationQueue", policy.actions().escalationQueueId());
    }
  }

  private void requireQueue(String field, String queue) {
    if (stores.lookups().queue(queue).isEmpty()) {
      throw TicketFields.invalid(field, "no queue " + queue);
    }
  }

  private void recomputeLater() {
    store.call(keeper::recomputeOpen).whenComplete((count, error) -> {
      if (error != null) {
        LOG.warn("recomputing SLA clocks after a policy change failed: {}", error.toString());
      } else {
        LOG.info("SLA clocks of {} open tickets recomputed after a policy change", count);
      }
    });
  }

  private static SlaPolicyRow unique(String name, java.util.function.Supplier<SlaPolicyRow> write) {
    try {
      return write.get();
    } catch (SwitchboardException e) {
      if (e.code() == ErrorCode.CONFLICT) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "name: a policy called " + name + " exists already");
      }
      throw e;
    }
  }

  private CompletableFuture<Principal> role(ApiRequest request, Action action) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, action);
      return staff;
    });
  }

  private static long id(ApiRequest request) {
    try {
      return Long.parseLong(request.param(0));
    } catch (NumberFormatException e) {
      throw notFound();
    }
  }

  private static SwitchboardException notFound() {
    return new SwitchboardException(ErrorCode.NOT_FOUND, "no such SLA policy");
  }
}
