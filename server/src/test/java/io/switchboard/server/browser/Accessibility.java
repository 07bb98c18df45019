package io.switchboard.server.browser;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs axe-core (installed by {@code scripts/test.sh} from {@code src/test/axe}) in a page and
 * lists the critical and serious violations. The script is served from the page's own origin
 * through a Playwright route, so the console's Content-Security-Policy stays as it ships.
 *
 * <p>Not thread-safe: one page at a time, like Playwright pages.
 */
final class Accessibility {
  private static final Path AXE = Path.of("src/test/axe/node_modules/axe-core/axe.min.js");
  private static final String ROUTE = "/__test-only/axe.min.js";
  private static final String RUN = """
      async () => {
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations
          .filter((v) => v.impact === 'critical' || v.impact === 'serious')
          .map((v) => `${v.impact} ${v.id}: ${v.help} at `
            + v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', '));
      }""";

  private Accessibility() {}

  /** The critical and serious findings on what the page shows now, one line each. */
  @SuppressWarnings("unchecked")
  static List<String> seriousViolations(Page page) {
    if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
      String origin = page.evaluate("() => location.origin").toString();
      page.route(origin + ROUTE, route -> route.fulfill(new com.microsoft.playwright.Route
          .FulfillOptions().setContentType("text/javascript").setBody(source())));
      page.addScriptTag(new Page.AddScriptTagOptions().setUrl(origin + ROUTE));
    }
    return (List<String>) page.evaluate(RUN);
  }

  private static String source() {
    if (!Files.isRegularFile(AXE)) {
      throw new IllegalStateException(AXE.toAbsolutePath()
          + " is missing: scripts/test.sh installs it (npm ci --prefix server/src/test/axe)");
    }
    try {
      return Files.readString(AXE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
