package io.switchboard.server.store.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SiteDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final SiteDao sites = fixture.sites;

  @Test
  void storesAndFindsSitesByIdAndKey() {
    String id = "site-" + UUID.randomUUID();
    String key = "key-" + UUID.randomUUID();
    Site site = new Site(id, "Shop", key, List.of("https://a.example", "https://b.example"), null);
    sites.create(site);

    assertThat(sites.find(id)).contains(site);
    assertThat(sites.findBySiteKey(key)).contains(site);
    assertThat(sites.find("site-" + UUID.randomUUID())).isEmpty();
    assertThat(sites.findBySiteKey("nope-" + UUID.randomUUID())).isEmpty();
    assertThat(sites.anySite()).isTrue();
  }

  @Test
  void siteWithoutOriginsHasAnEmptyList() {
    String id = "site-" + UUID.randomUUID();
    sites.create(new Site(id, "Bare", "key-" + UUID.randomUUID(), null, null));
    assertThat(sites.find(id).orElseThrow().allowedOrigins()).isEmpty();
  }

  @Test
  void aTakenSiteKeyIsAConflict() {
    Site existing = fixture.sites.find(fixture.siteId).orElseThrow();
    Site copy = new Site("site-" + UUID.randomUUID(), "Copy", existing.siteKey(), List.of(), null);
    assertThatThrownBy(() -> sites.create(copy))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }
}
