package io.switchboard.server.transport;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the static pages need to know about sites: which site the demo page shows by default, and
 * which host origins may frame a site's widget.
 *
 * <p>Implementations are thread-safe and never block the caller.
 */
public interface SitePages {
  /** The site key the demo page uses when none is given. */
  CompletableFuture<Optional<String>> demoSiteKey();

  /**
   * The origins allowed to embed the site's widget: empty when any origin may (no allow-list),
   * and empty Optional for an unknown site key.
   */
  CompletableFuture<Optional<List<String>>> allowedOrigins(String siteKey);
}
