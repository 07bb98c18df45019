package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a shop page that embeds the widget, and the console's first screen, cost the browser: the
 * requests that reach the network, the bytes on the wire and the sockets, on a first visit and on
 * a repeat visit with a warm cache, counted by Chromium itself (DevTools network events). With
 * {@code -Dswitchboard.pageWeight.out=FILE} the figures are also written there
 * ({@code scripts/bench-page-weight.sh}).
 */
class PageWeightTest extends WidgetBrowserTest {
  /** One visit as Chromium saw it. */
  record Visit(int network, int fromCache, long bytes, int sockets, List<String> urls,
      List<String> uncompressed, Map<String, Long> bytesByUrl) {}

  private Visit visit(BrowserContext context, String path, Consumer<Page> ready) {
    Page page = context.newPage();
    CDPSession cdp = context.newCDPSession(page);
    Map<String, String> urls = new ConcurrentHashMap<>();
    Map<String, Boolean> cached = new ConcurrentHashMap<>();
    Map<String, Long> bytes = new ConcurrentHashMap<>();
    List<String> sockets = new ArrayList<>();
    List<String> uncompressed = new ArrayList<>();
    cdp.on("Network.requestWillBeSent", event -> urls.put(id(event),
        event.getAsJsonObject("request").get("url").getAsString()));
    cdp.on("Network.requestServedFromCache", event -> cached.put(id(event), true));
    cdp.on("Network.responseReceived", event -> {
      JsonObject response = event.getAsJsonObject("response");
      if (response.get("fromDiskCache").getAsBoolean()) {
        cached.put(id(event), true);
      }
      String url = response.get("url").getAsString();
      JsonObject headers = response.getAsJsonObject("headers");
      boolean text = url.endsWith(".js") || url.endsWith(".css") || url.endsWith(".html");
      // Files under 256 bytes are sent as they are: gzip's header would eat the gain.
      long length = headers.entrySet().stream()
          .filter(h -> h.getKey().equalsIgnoreCase("content-length"))
          .mapToLong(h -> Long.parseLong(h.getValue().getAsString())).findFirst().orElse(-1);
      if (text && response.get("status").getAsInt() == 200 && (length < 0 || length >= 256)
          && headers.entrySet().stream()
              .noneMatch(h -> h.getKey().equalsIgnoreCase("content-encoding"))) {
        synchronized (uncompressed) {
          uncompressed.add(url);
        }
      }
    });
    cdp.on("Network.loadingFinished", event ->
        bytes.put(id(event), event.get("encodedDataLength").getAsLong()));
    cdp.on("Network.webSocketCreated", event -> {
      synchronized (sockets) {
        sockets.add(event.get("url").getAsString());
      }
    });
    cdp.send("Network.enable");
    page.navigate(baseUrl() + path);
    ready.accept(page);
    page.waitForLoadState(LoadState.NETWORKIDLE);
    String host = baseUrl() + path;
    List<String> network = new ArrayList<>();
    long total = 0;
    Map<String, Long> byUrl = new java.util.TreeMap<>();
    int fromCache = 0;
    for (Map.Entry<String, String> request : urls.entrySet()) {
      String url = request.getValue();
      if (url.equals(host) || url.equals(baseUrl() + "/favicon.ico") && path.startsWith("/demo")) {
        continue; // the host page and its icon are the shop's, not ours
      }
      if (cached.containsKey(request.getKey())) {
        fromCache++;
      } else {
        network.add(request.getValue().substring(baseUrl().length()));
        total += bytes.getOrDefault(request.getKey(), 0L);
        byUrl.merge(url.substring(baseUrl().length()), bytes.getOrDefault(request.getKey(), 0L),
            Long::sum);
      }
    }
    page.close();
    network.sort(null);
    synchronized (sockets) {
      return new Visit(network.size(), fromCache, total, sockets.size(), network,
          List.copyOf(uncompressed), byUrl);
    }
  }

  private static String id(JsonObject event) {
    return event.get("requestId").getAsString();
  }

