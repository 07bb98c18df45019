package io.switchboard.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the browser tests: one real Switchboard node, one fresh site, and Debian's Chromium
 * driven by Playwright (its own browser download is switched off), one Chromium for the whole
 * run. Each test opens its own browser contexts (a visitor and an agent are two contexts, like
 * two people) and, with {@code -Dswitchboard.screenshots=true}, saves screenshots of its key steps
 * under {@code target/screenshots/<test class>/}.
 *
 * <p>Not thread-safe: JUnit runs these tests one at a time.
 */
public abstract class BrowserTest {
  /** Where Debian installs Chromium; scripts/test.sh installs it when missing. */
  public static final Path CHROMIUM = Path.of(
      System.getenv().getOrDefault("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium"));

  /**
   * Whether {@link #screenshot} saves its pictures: {@code -Dswitchboard.screenshots=true}
   * (scripts/guide-screenshots.sh sets it). The test run itself leaves them out: encoding about 280
   * full-page pictures nobody reads cost it time on every run.
   */
  static final boolean SCREENSHOTS = Boolean.getBoolean("switchboard.screenshots");

  protected static TestNode node;
  protected static Fixtures fixtures;
  protected static Playwright playwright;
  protected static Browser browser;
  private static boolean hookAdded;

  @BeforeAll
  static void startBrowserAndNode() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(CHROMIUM + " is missing: run scripts/test.sh, which installs"
          + " Chromium with apt-get, or set SWITCHBOARD_CHROMIUM");
    }
    node = TestNode.start();
    fixtures = Fixtures.create(node.node().database().jdbi());
    sharedBrowser();
  }

  /**
   * One Chromium for every browser test class of the run, started by the first and stopped when
   * the JVM exits: each test still works in browser contexts of its own (isolated profiles), and
   * the suite saves a Playwright driver and a Chromium start per class. A browser that crashed is
   * started again.
   */
  private static synchronized void sharedBrowser() {
    if (browser != null && browser.isConnected()) {
      return;
    }
    if (playwright != null) {
      playwright.close();
    }
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    if (!hookAdded) {
      hookAdded = true;
      Runtime.getRuntime().addShutdownHook(new Thread(BrowserTest::closeBrowser,
          "close-chromium"));
    }
  }

  private static synchronized void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  /** A new, isolated browser profile (cookies, storage, network state of its own). */
  protected BrowserContext newContext() {
    return browser.newContext(new Browser.NewContextOptions().setLocale("en-US")
        .setViewportSize(1280, 800));
  }

  /** The node's base URL, e.g. {@code http://127.0.0.1:41234}. */
  protected String baseUrl() {
    return node.http().toString();
  }

  /** Saves a full-page screenshot as target/screenshots/<class>/<test>-<step>.png. */
  protected Path screenshot(Page page, TestInfo test, String step) {
    return screenshot(page, test, step, true);
  }

  /**
   * Saves a screenshot as target/screenshots/<class>/<test>-<step>.png: the whole page, or only
   * what the window shows ({@code fullPage} false, for a page as long as the shared test
   * database makes some lists).
   */
  protected Path screenshot(Page page, TestInfo test, String step, boolean fullPage) {
    String method = test.getTestMethod().map(m -> m.getName()).orElse("test");
    Path file = Path.of("target", "screenshots", getClass().getSimpleName(),
        method + "-" + step + ".png");
    if (SCREENSHOTS) {
      page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage));
    }
    return file;
  }
}
