package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A supervisor opens a live conversation from the wall, follows it read-only, whispers to the
 * agent (who gets it; the visitor never does), joins and writes to the visitor; in Chinese on a
 * 360 px screen the monitor page speaks Chinese, fits and has no serious axe findings.
 */
class ConsoleMonitorTest extends ConsoleBrowserTest {

  @Test
  void aSupervisorMonitorsWhispersAndJoinsFromTheWall(TestInfo info) throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 1);
    Fixtures.Agent agentAccount = fixtures.addAgent(3);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), agentAccount)) {
      String conversationId =
          agent.serve(visitor, fixtures.queueId, Map.of("name", "Ines Duarte"));
      Page page = openConsole();
      login(page, supervisor);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live wall")).click();
      page.locator("#wall-live-table tr[data-conversation='" + conversationId + "'] a").click();
      assertThat(page.locator("#monitor-title")).hasText("Monitoring Ines Duarte");
      assertThat(page.locator("#monitor-agent")).hasText("Agent: " + agentAccount.name());
      assertThat(page.locator("#monitor-state")).hasText(
          "Read-only: the visitor and the agent do not see you.");

      visitor.client().send(conversationId, "Where is my parcel?").get();
      assertThat(page.locator("#monitor-timeline")).containsText("Where is my parcel?");

      page.getByLabel("Whisper to the agent (the visitor never sees it)")
          .fill("Offer express shipping for free");
      page.locator("#monitor-whisper-send").click();
      assertThat(page.locator("#monitor-timeline .note.whisper"))
          .containsText("Offer express shipping for free");
      ServerMessage.NoteAdded whisper = agent.await(ServerMessage.NoteAdded.class);
      assertThat(whisper.kind()).isEqualTo("whisper");

      page.locator("#monitor-join").click();
      assertThat(page.locator("#monitor-state")).hasAttribute("data-state", "joined");
      assertThat(page.getByLabel("Message to the visitor")).isFocused();
      visitor.await(ServerMessage.AgentJoined.class,
          event -> event.agent().name().equals(supervisor.name()), Duration.ofSeconds(10));
      page.getByLabel("Message to the visitor").fill("I am the team lead: it ships today.");
      page.locator("#monitor-send").click();
      await().atMost(Duration.ofSeconds(10)).until(() -> visitor.messages(conversationId).stream()
          .anyMatch(m -> m.text().equals("I am the team lead: it ships today.")));
      assertThat(page.locator("#monitor-timeline .msg.staff"))
          .containsText("I am the team lead: it ships today.");
      assertThat(visitor.events()).noneMatch(event -> event.toString().contains("express"));
      assertThat(page.locator("#monitor-history li[data-kind=monitored]")).hasCount(1);
      assertThat(page.locator("#monitor-history li[data-kind=whispered]"))
          .containsText(supervisor.name());
      assertThat(page.locator("#monitor-history li[data-kind=joined]")).hasCount(1);
      screenshot(page, info, "01-monitor");
    }
  }

  @Test
  void theMonitorPageInChineseFitsAPhoneAndPassesAxe(TestInfo info) throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 1);
    Fixtures.Agent agentAccount = fixtures.addAgent(3);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), agentAccount);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setLocale("zh-CN").setViewportSize(360, 740))) {
      String conversationId = agent.serve(visitor, fixtures.queueId, Map.of("name", "王芳"));
      visitor.client().send(conversationId, "你好，我的包裹在哪里？").get();
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + "/console#/monitor/" + conversationId);
      fillLogin(page, supervisor.email(), supervisor.password());
      assertThat(page.locator("#monitor-title")).hasText("正在监听 王芳");
      assertThat(page.locator("#monitor-timeline")).containsText("你好，我的包裹在哪里？");
      assertThat(page.locator("#monitor-join")).hasText("加入会话");
      assertThat(page.locator("#monitor-state")).hasText("只读：访客和客服都看不到您。");
      Object overflow = page.evaluate(
          "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 360 px")
          .isLessThanOrEqualTo(0);
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
      screenshot(page, info, "monitor-zh-360");
    }
  }
}
