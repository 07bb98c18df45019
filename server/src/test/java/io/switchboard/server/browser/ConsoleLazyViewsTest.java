package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.LoadState;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console loads a page's code the first time the page is shown. After an admin signs in, the
 * inbox shows without any other page's module having been fetched; the reports page, opened with
 * the keyboard, fetches its module once, however often the admin goes back and forth; a reload on
 * a page's address lands on that page; a page whose module is being fetched while the admin
 * chooses another is not shown; and a module the browser cannot fetch shows a translated error
 * whose retry loads the page. Prints the JavaScript requests and bytes before the inbox shows and
 * after every page was opened. In English and Chinese.
 */
class ConsoleLazyViewsTest extends ConsoleTicketBrowserTest {

  /** Each page the admin opens, and the element that shows it has rendered. */
  private static final Map<String, String> PAGES = new LinkedHashMap<>();

  static {
    PAGES.put("tickets", "#tickets-title");
    PAGES.put("contacts", "#contacts-title");
    PAGES.put("companies", "#companies-title");
    PAGES.put("visitors", "#visitors-table");
    PAGES.put("wall", "#wall-queue-table");
    PAGES.put("reports", "#reports-title");
    PAGES.put("canned", "#canned-table");
    PAGES.put("admin", ".admin-tabs-page");
    PAGES.put("account", "#account-name");
    PAGES.put("search", "#search-title");
  }

  /** The module of each page above, and modules only those pages use. */
  private static final List<String> LAZY = List.of("views/tickets-page.js", "views/ticket-list.js",
      "views/ticket-view.js", "views/contacts-page.js", "views/contact-list.js",
      "views/companies-page.js", "views/visitors.js", "views/wall.js", "views/wall-waiting.js",
      "views/monitor.js", "views/reports-page.js", "views/reports-overview.js", "views/canned.js",
      "views/admin-page.js", "views/admin-users.js", "views/account.js", "views/search-page.js",
      "views/password-link.js");

  private final List<Request> requests = new CopyOnWriteArrayList<>();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  void pagesAreFetchedWhenFirstShown(String locale, TestInfo info) throws Exception {
    boolean chinese = locale.startsWith("zh");
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale(locale).setViewportSize(1280, 900));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.onRequest(requests::add);
    page.navigate(baseUrl() + "/console");
    login(page, admin);
    assertThat(page.locator(".inbox-page")).isVisible();
    page.waitForLoadState(LoadState.NETWORKIDLE);

    // The inbox came with its own modules and no other page's.
    List<Request> atInbox = scripts();
    print(locale, "before the inbox shows", atInbox);
    assertThat(modules(atInbox)).contains("views/inbox-view.js", "views/ticket-context.js")
        .doesNotContainAnyElementsOf(LAZY);
    screenshot(page, info, "inbox-" + locale);

