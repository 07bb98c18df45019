package io.switchboard.server.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Choosing a ticket's policy, and what a policy refuses to be. */
class SlaPoliciesTest {
  private static final SlaPolicy.Actions ALERT = new SlaPolicy.Actions(true, false, null);

  @Test
  void theFirstMatchingPolicyByPositionApplies() {
    SlaPolicy vip = policy(2, 1, new SlaPolicy.Conditions(Set.of(), Set.of(), Set.of(),
        Set.of(), Set.of("vip")));
    SlaPolicy complaints = policy(1, 5, new SlaPolicy.Conditions(Set.of(),
        Set.of(TicketType.COMPLAINT), Set.of(), Set.of(), Set.of()));
    SlaPolicy urgentEmail = policy(3, 5, new SlaPolicy.Conditions(Set.of(TicketPriority.URGENT),
        Set.of(), Set.of("billing"), Set.of(TicketChannel.EMAIL), Set.of()));
    SlaPolicy fallback = SlaPolicy.contractDefault(9);
    List<SlaPolicy> policies = List.of(fallback, urgentEmail, complaints, vip);

    assertThat(SlaPolicies.first(policies, ticket(TicketType.COMPLAINT, Set.of("vip", "new"))))
        .contains(vip);
    assertThat(SlaPolicies.first(policies, ticket(TicketType.COMPLAINT, Set.of()))).as(
        "same position: the lower id first").contains(complaints);
    assertThat(SlaPolicies.first(policies, new TicketAttributes(TicketPriority.URGENT,
        TicketType.QUESTION, "billing", TicketChannel.EMAIL, Set.of()))).contains(urgentEmail);
    assertThat(SlaPolicies.first(policies, new TicketAttributes(TicketPriority.URGENT,
        TicketType.QUESTION, "billing", TicketChannel.CHAT, Set.of()))).contains(fallback);
    assertThat(SlaPolicies.first(List.of(vip), ticket(TicketType.QUESTION, Set.of()))).isEmpty();
  }

  @Test
  void theContractDefaultMatchesEverythingWithTheContractsTargets() {
    SlaPolicy contract = SlaPolicy.contractDefault(1);
    assertThat(contract.conditions().matches(ticket(TicketType.REQUEST, Set.of()))).isTrue();
    assertThat(contract.targets().target(SlaMetric.FIRST_RESPONSE, TicketPriority.NORMAL))
        .contains(Duration.ofHours(1));
    assertThat(contract.targets().target(SlaMetric.INITIAL_SOLUTION, TicketPriority.NORMAL))
        .contains(Duration.ofHours(4));
    assertThat(contract.targets().target(SlaMetric.RESOLUTION, TicketPriority.NORMAL))
        .contains(Duration.ofHours(24));
    assertThat(contract.targets().target(SlaMetric.FIRST_RESPONSE, TicketPriority.URGENT))
        .contains(Duration.ofMinutes(15));
    assertThat(contract.warnPercent()).isEqualTo(25);
    assertThat(contract.calendarQueueId()).isNull();
  }

  @Test
  void refusalsNameTheField() {
    assertThatThrownBy(() -> new SlaPolicy(1, " ", 1, SlaPolicy.Conditions.any(),
        SlaTargets.contractDefault(), null, 25, ALERT, Map.of())).hasMessageStartingWith("name:");
    assertThatThrownBy(() -> new SlaPolicy(1, "P", 1, SlaPolicy.Conditions.any(),
        SlaTargets.contractDefault(), null, 100, ALERT, Map.of())).hasMessageStartingWith("warnPercent:");
    assertThatThrownBy(() -> new SlaTargets(Map.of(SlaMetric.RESOLUTION,
        Map.of(TicketPriority.HIGH, Duration.ZERO))))
        .hasMessageStartingWith("targets.resolution.high:");
    assertThatThrownBy(() -> new SlaPolicy(1, "P", 1, SlaPolicy.Conditions.any(),
        SlaTargets.contractDefault(), null, 25, ALERT, Map.of(SlaMetric.RESOLUTION,
            Duration.ofMinutes(5)))).hasMessageStartingWith("chatTargets:");
  }

  private static SlaPolicy policy(long id, int position, SlaPolicy.Conditions conditions) {
    return new SlaPolicy(id, "policy " + id, position, conditions, SlaTargets.contractDefault(),
        null, 25, ALERT, Map.of());
  }

  private static TicketAttributes ticket(TicketType type, Set<String> tags) {
    return new TicketAttributes(TicketPriority.NORMAL, type, "support", TicketChannel.WEB_FORM,
        tags);
  }
}
