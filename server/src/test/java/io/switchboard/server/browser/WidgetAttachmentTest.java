package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.switchboard.server.browser.BrowserFiles.download;
import static io.switchboard.server.browser.BrowserFiles.dropFile;
import static io.switchboard.server.browser.BrowserFiles.pasteFile;
import static io.switchboard.server.browser.BrowserFiles.pdf;
import static io.switchboard.server.browser.BrowserFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in the widget against a real node. In a chat the visitor attaches a PNG by the button, a
 * PDF dropped on the chat and an image pasted into the message box; the agent gets the message
 * with the three files and can download them, and the agent's own files show as a thumbnail
 * (opening larger in a dialog that Escape closes, the focus going back) and a download card. A
 * file over the site's limit and a type the site refuses say so and hold the message back. A
 * message with a file written while the network is down is delivered once when it is back; a
 * file uploaded before a reload is still there to send after it, and one still uploading then is
 * shown as not uploaded (an upload cut off by the network starts again); a message with a file written
 * while the socket is refused is still pending with its file after a reload, and delivered once
 * with the same clientMsgId when the socket is let through. In "My requests" a reply takes a
 * file and ticket entries show theirs. In Chinese on a 360 px phone (the chat with its files and
 * refusals, the larger view, a ticket thread with files): no English, no serious axe findings.
 */
