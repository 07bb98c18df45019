package io.switchboard.server.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Merges of the same contacts at once, in opposite directions: one wins, nothing deadlocks. */
class ContactMergeRaceTest {
  @Test
  void oppositeMergesAtOnceEndWithExactlyOneMerge() throws Exception {
    StoreFixture fixture = new StoreFixture();
    ContactService service = new ContactService(StoreFixture.database().jdbi(),
        Clock.systemUTC());
    Principal admin = new Principal(Role.ADMIN, fixture.newAgent().id().toString(), null, "A",
        3, null, null, null);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        UUID a = create(service, admin, fixture.siteId);
        UUID b = create(service, admin, fixture.siteId);
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(
            () -> tryMerge(service, admin, a, b, start), pool);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
            () -> tryMerge(service, admin, b, a, start), pool);
        start.countDown();
        int merged = (first.get(30, TimeUnit.SECONDS) ? 1 : 0)
            + (second.get(30, TimeUnit.SECONDS) ? 1 : 0);
        assertThat(merged).as("round " + round).isEqualTo(1);
        ContactProfile one = service.profiles().find(a).orElseThrow();
        ContactProfile other = service.profiles().find(b).orElseThrow();
        assertThat((one.mergedInto() == null ? 0 : 1) + (other.mergedInto() == null ? 0 : 1))
            .isEqualTo(1);
        assertThat(service.profiles().survivor(a)).isEqualTo(service.profiles().survivor(b));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static UUID create(ContactService service, Principal admin, String siteId) {
    return service.create(admin, new ContactService.NewContact(siteId, "Racer", null, null,
        List.of(), List.of(), null, null, null, List.of(), null, "staff")).id();
  }

  private static boolean tryMerge(ContactService service, Principal admin, UUID survivor,
      UUID merged, CountDownLatch start) {
    try {
      start.await();
      service.merge(admin, survivor, merged);
      return true;
    } catch (SwitchboardException e) {
      assertThat(e.getMessage()).matches(
          "^(" + ContactMerger.MERGED_MEANWHILE + "|" + ContactMerger.SAME_CONTACT + "):.*");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
