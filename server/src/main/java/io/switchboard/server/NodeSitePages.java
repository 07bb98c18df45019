package io.switchboard.server;

import io.switchboard.server.store.Stores;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.transport.SitePages;
import io.switchboard.server.util.BlockingExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the demo page and the widget frame read about sites, from the site store on the store
 * executor.
 *
 * <p>Thread-safe: stateless over thread-safe parts.
 */
final class NodeSitePages implements SitePages {
  private final Stores stores;
  private final BlockingExecutor store;

  NodeSitePages(Stores stores, BlockingExecutor store) {
    this.stores = stores;
    this.store = store;
  }

  @Override
  public CompletableFuture<Optional<String>> demoSiteKey() {
    return store.call(stores.sites()::firstSiteKey);
  }

  @Override
  public CompletableFuture<Optional<List<String>>> allowedOrigins(String siteKey) {
    return store.call(() -> stores.sites().findBySiteKey(siteKey).map(Site::allowedOrigins));
  }
}