class WidgetAttachmentTest extends WidgetBrowserTest {
  private static final byte[] HTML = "<html><body><script>alert(1)</script></body></html>"
      .getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  /** The site takes files up to 20000 bytes (so a noisy PNG is too large). */
  @BeforeEach
  void limitFiles() throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    Http.Reply limits = Http.call("PUT", node.http(), "/v1/admin/sites/" + fixtures.siteId
        + "/attachments", admin, "{\"maxFileBytes\":20000,\"maxMessageBytes\":200000}");
    assertThat(limits.status()).as(String.valueOf(limits.body())).isEqualTo(200);
  }

  @Test
  void filesGoBothWaysInAChat(TestInfo test) throws Exception {
    inAChat("Ines Duarte", (chat) -> {
      Page page = chat.page();
      FrameLocator widget = chat.widget();
      Frame frame = widgetFrame(page);

      byte[] photo = png(24, 16, false);
      byte[] invoice = pdf();
      byte[] pasted = png(12, 12, false);
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("photo.png", "image/png", photo));
      dropFile(frame, ".sb-chat-scroll", "invoice.pdf", "application/pdf", invoice);
      pasteFile(frame, "#sb-input", "image.png", "image/png", pasted);
      Locator tray = widget.locator("#sb-chat-tray");
      assertThat(tray.locator(".sb-tray-item[data-state=done]")).hasCount(3);
      assertThat(tray).containsText("photo.png");
      assertThat(tray).containsText("invoice.pdf");
      assertThat(tray).containsText("pasted-");

      // Too large (with the limit) and a type not allowed: said, and the message waits.
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("huge.png", "image/png",
          png(200, 200, true)));
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("page.html", "text/html", HTML));
      assertThat(tray.locator(".sb-tray-item[data-name='huge.png'] .sb-tray-error"))
          .hasText("Too large: files can be at most 20 KB.");
      assertThat(tray.locator(".sb-tray-item[data-name='page.html'] .sb-tray-error"))
          .hasText("This type of file (text/html) is not allowed.");
      widget.locator("#sb-input").fill("Here are the files.");
      widget.locator("#sb-input").press("Enter");
      assertThat(widget.locator("#sb-chat-error"))
          .hasText("A file was not uploaded. Retry it or remove it to send.");
      assertThat(widget.locator(".sb-log .sb-msg--own")).hasCount(0);
      screenshot(page, test, "1-refused");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Remove huge.png")).click();
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Remove page.html")).click();
      assertThat(widget.locator("#sb-chat-attach")).isFocused();
      assertThat(widget.locator("#sb-chat-error")).isEmpty();
      widget.locator("#sb-input").press("Enter");

      // The agent gets one message with the three files and can download each.
      ServerMessage.Message got = awaitAgentMessage(chat.agent(), chat.conversationId(), "Here are the files.");
      assertThat(got.attachments()).extracting(ServerMessage.Attachment::name)
          .hasSize(3).contains("photo.png", "invoice.pdf");
      for (ServerMessage.Attachment file : got.attachments()) {
        HttpResponse<byte[]> content = download(node.http(), file.url());
        assertThat(content.statusCode()).isEqualTo(200);
        byte[] expected = file.name().equals("photo.png") ? photo
            : file.name().equals("invoice.pdf") ? invoice : pasted;
        assertThat(content.body()).isEqualTo(expected);
      }
      assertThat(tray.locator(".sb-tray-item")).hasCount(0);
      Locator own = widget.locator(".sb-log .sb-msg--own[data-seq='" + got.seq() + "']");
      assertThat(own.locator("img.sb-thumb")).hasCount(2);
      assertThat(own.locator("a.sb-card")).containsText("invoice.pdf");

      // The agent's files: a thumbnail that opens larger, and a card linking to the download. The
      // image's first load is answered 404, as for an expired link: the widget asks for a fresh
      // link (GET /v1/attachments/{id}) and shows the image.
      String screenshotId = upload(chat.agentToken(), "screen.png", png(30, 20, false));
      AtomicInteger failed = new AtomicInteger();
      List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
      page.onRequest(request -> {
        if (request.url().matches(".*/v1/attachments/[0-9a-f-]+$")) {
          asked.add(request.url());
        }
      });
      page.route(Pattern.compile(".*/v1/attachments/" + screenshotId + "/content.*"), route -> {
        if (failed.getAndIncrement() == 0) {
          route.fulfill(new Route.FulfillOptions().setStatus(404).setBody("expired"));
        } else {
          route.resume();
        }
      });
      chat.agent().client().send(chat.conversationId(), UUID.randomUUID().toString(), "Like this?",
          List.of(screenshotId)).get();
      sendFromAgent(chat.agent(), chat.agentToken(), chat.conversationId(), "", "label.pdf", pdf());
      Locator thumb = widget.locator(".sb-msg--agent img.sb-thumb[alt='screen.png']");
      assertThat(thumb).hasAttribute("loading", "lazy");
      page.waitForCondition(() -> (Boolean) thumb.evaluate("img => img.complete && img.naturalWidth === 30"));
      assertThat(asked).singleElement().asString().endsWith("/v1/attachments/" + screenshotId);
      Locator card = widget.locator(".sb-msg--agent a.sb-card");
      assertThat(card).containsText("label.pdf");
      assertThat(card).containsText("PDF");
      assertThat(card).hasAttribute("href", Pattern.compile("/v1/attachments/.+/content\\?"));
      Locator thumbButton = widget.locator("[data-attachment='" + screenshotId + "'] button");
      thumbButton.click();
      Locator dialog = widget.getByRole(AriaRole.DIALOG);
      assertThat(dialog).hasAccessibleName("screen.png");
      Locator large = dialog.locator("img.sb-viewer-image");
      assertThat(large).hasAttribute("alt", "screen.png");
      page.waitForCondition(() -> (Boolean) large.evaluate("img => img.complete && img.naturalWidth === 30"));
      screenshot(page, test, "2-larger");
      page.keyboard().press("Escape");
      assertThat(widget.locator("dialog")).hasCount(0);
      assertThat(thumbButton).isFocused();
    });
  }

  @Test
  void aFileSentOfflineOrBeforeAReloadIsDeliveredOnce(TestInfo test) throws Exception {
    inAChat("Omar Haddad", (chat) -> {
      Page page = chat.page();
      FrameLocator widget = chat.widget();

      // An upload cut off by the network says so, and starts again once the network is back.
      chat.context().setOffline(true);
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("cut.png", "image/png",
          png(14, 14, false)));
      Locator cut = widget.locator("#sb-chat-tray .sb-tray-item[data-name='cut.png']");
      assertThat(cut.locator(".sb-tray-error"))
          .hasText("Upload interrupted. It will start again when you are back online.");
      chat.context().setOffline(false);
      assertThat(cut).hasAttribute("data-state", "done");
      send(widget, "Cut off and sent again");
      assertThat(awaitAgentMessage(chat.agent(), chat.conversationId(), "Cut off and sent again")
          .attachments()).extracting(ServerMessage.Attachment::name).containsExactly("cut.png");

      // Uploaded while online, sent while the network is down: shown as sending, with its file.
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("tunnel.png", "image/png",
          png(16, 16, false)));
      assertThat(widget.locator("#sb-chat-tray .sb-tray-item[data-state=done]")).hasCount(1);
      chat.context().setOffline(true);
      assertThat(widget.locator(".sb-banner")).containsText("Reconnecting…");
      send(widget, "Sent from the tunnel");
      Locator pending = widget.locator(".sb-msg--own.sb-msg--pending");
      assertThat(pending).hasCount(1);
      assertThat(pending.locator("img.sb-thumb")).hasAttribute("alt", "tunnel.png");
      screenshot(page, test, "1-pending-with-file");
      assertThat(agentTexts(chat.agent(), chat.conversationId())).doesNotContain("Sent from the tunnel");

      // Back online: delivered once, with its file.
      chat.context().setOffline(false);
      ServerMessage.Message got = awaitAgentMessage(chat.agent(), chat.conversationId(), "Sent from the tunnel");
      assertThat(got.attachments()).extracting(ServerMessage.Attachment::name).containsExactly("tunnel.png");
      assertThat(pending).hasCount(0);
      chat.agent().client().send(chat.conversationId(), "Got it").get();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble").last()).hasText("Got it");
      assertThat(agentTexts(chat.agent(), chat.conversationId()).stream()
          .filter("Sent from the tunnel"::equals)).hasSize(1);

      // A file uploaded, then the page reloaded: still in the tray, and it goes out with the next message.
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("before-reload.pdf",
          "application/pdf", pdf()));
      assertThat(widget.locator("#sb-chat-tray .sb-tray-item[data-state=done]")).hasCount(1);
      page.reload();
      widget = openWidget(page);
      assertThat(widget.locator("#sb-chat-tray .sb-tray-item[data-state=done]"))
          .hasAttribute("data-name", "before-reload.pdf");
      assertThat(widget.locator(".sb-msg--own img.sb-thumb[alt='tunnel.png']")).hasCount(1);
      send(widget, "After the reload");
      ServerMessage.Message after = awaitAgentMessage(chat.agent(), chat.conversationId(), "After the reload");
      assertThat(after.attachments()).extracting(ServerMessage.Attachment::name)
          .containsExactly("before-reload.pdf");
      assertThat(widget.locator(".sb-msg--own a.sb-card")).containsText("before-reload.pdf");

      // An upload still running when the page is reloaded is shown as not uploaded, never dropped.
      Pattern uploads = Pattern.compile(".*/v1/attachments\\?.*");
      page.route(uploads, route -> { }); // never answered
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("slow.pdf", "application/pdf",
          pdf()));
      Locator slow = widget.locator("#sb-chat-tray .sb-tray-item[data-name='slow.pdf']");
      assertThat(slow).hasAttribute("data-state", "uploading");
      page.reload();
      page.unroute(uploads);
      widget = openWidget(page);
      slow = widget.locator("#sb-chat-tray .sb-tray-item[data-name='slow.pdf']");
      assertThat(slow).hasAttribute("data-state", "failed");
      assertThat(slow.locator(".sb-tray-error"))
          .hasText("Not uploaded: the page was closed. Remove it and attach it again.");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Remove slow.pdf")).click();
      assertThat(widget.locator("#sb-chat-tray .sb-tray-item")).hasCount(0);

      // The socket refused, a message with a file written, the page reloaded: still pending with
      // its file, and once the socket is let through it is delivered once, with the same id.
      AtomicBoolean refused = new AtomicBoolean(true);
      chat.context().routeWebSocket(Pattern.compile("/v1/ws"), socket -> {
        if (refused.get()) {
          socket.close();
        } else {
          socket.connectToServer();
        }
      });
      page.reload();
      widget = openWidget(page);
      widget.locator("#sb-chat-file").setInputFiles(new FilePayload("no-socket.png", "image/png",
          png(18, 18, false)));
      assertThat(widget.locator("#sb-chat-tray .sb-tray-item[data-state=done]")).hasCount(1);
      send(widget, "Written with the socket down");
      Locator waiting = widget.locator(".sb-msg--own.sb-msg--pending");
      assertThat(waiting.locator("img.sb-thumb")).hasAttribute("alt", "no-socket.png");
      String clientMsgId = waiting.getAttribute("data-cid");
      page.reload();
      widget = openWidget(page);
      waiting = widget.locator(".sb-msg--own.sb-msg--pending");
      assertThat(waiting).hasAttribute("data-cid", clientMsgId);
      assertThat(waiting.locator("img.sb-thumb")).hasAttribute("alt", "no-socket.png");
      screenshot(page, test, "2-pending-after-reload");
      refused.set(false);
      // Playwright runs the route's handler while it is waiting on the page: wait there first
      // (the reconnect backoff is up to 10 s).
      assertThat(waiting).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
      ServerMessage.Message late = awaitAgentMessage(chat.agent(), chat.conversationId(),
          "Written with the socket down");
      assertThat(late.clientMsgId()).isEqualTo(clientMsgId);
      assertThat(late.attachments()).extracting(ServerMessage.Attachment::name)
          .containsExactly("no-socket.png");
      chat.agent().client().send(chat.conversationId(), "Got that one too").get();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble").last()).hasText("Got that one too");
      assertThat(agentTexts(chat.agent(), chat.conversationId()).stream()
          .filter("Written with the socket down"::equals)).hasSize(1);
    });
  }

  @Test
  void aTicketReplyCarriesAFileAndEntriesShowTheirs(TestInfo test) throws Exception {
    inAChat("Grace Hopper", (chat) -> {
      Page page = chat.page();
      FrameLocator widget = chat.widget();
      String ticketId = ticketWithFile(chat.agentToken(), chat.conversationId(), "Broken grinder",
          "Here is the manual.", "manual.pdf");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("View request")).click();
      Locator agentEntry = widget.locator(".sb-tk-thread .sb-msg--agent");
      assertThat(agentEntry.locator(".sb-bubble")).hasText("Here is the manual.");
      assertThat(agentEntry.locator("a.sb-card")).containsText("manual.pdf");

      widget.locator("#sb-tk-file").setInputFiles(new FilePayload("receipt.png", "image/png",
          png(20, 20, false)));
      assertThat(widget.locator("#sb-tk-tray .sb-tray-item[data-state=done]")).hasCount(1);
      widget.getByLabel("Your reply").fill("The receipt is attached.");
      widget.getByLabel("Your reply").press("Enter");
      Locator own = widget.locator(".sb-tk-thread .sb-msg--own").last();
      assertThat(own.locator(".sb-bubble")).hasText("The receipt is attached.");
      assertThat(own.locator("img.sb-thumb")).hasAttribute("alt", "receipt.png");
      assertThat(widget.locator("#sb-tk-tray .sb-tray-item")).hasCount(0);
      screenshot(page, test, "1-ticket-files");

      JsonNode entries = Tickets.read(node.http(), chat.agentToken(), ticketId).get("entries");
      List<String> files = new ArrayList<>();
      for (JsonNode entry : entries) {
        if (entry.get("body").asText().equals("The receipt is attached.")) {
          entry.get("attachments").forEach(a -> files.add(a.get("name").asText()));
          assertThat(download(node.http(), entry.get("attachments").get(0).get("url").asText())
              .statusCode()).isEqualTo(200);
        }
      }
      assertThat(files).containsExactly("receipt.png");
    });
  }

  @Test
  void inChineseOnA360PixelPhoneFilesAreTranslatedAndAccessible(TestInfo test) throws Exception {
    Fixtures.Agent account = fixtures.addAgent(3);
    String agentToken = Http.agentToken(node.http(), account);
    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setViewportSize(360, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)
            .setLocale("zh-CN"))) {
      try {
        agent.client().setStatus("online").get();
        Page page = context.newPage();
        page.onPageError(error -> pageErrors.add("page error: " + error));
        page.navigate(baseUrl() + "/widget/frame.html?site=" + fixtures.siteKey);
        assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
        page.getByLabel("姓名").fill("陈美");
        page.getByLabel("邮箱").fill("mei.files@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开始咨询")).click();
        String conversationId = agent.await(ServerMessage.Assigned.class).conversationId();
        agent.client().accept(conversationId).get();

        page.locator("#sb-chat-file").setInputFiles(new FilePayload("发票.pdf", "application/pdf", pdf()));
        page.locator("#sb-chat-file").setInputFiles(new FilePayload("page.html", "text/html", HTML));
        page.locator("#sb-chat-file").setInputFiles(new FilePayload("huge.png", "image/png",
            png(200, 200, true)));
        assertThat(page.locator(".sb-tray-item[data-name='page.html'] .sb-tray-error"))
            .hasText("不允许此类型的文件（text/html）。");
        assertThat(page.locator(".sb-tray-item[data-name='huge.png'] .sb-tray-error"))
            .hasText("文件太大：每个文件最大 20 KB。");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("移除 page.html")).click();
        assertThat(page.locator("#sb-chat-attach")).isFocused();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("移除 huge.png")).click();
        page.getByLabel("消息").fill("发票在附件里。");
        page.getByLabel("消息").press("Enter");
        awaitAgentMessage(agent, conversationId, "发票在附件里。");
        String imageId = sendFromAgent(agent, agentToken, conversationId, "请看截图。", "截图.png",
            png(40, 30, false));
        Locator thumb = page.locator(".sb-msg--agent img.sb-thumb");
        page.waitForCondition(() -> (Boolean) thumb.evaluate("img => img.complete && img.naturalWidth === 40"));
        page.locator("#sb-chat-file").setInputFiles(new FilePayload("page.html", "text/html", HTML));
        assertThat(page.locator(".sb-tray-item[data-name='page.html'] .sb-tray-error")).isVisible();

        String siteName = node.node().database().jdbi().withHandle(handle -> handle
            .createQuery("SELECT name FROM sites WHERE id = :id").bind("id", fixtures.siteId)
            .mapTo(String.class).one());
        List<String> data = List.of(account.name(), siteName, "陈美", "发票.pdf", "截图.png", "page.html",
            "text/html");
        assertClean(page, data, "chat");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
            .isEqualTo(true);
        viewportScreenshot(page, test, "1-chat");

        // The larger view with the keyboard: Enter opens it, Escape closes it.
        Locator thumbButton = page.locator("[data-attachment='" + imageId + "'] button");
        assertThat(thumbButton).hasAccessibleName("查看图片 截图.png");
        thumbButton.focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.DIALOG)).hasAccessibleName("截图.png");
        assertClean(page, data, "larger view");
        viewportScreenshot(page, test, "2-larger");
        page.keyboard().press("Escape");
        assertThat(thumbButton).isFocused();

        // A ticket made of the chat: the agent's file and the visitor's reply with a file.
        ticketWithFile(agentToken, conversationId, "发票", "请看说明书。", "说明书.pdf");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查看工单").setExact(true)).click();
        assertThat(page.locator(".sb-tk-thread .sb-msg--agent a.sb-card")).containsText("说明书.pdf");
        page.locator("#sb-tk-file").setInputFiles(new FilePayload("收据.png", "image/png",
            png(20, 20, false)));
        assertThat(page.locator("#sb-tk-tray .sb-tray-item[data-state=done]")).hasCount(1);
        page.getByLabel("您的回复").fill("收据在这里。");
        page.getByLabel("您的回复").press("Enter");
        assertThat(page.locator(".sb-tk-thread .sb-msg--own img.sb-thumb")).hasAttribute("alt", "收据.png");
        List<String> ticketData = new ArrayList<>(data);
        ticketData.addAll(List.of("说明书.pdf", "收据.png"));
        assertClean(page, ticketData, "ticket");
        viewportScreenshot(page, test, "3-ticket");
        assertThat(pageErrors).isEmpty();
      } finally {
        // Later tests of this node expect nobody online.
        agent.client().setStatus("offline").get();
      }
    }
  }

  /** What a test in a running chat works with. */
  private record Chat(Participant agent, String agentToken, BrowserContext context, Page page,
      FrameLocator widget, String conversationId) {}

  private interface InChat {
    void run(Chat chat) throws Exception;
  }

  /**
   * A new agent online, a visitor on the demo page starting a chat that the agent accepts; then
   * {@code body}, after which the page has had no errors and the agent goes offline again (later
   * tests of this node expect nobody online).
   */
  private void inAChat(String visitor, InChat body) throws Exception {
    Fixtures.Agent account = fixtures.addAgent(3);
    String agentToken = Http.agentToken(node.http(), account);
    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        BrowserContext context = newContext()) {
      agent.client().setStatus("online").get();
      try {
        Page page = openDemo(context);
        FrameLocator widget = openWidget(page);
        startChat(widget, visitor, visitor.toLowerCase().replace(' ', '.') + "@example.com");
        String conversationId = agent.await(ServerMessage.Assigned.class).conversationId();
        agent.client().accept(conversationId).get();
        body.run(new Chat(agent, agentToken, context, page, widget, conversationId));
        assertThat(pageErrors).isEmpty();
      } finally {
        agent.client().setStatus("offline").get();
      }
    }
  }

  /** The agent uploads a file and sends it with {@code text}; the file's id. */
  private String sendFromAgent(Participant agent, String token, String conversationId, String text,
      String name, byte[] bytes) throws Exception {
    String id = upload(token, name, bytes);
    agent.client().send(conversationId, UUID.randomUUID().toString(), text, List.of(id)).get();
    return id;
  }

  /** The agent makes a ticket of the chat and replies on it with a PDF; the ticket's id. */
  private String ticketWithFile(String token, String conversationId, String subject, String text,
      String file) throws Exception {
    String ticketId = Tickets.expect(201, Http.call("POST", node.http(), "/v1/conversations/"
        + conversationId + "/ticket", token, "{\"subject\":\"" + subject + "\"}")).get("id").asText();
    String id = upload(token, file, pdf());
    Tickets.expect(201, Tickets.call(node.http(), token, "POST", ticketId, "/replies",
        "{\"text\":\"" + text + "\",\"attachments\":[\"" + id + "\"]}"));
    return ticketId;
  }

  /** Uploads a file with a staff token; its id. */
  private String upload(String token, String name, byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve(UUID.randomUUID() + ".bin"), bytes);
    return SwitchboardHttp.uploadAttachment(node.http(), token, file, name, null).id();
  }

  private void assertClean(Page page, List<String> data, String where) {
    assertThat(UntranslatedText.find(page, data)).as("untranslated on " + where).isEmpty();
    assertThat(Accessibility.seriousViolations(page)).as("axe on " + where).isEmpty();
  }
}