    // Reports by the keyboard: its module is fetched once, and not again on the way back.
    page.locator("a.nav-link[data-page=reports]").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#reports-title")).hasText(chinese ? "报表" : "Reports");
    assertThat(page.locator("main")).hasAttribute("aria-busy", "false");
    assertThat(fetched("views/reports-page.js")).isEqualTo(1);
    page.locator("a.nav-link[data-page=inbox]").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator(".inbox-page")).isVisible();
    page.goBack();
    assertThat(page.locator("#reports-title")).isVisible();
    page.goBack();
    assertThat(page.locator(".inbox-page")).isVisible();
    page.goForward();
    assertThat(page.locator("#reports-title")).isVisible();
    page.locator("a.nav-link[data-page=reports]").press("Enter");
    assertThat(page.locator("a.nav-link[data-page=reports]")).hasAttribute("aria-current", "page");
    assertThat(fetched("views/reports-page.js")).isEqualTo(1);

    // Every page once: each module is fetched once, and the page renders.
    for (Map.Entry<String, String> entry : PAGES.entrySet()) {
      go(page, entry.getKey());
      assertThat(page.locator(entry.getValue()).first()).isVisible();
      assertThat(page.locator("#page-failed")).hasCount(0);
    }
    page.waitForLoadState(LoadState.NETWORKIDLE);
    print(locale, "after every page was opened", scripts());
    assertThat(fetched("views/admin-page.js")).isEqualTo(1);
    assertThat(fetched("views/wall.js")).isEqualTo(1);
    assertThat(fetched("views/reports-page.js")).isEqualTo(1);

    // A reload on the page's address lands on that page.
    page.navigate(baseUrl() + "/console#/reports/queues");
    page.reload();
    assertThat(page.locator("#reports-title")).isVisible();
    assertThat(page.locator(".report-tab[data-section=queues]")).hasAttribute("aria-current", "page");
    assertThat(fetched("views/reports-page.js")).isEqualTo(2);
    assertThat(fetched("views/admin-page.js")).isEqualTo(1);

    stalePageIsNotShown(context, chinese);
    failedPageShowsARetry(context, locale, admin, info);
  }

  /** Reports still loading when the admin opens the wall: the wall stays, reports come at once later. */
  private void stalePageIsNotShown(BrowserContext context, boolean chinese) {
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    List<Route> held = new CopyOnWriteArrayList<>();
    page.route("**/views/reports-page.js", held::add);
    page.navigate(baseUrl() + "/console");
    assertThat(page.locator(".inbox-page")).isVisible();
    page.locator("a.nav-link[data-page=reports]").click();
    page.waitForCondition(() -> !held.isEmpty());
    assertThat(page.locator("main")).hasAttribute("aria-busy", "true");
    assertThat(page.locator("#page-loading")).hasText(chinese ? "加载中…" : "Loading…");
    page.locator("a.nav-link[data-page=wall]").click();
    assertThat(page.locator("#wall-queue-table")).isVisible();
    held.get(0).resume();
    held.get(0).request().response();
    page.waitForTimeout(300);
    assertThat(page.locator("#wall-queue-table")).isVisible();
    assertThat(page.locator("#reports-title")).hasCount(0);
    assertThat(page.locator("a.nav-link[data-page=wall]")).hasAttribute("aria-current", "page");
    // The module that arrived late made the page: opening it fetches nothing more.
    page.locator("a.nav-link[data-page=reports]").click();
    assertThat(page.locator("#reports-title")).isVisible();
    assertThat(held).hasSize(1);
    page.close();
  }

  /** The reports module cannot be fetched: a translated error, and a retry that loads the page. */
  private void failedPageShowsARetry(BrowserContext context, String locale, Fixtures.Agent admin,
      TestInfo info) throws Exception {
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.route("**/views/reports-page.js", Route::abort);
    page.navigate(baseUrl() + "/console");
    assertThat(page.locator(".inbox-page")).isVisible();
    page.locator("a.nav-link[data-page=reports]").click();
    assertThat(page.locator("#page-failed [role=alert]")).hasText(locale.startsWith("zh")
        ? "此页面无法加载。请检查网络连接后重试。"
        : "This page could not be loaded. Check your connection, then try again.");
    assertThat(page.locator("main")).hasAttribute("aria-busy", "false");
    assertThat(page.locator("a.nav-link[data-page=reports]")).hasAttribute("aria-current", "page");
    assertThat(problems(page)).isEmpty();
    if (locale.startsWith("zh")) {
      assertThat(english(page, token(admin), List.of(admin.name()))).isEmpty();
    }
    screenshot(page, info, "failed-" + locale);
    page.unroute("**/views/reports-page.js");
    page.locator("#page-retry").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#reports-title")).isVisible();
    assertThat(page.locator("#page-failed")).hasCount(0);
    page.close();
  }

  /** The JavaScript the first page fetched so far. */
  private List<Request> scripts() {
    List<Request> scripts = new ArrayList<>();
    for (Request request : requests) {
      if (URI.create(request.url()).getPath().endsWith(".js")) {
        scripts.add(request);
      }
    }
    return scripts;
  }

  /** The console's modules among {@code scripts}, as paths below /console/. */
  private static List<String> modules(List<Request> scripts) {
    return scripts.stream().map(r -> URI.create(r.url()).getPath())
        .map(path -> path.contains("/console/")
            ? path.substring(path.indexOf("/console/") + "/console/".length()) : path)
        .toList();
  }

  /** How often the first page fetched the console module {@code module}. */
  private long fetched(String module) {
    return modules(scripts()).stream().filter(module::equals).count();
  }

  /** Prints the requests and bytes of {@code scripts}: all JavaScript, and the console's own. */
  private static void print(String locale, String when, List<Request> scripts) {
    long bytes = 0;
    long consoleBytes = 0;
    int console = 0;
    for (Request request : scripts) {
      int size = Math.max(0, request.sizes().responseBodySize);
      bytes += size;
      if (URI.create(request.url()).getPath().contains("/console/")) {
        console++;
        consoleBytes += size;
      }
    }
    System.out.printf("console JavaScript %s (%s): %d requests, %d bytes; of them the console's"
        + " own modules: %d requests, %d bytes%n", when, locale, scripts.size(), bytes, console,
        consoleBytes);
  }
}
