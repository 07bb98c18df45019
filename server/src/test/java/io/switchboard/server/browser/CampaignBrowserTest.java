package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proactive invitations in real Chromium, in English and in Chinese: an admin makes a campaign
 * on the console's Campaigns tab, a visitor on a matching page sees the invitation above the
 * launcher, replies, and an agent gets the chat, which opens with the invitation; the campaign's
 * results count it. A reply to an invitation that is no longer the visitor's starts a chat all
 * the same. An agent sees a visitor on the Visitors page and invites them; the visitor sees the
 * invitation at once and dismisses it with Esc.
 */
class CampaignBrowserTest extends ConsoleBrowserTest {
  private BrowserContext context(String locale, int width) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
        .setViewportSize(width, 800));
    contexts.add(context);
    return context;
  }

  private Page console(String locale, Fixtures.Agent user, String view) {
    Page page = context(locale, 1280).newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(baseUrl() + "/console");
    login(page, user);
    page.navigate(baseUrl() + "/console#/" + view);
    return page;
  }

  private List<String> column(String sql) {
    return jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }

  /** The fixtures' site name, as the console shows it. */
  private static String siteName() {
    return "Test site " + fixtures.siteId.substring("site-".length());
  }

  private static boolean chinese(String locale) {
    return locale.startsWith("zh");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "zh-CN"})
  void aCampaignInvitesTheVisitorAndAReplyReachesAnAgent(String locale) throws Exception {
    String marker = "campaign-" + UUID.randomUUID().toString().substring(0, 8);
    String english = "Questions about " + marker + "?";
    String chineseText = "关于 " + marker + " 有疑问吗？";
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    Page adminPage = console(locale, admin, "admin/campaigns");
    assertThat(adminPage.locator("#admin-campaign-table tbody tr").first()).isVisible();
    adminPage.locator("#admin-new-campaign").click();
    assertThat(adminPage.locator("#campaign-form-title")).hasText(chinese(locale) ? "新建活动" : "New campaign");
    adminPage.locator("#campaign-name").fill("Promo " + marker);
    adminPage.locator("#campaign-siteId").selectOption(fixtures.siteId);
    adminPage.locator("#campaign-queueId").selectOption(fixtures.queueId);
    adminPage.locator("#campaign-messageEn").fill(english);
    adminPage.locator("#campaign-messageZh").fill(chineseText);
    adminPage.locator("#campaign-urlPattern").fill("*" + marker + "*");
    adminPage.locator("#campaign-form button[type=submit]").click();
    assertThat(adminPage.locator("#admin-campaign-table tbody tr",
        new Page.LocatorOptions().setHasText("Promo " + marker))).isVisible();
    adminPage.waitForLoadState(LoadState.NETWORKIDLE);
    assertThat(Accessibility.seriousViolations(adminPage)).as("axe on the campaigns tab").isEmpty();
    if (chinese(locale)) {
      List<String> data = new java.util.ArrayList<>(List.of(english, chineseText, fixtures.siteId,
          fixtures.queueId, "Support", siteName(), "*/pricing*"));
      data.addAll(column("SELECT name FROM campaigns"));
      // Queues and sites that other tests on this node made show in the pickers too.
      data.addAll(column("SELECT name FROM queues"));
      data.addAll(column("SELECT id FROM sites"));
      data.addAll(column("SELECT name FROM sites"));
      data.addAll(column("SELECT display_name FROM users"));
      assertThat(UntranslatedText.find(adminPage, data)).as("untranslated on the campaigns tab")
          .isEmpty();
    }

    Fixtures.Agent agent = fixtures.addAgent(3);
    try (Participant agentClient = Participant.agent(node.http(), node.ws(), agent)) {
      agentClient.client().setStatus("online").get();
      Page visitor = context(locale, 360).newPage();
      visitor.onPageError(error -> pageErrors.add(error));
      List<String> tokenRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
      visitor.onRequest(request -> {
        if (request.method().equals("POST") && request.url().endsWith("/v1/visitors")) {
          tokenRequests.add(request.postData());
        }
      });
      visitor.navigate(baseUrl() + "/demo?site=" + fixtures.siteKey + "&" + marker + "=1");
      FrameLocator widget = visitor.frameLocator("iframe#switchboard-chat-frame");
      String expected = chinese(locale) ? chineseText : english;
      assertThat(widget.locator("#sb-invite .sb-invite-text")).hasText(expected);
      assertThat(widget.locator("#sb-invite [aria-live=polite]")).hasCount(1);
      assertThat(widget.locator("#sb-invite .sb-invite-reply"))
          .hasText(chinese(locale) ? "回复" : "Reply");
      widget.locator("#sb-invite .sb-invite-reply").click();
      assertThat(widget.locator("form[data-mode='prechat'] .sb-greeting")).hasText(expected);
      widget.locator("#sb-f-name").fill("Lena");
      widget.locator("#sb-f-email").fill("lena@example.com");
      widget.locator("form[data-mode='prechat'] button[type=submit]").click();
      ServerMessage.Assigned assigned = agentClient.await(ServerMessage.Assigned.class,
          a -> true, Duration.ofSeconds(20));
      agentClient.client().accept(assigned.conversationId()).get();
      // The frame booted and reported the page at once: one token request, which took over the
      // visitor the loader's first view made (two made two visitors, and the invitation shown to
      // one could not be answered by the other).
      assertThat(tokenRequests).hasSize(1).allMatch(body -> body.contains("visitPass"));
      assertThat(widget.locator(".sb-msg", new com.microsoft.playwright.FrameLocator
          .LocatorOptions().setHasText(expected))).isVisible();
      List<String> first = jdbi().withHandle(h -> h.createQuery(
              "SELECT body FROM messages WHERE conversation_id = :id ORDER BY seq")
          .bind("id", UUID.fromString(assigned.conversationId())).mapTo(String.class).list());
      assertThat(first).first().isEqualTo(expected);
      agentClient.client().close(assigned.conversationId(), "resolved").get();
      agentClient.client().setStatus("offline").get();
    }

    List<String> shownTo = jdbi().withHandle(h -> h.createQuery("""
            SELECT CAST(i.contact_id AS text) || ' ' || CAST(i.shown_at AS text)
            FROM campaign_invitations i JOIN campaigns c ON c.id = i.campaign_id
            WHERE c.name = :name AND i.shown_at IS NOT NULL""")
        .bind("name", "Promo " + marker).mapTo(String.class).list());
    assertThat(shownTo).as("one visitor, shown once").hasSize(1);
    adminPage.reload();
    adminPage.locator("#admin-campaign-table tbody tr",
        new Page.LocatorOptions().setHasText("Promo " + marker)).locator("button").click();
    assertThat(adminPage.locator("#campaign-stats dd[data-stat=shown]")).hasText("1");
    assertThat(adminPage.locator("#campaign-stats dd[data-stat=opened]")).hasText("1");
    assertThat(adminPage.locator("#campaign-stats dd[data-stat=chats]")).hasText("1");
  }

  @Test
  void aReplyToAnInvitationThatIsNoLongerTheVisitorsStartsAChatAllTheSame() throws Exception {
    String marker = "gone-" + UUID.randomUUID().toString().substring(0, 8);
    String offer = "Questions about " + marker + "?";
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    Http.Reply made = Http.call("POST", node.http(), "/v1/admin/campaigns", admin, """
        {"siteId": "%s", "queueId": "%s", "name": "Gone %s", "urlPattern": "*%s*",
         "capDays": 7, "message": {"en": "%s", "zh-CN": "%s"}}""".formatted(fixtures.siteId,
        fixtures.queueId, marker, marker, offer, offer));
    assertThat(made.status()).as(String.valueOf(made.body())).isEqualTo(201);
    try (Participant agentClient = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3))) {
      agentClient.client().setStatus("online").get();
      Page visitor = context("en-US", 360).newPage();
      visitor.onPageError(error -> pageErrors.add(error));
      visitor.navigate(baseUrl() + "/demo?site=" + fixtures.siteKey + "&" + marker + "=1");
      FrameLocator widget = visitor.frameLocator("iframe#switchboard-chat-frame");
      assertThat(widget.locator("#sb-invite .sb-invite-text")).hasText(offer);
      // The invitation is gone before the visitor answers it: the server refuses a start that
      // names it, as it refuses one naming another visitor's.
      jdbi().useHandle(h -> h.execute("""
          DELETE FROM campaign_invitations i USING campaigns c
          WHERE c.id = i.campaign_id AND c.name = ?""", "Gone " + marker));
      widget.locator("#sb-invite .sb-invite-reply").click();
      widget.locator("#sb-f-name").fill("Noor");
      widget.locator("#sb-f-email").fill("noor@example.com");
      widget.locator("form[data-mode='prechat'] button[type=submit]").click();
      assertThat(widget.locator("#sb-input")).isVisible();
      ServerMessage.Assigned assigned = agentClient.await(ServerMessage.Assigned.class,
          a -> true, Duration.ofSeconds(20));
      List<String> campaigns = jdbi().withHandle(h -> h.createQuery(
              "SELECT coalesce(CAST(campaign_id AS text), 'none') FROM conversations WHERE id = :id")
          .bind("id", UUID.fromString(assigned.conversationId())).mapTo(String.class).list());
      assertThat(campaigns).as("a chat of its own").containsExactly("none");
      agentClient.client().close(assigned.conversationId(), "resolved").get();
      agentClient.client().setStatus("offline").get();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "zh-CN"})
  void anAgentInvitesAVisitorFromTheVisitorsPage(String locale) throws Exception {
    String marker = "browse-" + UUID.randomUUID().toString().substring(0, 8);
    BrowserContext browsing = context(locale, 360);
    // The visitor's page is light (no frame, no socket): the invitation comes with its next
    // report, at most 30 s later on the page's clock, which the test moves.
    browsing.clock().install();
    Page visitor = browsing.newPage();
    visitor.onPageError(error -> pageErrors.add(error));
    visitor.navigate(baseUrl() + "/demo?site=" + fixtures.siteKey + "&" + marker + "=1");
    FrameLocator widget = visitor.frameLocator("iframe#switchboard-chat-frame");
    assertThat(visitor.locator("#switchboard-launcher")).isVisible();

    Fixtures.Agent agent = fixtures.addAgent(3);
    Page page = console(locale, agent, "visitors");
    var row = page.locator("#visitors-table tbody tr", new Page.LocatorOptions().setHasText(marker));
    assertThat(row).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions
        .IsVisibleOptions().setTimeout(30_000));
    page.waitForLoadState(LoadState.NETWORKIDLE);
    assertThat(Accessibility.seriousViolations(page)).as("axe on the visitors page").isEmpty();
    if (chinese(locale)) {
      // What visitors' pages and browsers report is data: titles, addresses, language tags.
      List<String> data = new java.util.ArrayList<>(List.of(fixtures.siteId, siteName(), agent.name()));
      for (JsonNode live : Http.get(node.http(), "/v1/visitors/live",
          Http.agentToken(node.http(), agent)).body().get("visitors")) {
        for (String field : List.of("url", "title", "language", "name")) {
          data.add(live.path(field).asText(""));
        }
      }
      // Anonymous visitors are shown by the start of their contact id.
      data.addAll(column("SELECT left(CAST(id AS text), 6) FROM contacts"));
      assertThat(UntranslatedText.find(page, data)).as("untranslated on the visitors page")
          .isEmpty();
    }
    row.locator("button").click();
    String text = (chinese(locale) ? "需要帮忙吗？" : "Need a hand? ") + marker;
    page.locator("#invite-text").fill(text);
    page.locator("#invite-send").click();
    assertThat(page.locator("#invite-text")).isHidden();
    browsing.clock().runFor(31_000);

    assertThat(widget.locator("#sb-invite .sb-invite-text")).hasText(text);
    assertThat(widget.locator("#sb-invite .sb-invite-sender")).hasText(agent.name());
    widget.locator("#sb-invite .sb-invite-reply").focus();
    visitor.keyboard().press("Escape");
    assertThat(widget.locator("#sb-invite")).isHidden();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      List<String> touches = jdbi().withHandle(h -> h.createQuery("""
              SELECT e.kind FROM contact_events e JOIN campaign_invitations i
                ON i.contact_id = e.contact_id WHERE i.body = :body ORDER BY e.id""")
          .bind("body", text).mapTo(String.class).list());
      assertThat(touches).contains("campaign.shown", "campaign.dismissed");
    });
  }
}
