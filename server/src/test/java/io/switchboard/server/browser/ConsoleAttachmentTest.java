package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.switchboard.server.browser.BrowserFiles.dropFile;
import static io.switchboard.server.browser.BrowserFiles.pasteFile;
import static io.switchboard.server.browser.BrowserFiles.pdf;
import static io.switchboard.server.browser.BrowserFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.sdk.UploadedAttachment;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Files on a ticket in the console, uploaded to the real node: a PNG by the attach button, a PDF
 * dropped on the composer and an image pasted into it, each uploaded with its progress; a file
 * over the site's size limit and a type the site does not allow are refused with their reasons
 * and hold the reply back until removed; the reply then carries the three files, shown as
 * thumbnails (opening larger, Escape giving the focus back) and a download card. The ticket page
 * with its files and a refusal in Chinese on a phone passes axe-core. In a chat, the same three
 * ways of attaching: the visitor gets the message with its files, and the timeline shows them
 * and the visitor's own file; the chat in Chinese on a phone passes axe-core.
 */
class ConsoleAttachmentTest extends ConsoleTicketBrowserTest {

  @Test
  void anAgentAttachesFilesToATicketReply(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    Http.Reply limits = Http.call("PUT", node.http(), "/v1/admin/sites/" + fixtures.siteId
        + "/attachments", token, "{\"maxFileBytes\":20000,\"maxMessageBytes\":200000}");
    assertThat(limits.status()).as(String.valueOf(limits.body())).isEqualTo(200);
    String subject = "Cracked screen " + UUID.randomUUID().toString().substring(0, 8);
    String ticketId = openTicket(token, subject, "normal", "Rita Requester").get("id").asText();

    Page page = signIn(admin, "en-US", 1280);
    go(page, "tickets/" + ticketId);
    assertThat(page.locator("#ticket-title")).containsText(subject);
    assertThat(page.locator("#ticket-composer")).isVisible();
    page.locator("#ticket-file").setInputFiles(new FilePayload("photo.png", "image/png",
        png(24, 16, false)));
    dropFile(page.mainFrame(), "#ticket-composer", "invoice.pdf", "application/pdf", pdf());
    pasteFile(page.mainFrame(), "#ticket-text", "image.png", "image/png", png(12, 12, false));
    Locator tray = page.locator("#ticket-tray");
    assertThat(tray.locator(".attach-item[data-state=done]")).hasCount(3);
    assertThat(tray).containsText("photo.png");
    assertThat(tray).containsText("invoice.pdf");
    assertThat(tray).containsText("pasted-");

    // Over the site's limit, and a type it does not allow: refused, said, and not dropped.
    page.locator("#ticket-file").setInputFiles(new FilePayload("huge.png", "image/png",
        png(200, 200, true)));
    // The tray takes each choice in turn: the next file only after this one is refused.
    assertThat(tray.locator(".attach-item[data-name='huge.png'][data-state=failed]"))
        .hasCount(1);
    page.locator("#ticket-file").setInputFiles(new FilePayload("page.html", "text/html",
        "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8)));
    assertThat(tray.locator(".attach-item[data-name='huge.png'] .attach-error"))
        .containsText("Too large");
    assertThat(tray.locator(".attach-item[data-name='page.html'] .attach-error"))
        .containsText("not allowed");
    page.locator("#ticket-text").fill("Here are the files.");
    page.locator("#ticket-send").click();
    assertThat(page.locator("#ticket-composer .form-error")).containsText("was not uploaded");
    assertThat(page.locator(".entry-reply")).hasCount(0);
    screenshot(page, info, "refused");

    page.locator(".attach-item[data-name='huge.png'] .attach-remove").click();
    page.locator(".attach-item[data-name='page.html'] .attach-remove").click();
    assertThat(page.locator("#ticket-attach")).isFocused();
    page.locator("#ticket-send").click();
    Locator reply = page.locator(".entry-reply");
    assertThat(reply.locator("img.thumb")).hasCount(2);
    assertThat(tray.locator(".attach-item")).hasCount(0);
    Locator photo = reply.locator("img.thumb[alt='photo.png']");
    assertThat(photo).hasAttribute("loading", "lazy");
    page.waitForCondition(() -> (Boolean) photo.evaluate("img => img.complete && img.naturalWidth === 24"));
    Locator card = reply.locator("a.attachment-card");
    assertThat(card).containsText("invoice.pdf");
    assertThat(card).containsText("PDF");
    assertThat(card).hasAttribute("href", java.util.regex.Pattern.compile("/v1/attachments/.+/content\\?"));

    // A thumbnail opens larger; Escape closes it and the focus is back on the thumbnail.
    Locator thumbButton = reply.locator(".thumb-button:has(img[alt='photo.png'])");
    thumbButton.click();
    Locator large = page.locator("dialog img.image-large");
    assertThat(large).hasAttribute("alt", "photo.png");
    page.waitForCondition(() -> (Boolean) large.evaluate("img => img.complete && img.naturalWidth === 24"));
    screenshot(page, info, "larger");
    page.keyboard().press("Escape");
    assertThat(page.locator("dialog")).hasCount(0);
    assertThat(thumbButton).isFocused();

    JsonNode entries = Http.get(node.http(), "/v1/tickets/" + ticketId, token).body()
        .path("entries");
    JsonNode sent = entries.get(entries.size() - 1).path("attachments");
    List<String> names = new ArrayList<>();
    sent.forEach(a -> names.add(a.path("name").asText()));
    assertThat(names).hasSize(3).contains("photo.png", "invoice.pdf");
    assertThat(names).anyMatch(name -> name.startsWith("pasted-") && name.endsWith(".png"));

    // The thread is drawn anew on every reload (a note added elsewhere; a reply that waits to be
    // mailed reloads every few seconds): the focus stays on the same thumbnail.
    Http.Reply note = Http.call("POST", node.http(), "/v1/tickets/" + ticketId + "/notes", token,
        "{\"text\":\"Photo checked\"}");
    assertThat(note.status()).as(String.valueOf(note.body())).isEqualTo(201);
    assertThat(page.locator(".entry-note")).containsText("Photo checked");
    assertThat(thumbButton).isFocused();

    // In Chinese on a phone: the files, and a refusal in the tray.
    Page phone = signIn(admin, "zh-CN", 360);
    go(phone, "tickets/" + ticketId);
    assertThat(phone.locator(".entry-reply img.thumb")).hasCount(2);
    phone.locator("#ticket-file").setInputFiles(new FilePayload("page.html", "text/html",
        "<html></html>".getBytes(StandardCharsets.UTF_8)));
    assertThat(phone.locator(".attach-item[data-name='page.html'] .attach-error"))
        .containsText("不允许");
    screenshot(phone, info, "zh-360");
    List<String> data = new ArrayList<>(names);
    data.addAll(List.of("page.html", "text/html", "Here are the files.", "Photo checked"));
    List<String> found = new ArrayList<>(problems(phone));
    found.addAll(english(phone, token, data));
    assertThat(found).as("axe findings, sideways scrolling or English").isEmpty();
  }

  @Test
  void anAgentSendsFilesInAChat(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("en-US").setViewportSize(1280, 800));
    contexts.add(context);
    String visitorToken = Http.visitorToken(node.http(), fixtures.siteKey);
    try (Participant visitor = Participant.connect(node.ws(), visitorToken, event -> { })) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of("name", "Ines"))
          .get().conversationId();
      visitor.client().send(conversationId, "My screen is cracked.").get();
      Page page = openFirstChat(context, admin);
      page.locator("#chat-file").setInputFiles(new FilePayload("photo.png", "image/png",
          png(24, 16, false)));
      dropFile(page.mainFrame(), "form.composer", "invoice.pdf", "application/pdf", pdf());
      pasteFile(page.mainFrame(), "#composer-input", "image.png", "image/png", png(12, 12, false));
      assertThat(page.locator("#chat-tray .attach-item[data-state=done]")).hasCount(3);
      page.locator("#composer-input").fill("Here you go.");
      page.locator("#composer-input").press("Enter");

      // The visitor gets the message with its three files; the timeline shows them.
      ServerMessage.Message got = visitor.await(ServerMessage.Message.class,
          m -> m.text().equals("Here you go."), Duration.ofSeconds(10));
      assertThat(got.attachments()).hasSize(3);
      assertThat(page.locator("#chat-tray .attach-item")).hasCount(0);
      Locator message = page.locator(".msg.staff[data-seq='" + got.seq() + "']");
      assertThat(message.locator("img.thumb")).hasCount(2);
      assertThat(message.locator("a.attachment-card")).containsText("invoice.pdf");
      Locator thumbButton = message.locator(".thumb-button:has(img[alt='photo.png'])");
      thumbButton.click();
      assertThat(page.locator("dialog img.image-large")).hasAttribute("alt", "photo.png");
      screenshot(page, info, "chat-larger");
      page.keyboard().press("Escape");
      assertThat(thumbButton).isFocused();

      // The visitor sends a file of their own: it shows in the timeline as a thumbnail.
      Path receipt = Files.createTempFile("receipt", ".png");
      Files.write(receipt, png(20, 10, false));
      UploadedAttachment uploaded = SwitchboardHttp.uploadAttachment(node.http(), visitorToken,
          receipt, "receipt.png", null);
      visitor.client().send(conversationId, UUID.randomUUID().toString(), "My receipt.",
          List.of(uploaded.id())).get();
      assertThat(page.locator(".msg.visitor img.thumb[alt='receipt.png']")).isVisible();
      Files.delete(receipt);

      // The chat in Chinese on a phone, with its files and a refused file in the tray.
      BrowserContext phoneContext = browser.newContext(new Browser.NewContextOptions()
          .setLocale("zh-CN").setViewportSize(360, 740));
      contexts.add(phoneContext);
      Page phone = openFirstChat(phoneContext, admin);
      assertThat(phone.locator(".msg img.thumb")).hasCount(3);
      phone.locator("#chat-file").setInputFiles(new FilePayload("page.html", "text/html",
          "<html></html>".getBytes(StandardCharsets.UTF_8)));
      assertThat(phone.locator("#chat-tray .attach-error")).containsText("不允许");
      screenshot(phone, info, "chat-zh-360");
      List<String> data = new ArrayList<>(List.of("Ines", "My screen is cracked.",
          "Here you go.", "My receipt.", "receipt.png", "page.html", "text/html"));
      got.attachments().forEach(file -> data.add(file.name()));
      List<String> found = new ArrayList<>(problems(phone));
      found.addAll(english(phone, token(admin), data));
      assertThat(found).as("axe findings, sideways scrolling or English").isEmpty();
      setStatus(phone, "offline");
      setStatus(page, "offline");
    }
  }
}