  @Test
  void theShopPageAndTheConsoleAreLightAndTheRepeatVisitIsCached() throws IOException {
    StringBuilder report = new StringBuilder("| page | visit | network requests | from cache"
        + " | bytes on the wire | WebSockets |\n|---|---|---|---|---|---|\n");
    StringBuilder requests = new StringBuilder();
    try (BrowserContext context = newContext()) {
      Visit first = visit(context, "/demo?site=" + fixtures.siteKey, page ->
          assertThat(launcher(page)).isVisible());
      Visit repeat = visit(context, "/demo?site=" + fixtures.siteKey, page ->
          assertThat(launcher(page)).isVisible());
      // What the chat costs when the visitor opens it: the frame, its modules, a token, a socket.
      Visit opened = visit(context, "/demo?site=" + fixtures.siteKey, page -> {
        launcher(page).click();
        assertThat(widget(page).locator("form").first()).isVisible();
      });
      row(report, "shop page with the widget (closed)", "first", first);
      row(report, "shop page with the widget (closed)", "repeat", repeat);
      row(report, "shop page, the visitor opens the chat", "after those", opened);
      requests.append("\nFirst visit of the shop page, requests that reached the server: ")
          .append(String.join(", ", first.urls())).append('\n');
      requests.append("\nRepeat visit of the shop page, requests that reached the server: ")
          .append(String.join(", ", repeat.urls())).append('\n');
      requests.append("\nOpening the chat, requests that reached the server: ")
          .append(String.join(", ", opened.urls())).append('\n');
      long loader = first.bytesByUrl().getOrDefault("/widget.js", 0L);
      requests.append("\nThe loader `/widget.js` on the first visit: ").append(loader)
          .append(" bytes on the wire, headers included.\n");
      assertThat(loader).as("the loader, compressed, with its headers").isBetween(1L, 5_500L);
      assertThat(first.uncompressed()).isEmpty();
      // The first view: the loader and its report, which makes the visitor; no frame, no socket.
      assertThat(first.urls()).containsExactly("/v1/widget/first-view", "/widget.js");
      assertThat(first.sockets()).isZero();
      // A repeat visit fetches no versioned file and not the loader; the frame is revalidated.
      assertThat(repeat.urls()).noneMatch(url -> url.startsWith("/assets/"))
          .doesNotContain("/widget.js");
      assertThat(repeat.bytes()).isLessThan(first.bytes() / 5);
      // The light start: the loader from the cache and one page report; no frame, no socket.
      assertThat(repeat.urls()).containsExactly("/v1/widget/page-view");
      assertThat(repeat.sockets()).isZero();
      assertThat(opened.urls()).contains("/v1/visitors").anyMatch(url -> url.startsWith("/assets/"));
      assertThat(opened.sockets()).isEqualTo(1);
      // The visitor's tickets are read once a page view, when the socket is ready.
      for (Visit visit : List.of(first, repeat)) {
        assertThat(visit.urls()).filteredOn(url -> url.startsWith("/v1/visitor/tickets"))
            .hasSizeLessThanOrEqualTo(1);
      }
    }
    try (BrowserContext context = newContext()) {
      Visit first = visit(context, "/console/", page ->
          assertThat(page.getByLabel("Email")).isVisible());
      Visit repeat = visit(context, "/console/", page ->
          assertThat(page.getByLabel("Email")).isVisible());
      row(report, "console sign-in", "first", first);
      row(report, "console sign-in", "repeat", repeat);
      assertThat(first.uncompressed()).isEmpty();
      assertThat(repeat.urls()).noneMatch(url -> url.startsWith("/assets/"));
      assertThat(repeat.network()).isLessThanOrEqualTo(2);
    }
    report.append(requests);
    System.out.println(report);
    String out = System.getProperty("switchboard.pageWeight.out");
    if (out != null && !out.isBlank()) {
      Files.writeString(Path.of(out), report.toString());
    }
  }

  private static void row(StringBuilder report, String page, String visit, Visit figures) {
    report.append("| ").append(page).append(" | ").append(visit).append(" | ")
        .append(figures.network()).append(" | ").append(figures.fromCache()).append(" | ")
        .append(figures.bytes()).append(" | ").append(figures.sockets()).append(" |\n");
  }
}
