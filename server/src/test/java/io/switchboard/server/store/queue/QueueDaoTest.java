package io.switchboard.server.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueueDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final QueueDao queues = fixture.queues;

  @Test
  void queuesBelongToTheirSiteByPriority() {
    QueueInfo sales = new QueueInfo("q-" + UUID.randomUUID(), fixture.siteId, "Sales", 5);
    QueueInfo complaints = new QueueInfo("q-" + UUID.randomUUID(), fixture.siteId, "Complaints", 9);
    queues.create(sales);
    queues.create(complaints);

    assertThat(queues.find(sales.id())).contains(sales);
    assertThat(queues.find("q-" + UUID.randomUUID())).isEmpty();
    assertThat(queues.forSite(fixture.siteId))
        .containsExactly(complaints, sales, new QueueInfo(fixture.queueId, fixture.siteId,
            "Support", 0));
    assertThat(fixture.sites.find(fixture.siteId).orElseThrow().defaultQueueId())
        .isEqualTo(fixture.queueId);
  }

  @Test
  void aQueueOfAnUnknownSiteIsNotFound() {
    QueueInfo orphan = new QueueInfo("q-" + UUID.randomUUID(), "site-" + UUID.randomUUID(), "X", 0);
    assertThatThrownBy(() -> queues.create(orphan))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
