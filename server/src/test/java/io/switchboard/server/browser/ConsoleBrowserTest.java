package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import io.switchboard.server.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * Shared steps of the agent console tests: open the console, sign in, set a status. Every page
 * opened here collects uncaught page errors, which fail the test.
 *
 * <p>Not thread-safe: JUnit runs these tests one at a time.
 */
abstract class ConsoleBrowserTest extends BrowserTest {
  protected final List<BrowserContext> contexts = new ArrayList<>();
  protected final List<String> pageErrors = new ArrayList<>();

  @BeforeAll
  static void assertionTimeout() {
    PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
  }

  /**
   * Waits until the page's requests are answered (the WebSocket does not count), for 5 s at most.
   * A page that polls (the wall asks for its figures every 1.5 s) may never be quiet for
   * Playwright's 500 ms when the shared test database is large and each answer takes a while;
   * after 5 s the caller reads what the page shows (callers check first that it is shown).
   */
  protected static void settle(Page page) {
    try {
      page.waitForLoadState(LoadState.NETWORKIDLE,
          new Page.WaitForLoadStateOptions().setTimeout(5_000));
    } catch (TimeoutError polling) {
      // Still asking, as a polling page does: what it shows now is what is read.
    }
  }

  @AfterEach
  void closeContexts(TestInfo info) {
    int n = 0;
    for (BrowserContext context : contexts) {
      for (Page page : context.pages()) {
        try {
          screenshot(page, info, "zz-last-" + n++);
        } catch (RuntimeException e) {
          // A page that cannot be captured any more is not worth failing the test for.
        }
      }
    }
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    org.assertj.core.api.Assertions.assertThat(pageErrors).as("uncaught errors in the console").isEmpty();
  }

  protected Jdbi jdbi() {
    return node.node().database().jdbi();
  }

  /** A fresh browser profile with the console open on its login page. */
  protected Page openConsole() {
    BrowserContext context = newContext();
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    if (Boolean.getBoolean("console.debug")) {
      page.onConsoleMessage(message -> System.out.println("console: " + message.text()));
      page.onResponse(response -> {
        if (response.status() >= 400) {
          System.out.println("http " + response.status() + " " + response.url());
        }
      });
      page.onWebSocket(socket -> {
        socket.onFrameReceived(frame -> System.out.println("ws< " + frame.text()));
        socket.onFrameSent(frame -> System.out.println("ws> " + frame.text()));
      });
    }
    page.navigate(baseUrl() + "/console");
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Switchboard")))
        .isVisible();
    return page;
  }

  /** Fills and sends the sign-in form, in whichever language the page speaks. */
  protected void fillLogin(Page page, String email, String password) {
    page.locator("#login-email").fill(email);
    page.locator("#login-password").fill(password);
    page.locator(".login-card button[type=submit]").click();
  }

  /** Signs in and waits until the console is connected. */
  protected void login(Page page, Fixtures.Agent user) {
    fillLogin(page, user.email(), user.password());
    assertThat(page.locator(".topbar")).isVisible();
    assertThat(page.locator(".connection")).hasAttribute("data-state", "open");
  }

  /**
   * Signs the user in on a new page of {@code context} (its locale and screen size), goes online
   * and opens the first chat offered.
   */
  protected Page openFirstChat(BrowserContext context, Fixtures.Agent user) {
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(baseUrl() + "/console");
    fillLogin(page, user.email(), user.password());
    assertThat(page.locator(".connection")).hasAttribute("data-state", "open");
    page.locator(".status-select").selectOption("online");
    page.locator(".conv-item").first().click();
    return page;
  }

  /** Chooses a status in the header and waits until the server confirmed it. */
  protected void setStatus(Page page, String status) {
    page.locator(".status-select").selectOption(status);
    page.waitForFunction("s => localStorage.getItem(Object.keys(localStorage)"
        + ".find(k => k.startsWith('switchboard.console.status.'))) === s", status);
  }

  /**
   * Opens the admin tab named {@code tab} with the request matching {@code glob} held, so the
   * test can act while the tab's lists load; the returned step lets the request go.
   */
  protected Runnable openTabWithListHeld(Page page, String tab, String glob) {
    List<Route> held = new CopyOnWriteArrayList<>();
    page.route(glob, held::add);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(tab)).click();
    page.waitForCondition(() -> !held.isEmpty());
    return () -> {
      page.unroute(glob);
      held.get(0).resume();
    };
  }
}
