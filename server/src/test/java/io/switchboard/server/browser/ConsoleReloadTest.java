package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An agent reloads the console in the middle of two chats. Afterwards every chat still shows the
 * visitor's name (in the list, the header and the message authors), a chat the agent had read
 * shows no unread badge while one with a really unread message keeps its count, and the
 * visitor's read receipt still says "Seen". The inbox speaks English in every browser language
 * so far; the test runs in an English and a Chinese browser.
 */
class ConsoleReloadTest extends ConsoleBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en-US", "zh-CN"})
  void namesUnreadCountsAndReceiptsSurviveAReload(String locale, TestInfo info) throws Exception {
    // A site of its own per run: no agent of an earlier run is offered these chats.
    Fixtures site = Fixtures.create(jdbi());
    Fixtures.Agent agent = site.addAgent(3);
    Page page = openConsole(locale);
    login(page, agent);
    setStatus(page, "online");

    try (Participant lena = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant omar = Participant.visitor(node.http(), node.ws(), site.siteKey)) {
      String lenaId = lena.client().start(site.queueId, Map.of("name", "Lena Fischer")).get()
          .conversationId();
      lena.client().send(lenaId, "Hi, my order A-10442 has not arrived yet.").get();
      Locator lenaItem = page.locator(".conv-item", new Page.LocatorOptions().setHasText("Lena Fischer"));
      assertThat(lenaItem).isVisible();
      String omarId = omar.client().start(site.queueId, Map.of("name", "Omar Haddad")).get()
          .conversationId();
      omar.client().send(omarId, "Do you ship to Morocco?").get();
      Locator omarItem = page.locator(".conv-item", new Page.LocatorOptions().setHasText("Omar Haddad"));
      assertThat(omarItem).containsText("Morocco");

      // The agent reads and answers Omar, then Lena; Lena reads both answers.
      omarItem.click();
      reply(page, "Yes, we ship to Morocco.");
      omar.await(ServerMessage.Message.class, m -> m.text().equals("Yes, we ship to Morocco."), WAIT);
      lenaItem.click();
      assertThat(page.locator(".conv-head h2")).hasText("Lena Fischer");
      reply(page, "Hello Lena, let me look into it.");
      reply(page, "It left our warehouse on Monday.");
      ServerMessage.Message last = lena.await(ServerMessage.Message.class,
          m -> m.text().equals("It left our warehouse on Monday."), WAIT);
      lena.client().markRead(lenaId, last.seq()).get();
      Locator lastReply = page.locator(".msg.staff", new Page.LocatorOptions().setHasText("warehouse on Monday"));
      assertThat(lastReply.locator(".receipt")).hasText(locale.startsWith("zh") ? "已读" : "Seen");

      // Omar writes again while the agent is in Lena's chat: one message really is unread.
      omar.client().send(omarId, "And how long does it take?").get();
      assertThat(omarItem.locator(".unread")).hasText("1");
      assertThat(lenaItem.locator(".unread")).hasCount(0);
      screenshot(page, info, "01-before-reload-" + locale);

      page.reload();
      assertThat(page.locator(".connection")).hasAttribute("data-state", "open");

      // The list: both names, Lena's chat read, Omar's one unread message still one.
      assertThat(page.locator(".conv-item")).hasCount(2);
      assertThat(lenaItem.locator(".conv-name")).hasText("Lena Fischer");
      assertThat(omarItem.locator(".conv-name")).hasText("Omar Haddad");
      assertThat(page.locator(".conv-name", new Page.LocatorOptions().setHasText("Visitor"))).hasCount(0);
      assertThat(lenaItem).containsText("warehouse on Monday");
      assertThat(omarItem.locator(".unread")).hasText("1");
      assertThat(lenaItem.locator(".unread")).hasCount(0);
      screenshot(page, info, "02-list-after-reload-" + locale);

      // The conversation: the name in the header and on the visitor's messages, and "Seen".
      lenaItem.click();
      assertThat(page.locator(".conv-head h2")).hasText("Lena Fischer");
      Locator timeline = page.locator(".timeline[role=log]");
      assertThat(timeline.locator(".msg")).hasCount(3);
      assertThat(timeline.locator(".msg.visitor .msg-author")).hasText(new String[] {"Lena Fischer"});
      assertThat(lastReply.locator(".receipt")).hasAttribute("data-state", "seen");
      assertThat(page.locator(".receipt[data-state=delivered]")).hasCount(0);
      assertThat(page.locator("aside.sidebar .contact-name")).hasText("Lena Fischer");
      assertThat(omarItem.locator(".unread")).hasText("1");
      screenshot(page, info, "03-conversation-after-reload-" + locale);

      // Opening Omar's chat reads it; the chat goes on after the reload.
      omarItem.click();
      assertThat(page.locator(".conv-head h2")).hasText("Omar Haddad");
      assertThat(omarItem.locator(".unread")).hasCount(0);
      reply(page, "Three to five days.");
      omar.await(ServerMessage.Message.class, m -> m.text().equals("Three to five days."), WAIT);

      // A second reload keeps the read state of both.
      page.reload();
      assertThat(page.locator(".connection")).hasAttribute("data-state", "open");
      assertThat(omarItem.locator(".conv-name")).hasText("Omar Haddad");
      assertThat(omarItem).containsText("Three to five days.");
      assertThat(page.locator(".conv-item .unread")).hasCount(0);
    }
  }

  /** A console in a browser of the given language, on its login page. */
  private Page openConsole(String locale) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
        .setViewportSize(1280, 800));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(baseUrl() + "/console");
    assertThat(page.locator("#login-title"))
        .hasText(locale.startsWith("zh") ? "登录 Switchboard" : "Sign in to Switchboard");
    return page;
  }

  private static void reply(Page page, String text) {
    Locator composer = page.locator("#composer-input");
    composer.fill(text);
    composer.press("Enter");
    assertThat(page.locator(".msg.staff:not(.pending)", new Page.LocatorOptions().setHasText(text))).isVisible();
  }
}
