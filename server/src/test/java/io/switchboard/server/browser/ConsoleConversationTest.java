package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * One conversation from the agent's side in the real console, with an SDK visitor on the other
 * end: sign-in (a failure first), status, the new-chat notification, the chat's first-response
 * clock in the header until the reply, messages both ways, the
 * visitor's typing and read state, a private note the visitor never gets, a canned reply, and
 * closing with a disposition and a tag that land in PostgreSQL.
 */
class ConsoleConversationTest extends ConsoleBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void agentAnswersNotesUsesACannedReplyAndCloses(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(3);
    String shortcut = "order" + UUID.randomUUID().toString().substring(0, 6);
    String cannedText = "Thanks for waiting! I am checking your order now.";
    jdbi().useHandle(handle -> handle.execute(
        "INSERT INTO canned_replies (shortcut, body) VALUES (?, ?)", shortcut, cannedText));

    Page page = openConsole();
    fillLogin(page, agent.email(), "not the password");
    assertThat(page.locator("#login-error")).hasText("The email or the password is wrong.");
    screenshot(page, info, "01-login-failed");

    login(page, agent);
    setStatus(page, "online");
    assertThat(page.locator(".status-dot")).hasAttribute("data-status", "online");
    assertThat(page).hasTitle("Switchboard console");
    screenshot(page, info, "02-online-empty");

    String visitorToken = Http.visitorToken(node.http(), fixtures.siteKey);
    try (Participant visitor = Participant.connect(node.ws(), visitorToken, event -> { });
        RawSocket visitorPage = RawSocket.connect(node.ws(), visitorToken)) {
      ServerMessage.Started started = visitor.client()
          .start(fixtures.queueId, Map.of("name", "Lena Fischer", "email", "lena@example.com"))
          .get();
      String conversationId = started.conversationId();
      visitor.client().send(conversationId, "Hi, my order A-10442 has not arrived yet.").get();
      Locator item = page.locator(".conv-item", new Page.LocatorOptions().setHasText("Lena Fischer"));
      assertThat(item).isVisible();
      assertThat(item).containsText("A-10442");
      // The widget reports the host page whenever it changes; the assigned agent follows it live.
      visitorPage.sendText("{\"type\":\"context\",\"id\":\"c1\",\"url\":\"https://shop.example/orders/A-10442\","
          + "\"title\":\"Your orders\",\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
          + " (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\",\"language\":\"de-DE\",\"timeZone\":\"Europe/Berlin\"}");
      assertThat(page).hasTitle(Pattern.compile("^\\(1\\) New chat"));
      screenshot(page, info, "03-new-chat");

      item.click();
      Locator timeline = page.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Messages"));
      assertThat(timeline).containsText("Hi, my order A-10442 has not arrived yet.");
      assertThat(page).hasTitle("Switchboard console");
      // The chat's first-response clock counts down in the header until the agent answers.
      assertThat(page.locator("#chat-sla .chat-sla-clock[data-metric=first_response]"))
          .containsText("First response");
      assertThat(page.locator("#chat-sla .chat-sla-clock[data-metric=first_response]"))
          .containsText(Pattern.compile("\\d:\\d\\d (left|late)"));
      visitor.await(ServerMessage.AgentJoined.class, joined -> joined.conversationId().equals(conversationId), WAIT);

      visitor.client().typing(conversationId, true).get();
      assertThat(page.locator(".typing-line")).hasText("Lena Fischer is typing…");
      screenshot(page, info, "04-visitor-typing");
      visitor.client().send(conversationId, "It was due on Monday.").get();
      assertThat(timeline).containsText("It was due on Monday.");
      assertThat(page.locator(".typing-line")).hasText("");

      // Reply: the visitor's SDK receives it; once the visitor reads it, the console says "Seen".
      Locator composer = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
      composer.fill("Hello Lena, let me look into it.");
      composer.press("Enter");
      ServerMessage.Message reply = visitor.await(ServerMessage.Message.class,
          m -> m.text().equals("Hello Lena, let me look into it."), WAIT);
      Assertions.assertThat(reply.sender().role()).isEqualTo("agent");
      Locator sent = page.locator(".msg.staff", new Page.LocatorOptions().setHasText("Hello Lena"));
      assertThat(sent.locator(".receipt")).hasText("Delivered");
      assertThat(page.locator("#chat-sla .chat-sla-clock")).hasCount(0);
      visitor.client().markRead(conversationId, reply.seq()).get();
      assertThat(sent.locator(".receipt")).hasText("Seen");

      // A private note: shown in yellow in the console, never sent to the visitor.
      String noteText = "VIP customer: refund shipping if the parcel is lost " + UUID.randomUUID();
      page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Private note")).click();
      Locator noteBox = page.getByLabel("Private note", new Page.GetByLabelOptions().setExact(true));
      noteBox.fill(noteText);
      noteBox.press("Enter");
      Locator note = page.locator(".note", new Page.LocatorOptions().setHasText(noteText));
      assertThat(note).isVisible();
      assertThat(note).not().hasClass(Pattern.compile("pending"));
      List<String> notes = jdbi().withHandle(handle -> handle.createQuery(
              "SELECT body FROM notes WHERE conversation_id = CAST(? AS uuid)")
          .bind(0, conversationId).mapTo(String.class).list());
      Assertions.assertThat(notes).containsExactly(noteText);

      // A canned reply through "/shortcut" and Tab.
      page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Reply")).click();
      composer.pressSequentially("/" + shortcut.substring(0, 7));
      Locator option = page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile(shortcut)));
      assertThat(option).isVisible();
      screenshot(page, info, "05-canned-popup");
      composer.press("Tab");
      assertThat(composer).hasValue(cannedText);
      composer.press("Enter");
      visitor.await(ServerMessage.Message.class, m -> m.text().equals(cannedText), WAIT);

      // The sidebar: contact, the page the visitor is on, their browser and local time.
      Locator sidebar = page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Visitor details"));
      assertThat(sidebar).containsText("lena@example.com");
      assertThat(sidebar).containsText("Your orders");
      assertThat(sidebar).containsText("Chrome 126 on Windows");
      assertThat(sidebar).containsText("Europe/Berlin");
      assertThat(sidebar.locator("a[href='https://shop.example/orders/A-10442']"))
          .hasAttribute("rel", "noopener noreferrer");
      screenshot(page, info, "06-conversation");

      // Close as resolved with a tag.
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close").setExact(true)).click();
      Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Close conversation"));
      assertThat(dialog).isVisible();
      dialog.getByLabel("Resolved").check();
      dialog.getByLabel("Tags (optional)").fill("shipping");
      dialog.getByLabel("Tags (optional)").press("Enter");
      assertThat(dialog.locator(".tag")).hasText(Pattern.compile("shipping"));
      screenshot(page, info, "07-close-dialog");
      dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close conversation")).click();
      ServerMessage.Closed closed = visitor.await(ServerMessage.Closed.class,
          c -> c.conversationId().equals(conversationId), WAIT);
      Assertions.assertThat(closed.by()).isEqualTo("agent");
      assertThat(page.locator(".closed-bar")).containsText("resolved");
      screenshot(page, info, "08-closed");

      // The visitor never saw the note.
      Assertions.assertThat(visitor.events()).noneMatch(event -> event.toString().contains(noteText));

      // PostgreSQL has the transcript, the disposition and the tag.
      List<String> transcript = jdbi().withHandle(handle -> handle.createQuery(
              "SELECT body FROM messages WHERE conversation_id = CAST(? AS uuid) ORDER BY seq")
          .bind(0, conversationId).mapTo(String.class).list());
      Assertions.assertThat(transcript).containsExactly(
          "Hi, my order A-10442 has not arrived yet.", "It was due on Monday.",
          "Hello Lena, let me look into it.", cannedText);
      Map<String, Object> row = jdbi().withHandle(handle -> handle.createQuery(
              "SELECT status, disposition, array_to_string(tags, ',') AS tags FROM conversations"
                  + " WHERE id = CAST(? AS uuid)")
          .bind(0, conversationId).mapToMap().one());
      Assertions.assertThat(row).containsEntry("status", "closed")
          .containsEntry("disposition", "resolved").containsEntry("tags", "shipping");
    }
  }

  @Test
  void adminAddsAndDeletesCannedReplies(TestInfo info) {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String shortcut = "greet-" + UUID.randomUUID().toString().substring(0, 6);
    Page page = openConsole();
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Canned replies")).click();
    page.getByLabel("Shortcut").fill(shortcut);
    page.getByLabel("Text", new Page.GetByLabelOptions().setExact(true)).fill("Hello! How can I help you today?");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add reply")).click();
    Locator row = page.locator("#canned-table tr", new Page.LocatorOptions().setHasText("/" + shortcut));
    assertThat(row).containsText("Hello! How can I help you today?");
    screenshot(page, info, "01-canned-admin");
    Assertions.assertThat(cannedCount(shortcut)).isEqualTo(1);

    page.onceDialog(dialog -> dialog.accept());
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete /" + shortcut)).click();
    assertThat(row).hasCount(0);
    Assertions.assertThat(cannedCount(shortcut)).isZero();
  }

  private int cannedCount(String shortcut) {
    return jdbi().withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM canned_replies WHERE shortcut = ?")
        .bind(0, shortcut).mapTo(Integer.class).one());
  }
}
