package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.sdk.ChatListener;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestCertificates;
import io.switchboard.server.testing.TestNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The widget on a page served over HTTPS, in real Chromium: the demo shop page and the widget
 * frame come from a node with a certificate from a test authority (the browser is told to accept
 * it, as it would a certificate from a public authority), the widget's WebSocket is {@code wss://}
 * and never {@code ws://}, and a visitor and an agent (on the Java SDK over WSS) exchange
 * messages.
 */
class WidgetTlsBrowserTest {
  @TempDir
  static Path files;
  private static TestNode node;
  private static Fixtures fixtures;
  private static Playwright playwright;
  private static Browser browser;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates authority = TestCertificates.authority("Browser Test CA");
    TestCertificates.write(authority.issue(BigInteger.valueOf(9)), files.resolve("node.crt"),
        files.resolve("node.key"));
    node = TestNode.start(Map.of("SWITCHBOARD_TLS_CERT", files.resolve("node.crt").toString(),
        "SWITCHBOARD_TLS_KEY", files.resolve("node.key").toString()));
    fixtures = Fixtures.create(node.node().database().jdbi());
    client = HttpClient.newBuilder().sslContext(authority.trustingContext()).build();
    if (!Files.isExecutable(BrowserTest.CHROMIUM)) {
      throw new IllegalStateException(BrowserTest.CHROMIUM + " is missing");
    }
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(BrowserTest.CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theWidgetOnAnHttpsPageChatsOverWss() throws Exception {
    String base = "https://localhost:" + node.port();
    List<ServerMessage> agentEvents = new CopyOnWriteArrayList<>();
    try (ChatClient agent = onlineAgent(base, agentEvents);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setIgnoreHTTPSErrors(true).setLocale("en-US").setViewportSize(1280, 800))) {
      Page page = context.newPage();
      List<String> sockets = new CopyOnWriteArrayList<>();
      page.onWebSocket(socket -> sockets.add(socket.url()));
      Response demo = page.navigate(base + "/demo?site=" + fixtures.siteKey);
      assertThat(demo.status()).isEqualTo(200);
      assertThat(demo.headers()).containsEntry("strict-transport-security", "max-age=31536000");

      page.locator("#switchboard-launcher").click();
      FrameLocator widget = page.frameLocator("iframe#switchboard-chat-frame");
      widget.getByLabel("Name").fill("Ada");
      widget.getByLabel("Email").fill("ada@example.com");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start chat"))
          .click();
      Locator input = widget.locator("#sb-input");
      assertThat(input).isVisible();
      input.fill("Hello over wss");
      input.press("Enter");
      assertThat(input).hasValue("");

      ServerMessage.Assigned assigned = Awaitility.await().atMost(Duration.ofSeconds(15))
          .until(() -> agentEvents.stream().filter(ServerMessage.Assigned.class::isInstance)
              .map(ServerMessage.Assigned.class::cast).findFirst().orElse(null), Objects::nonNull);
      agent.accept(assigned.conversationId()).get(15, TimeUnit.SECONDS);
      agent.send(assigned.conversationId(), "Hello back over wss").get(15, TimeUnit.SECONDS);
      assertThat(widget.locator(".sb-log .sb-bubble", new FrameLocator.LocatorOptions()
          .setHasText("Hello back over wss"))).isVisible();
      Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> node.node().database().jdbi()
          .withHandle(handle -> handle.createQuery(
              "select count(*) from messages where body = 'Hello over wss'")
              .mapTo(Integer.class).one()) == 1);
      assertThat(sockets).isNotEmpty()
          .allMatch(url -> url.startsWith("wss://localhost:" + node.port() + "/v1/ws"),
              "a wss:// URL to the node");
      Path shot = Path.of("target", "screenshots", getClass().getSimpleName(),
          "theWidgetOnAnHttpsPageChatsOverWss.png");
      page.screenshot(new Page.ScreenshotOptions().setPath(shot));
    }
  }

  /** An agent signed in over HTTPS and online over WSS, trusting the test authority only. */
  private static ChatClient onlineAgent(String base, List<ServerMessage> events) throws Exception {
    Fixtures.Agent account = fixtures.addAgent(2);
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(
        URI.create(base + "/v1/agents/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + account.email()
            + "\",\"password\":\"" + account.password() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    String token = login.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    ChatClient agent = ChatClient.builder(URI.create(base.replace("https:", "wss:") + "/v1/ws"))
        .token(token).httpClient(client).listener(new ChatListener() {
          @Override
          public void onEvent(ServerMessage event) {
            events.add(event);
          }
        }).build();
    agent.connect().get(15, TimeUnit.SECONDS);
    agent.setStatus("online").get(15, TimeUnit.SECONDS);
    return agent;
  }
}
