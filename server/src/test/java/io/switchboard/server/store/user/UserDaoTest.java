package io.switchboard.server.store.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final UserDao users = fixture.users;

  @Test
  void emailIsStoredInLowerCaseAndFoundInAnyCase() {
    UUID id = UUID.randomUUID();
    User created = users.create(new User(id, "Mia." + id + "@Example.COM", "Mia", Role.SUPERVISOR,
        "$2a$12$hash", 5, false));

    assertThat(created.email()).isEqualTo("mia." + id + "@example.com");
    assertThat(users.findByEmail("MIA." + id.toString().toUpperCase() + "@example.com"))
        .contains(created);
    assertThat(users.find(id)).contains(created);
    assertThat(created.role()).isEqualTo(Role.SUPERVISOR);
    assertThat(created.capacity()).isEqualTo(5);
    assertThat(users.find(UUID.randomUUID())).isEmpty();
    assertThat(users.findByEmail("nobody-" + id + "@example.com")).isEmpty();
  }

  @Test
  void anEmailDifferingOnlyInCaseIsTaken() {
    User first = fixture.newAgent();
    User twin = new User(UUID.randomUUID(), first.email().toUpperCase(), "Twin", Role.AGENT,
        "$2a$12$hash", 3, false);
    assertThatThrownBy(() -> users.create(twin))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void toStringKeepsThePasswordHashOut() {
    assertThat(fixture.newAgent().toString()).doesNotContain("argon2");
  }

  @Test
  void queueMembershipsGoBothWays() {
    User agent = fixture.newAgent();
    User other = fixture.newAgent();
    String second = "q-" + UUID.randomUUID();
    fixture.queues.create(new QueueInfo(second, fixture.siteId, "Sales", 1));

    users.addToQueue(fixture.queueId, agent.id());
    users.addToQueue(fixture.queueId, agent.id());
    users.addToQueue(second, agent.id());
    users.addToQueue(fixture.queueId, other.id());

    assertThat(users.queuesOf(agent.id()))
        .containsExactlyInAnyOrder(fixture.queueId, second);
    assertThat(users.membersOf(fixture.queueId))
        .containsExactlyInAnyOrder(agent.id(), other.id());
    assertThat(users.membersOf(second)).containsExactly(agent.id());
    assertThat(users.queuesOf(UUID.randomUUID())).isEmpty();
  }

  @Test
  void roleWireNamesRoundTrip() {
    for (Role role : Role.values()) {
      assertThat(Role.fromWire(role.wire())).isEqualTo(role);
    }
    assertThat(Role.ADMIN.wire()).isEqualTo("admin");
    assertThatThrownBy(() -> Role.fromWire("root")).isInstanceOf(IllegalArgumentException.class);
  }
}
