package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The admin page: an admin edits a queue's settings (with its required skills and languages),
 * business hours and holidays and an agent's capacity, memberships, skills and languages through
 * the page, sees the server's validation messages next to the form, and every change is visible
 * through the REST API and takes effect for visitors (the widget config's {@code open}, who is
 * offered a conversation). Supervisors and agents get no admin page.
 */
class ConsoleAdminTest extends ConsoleBrowserTest {
  @Test
  void adminEditsQueueHoursHolidaysAndAgentsThroughThePage(TestInfo info) throws Exception {
    Fixtures site = Fixtures.create(jdbi());
    Fixtures.Agent admin = site.addUser(Role.ADMIN, 1);
    Fixtures.Agent agent = site.addAgent(2);
    String adminToken = Http.agentToken(node.http(), admin);
    Page page = openConsole();
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Administration"))).isVisible();
    Locator row = findQueue(page, site.queueId);
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit Support")).click();
    assertThat(page.locator("#queue-form-title")).hasText("Queue settings: Support");
    assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).isFocused();

    // A value the page itself refuses, then one only the server refuses: both next to the field.
    page.getByLabel("Priority").fill("500");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save queue")).click();
    assertThat(page.locator("[data-field=priority] .field-error")).hasText("A whole number from 0 to 100.");
    assertThat(page.getByLabel("Priority")).hasAttribute("aria-invalid", "true");
    page.getByLabel("Priority").fill("7");
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Sales desk");
    page.getByLabel("Maximum wait (seconds)").fill("240");
    page.getByLabel("Accept timeout (seconds)").fill("45");
    page.getByLabel("Routing strategy").selectOption("round_robin");
    page.getByLabel("Paused (takes no new chats, assigns nothing)").check();
    screenshot(page, info, "01-queue-form");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save queue")).click();
    assertThat(row.locator("[data-field=priority]")).hasText("7");
    assertThat(row.locator("[data-field=state]")).hasText("Paused");
    JsonNode queue = adminQueue(adminToken, site.queueId);
    assertThat(queue.path("name").asText()).isEqualTo("Sales desk");
    assertThat(queue.path("priority").asInt()).isEqualTo(7);
    assertThat(queue.path("maxWaitSeconds").asInt()).isEqualTo(240);
    assertThat(queue.path("acceptTimeoutSeconds").asInt()).isEqualTo(45);
    assertThat(queue.path("strategy").asText()).isEqualTo("round_robin");
    assertThat(queue.path("paused").asBoolean()).isTrue();
    assertThat(widgetQueue(site).path("open").asBoolean()).as("a paused queue is closed").isFalse();
    assertThat(widgetQueue(site).path("maxWaitSeconds").asInt()).isEqualTo(240);

    page.getByLabel("Paused (takes no new chats, assigns nothing)").uncheck();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save queue")).click();
    assertThat(row.locator("[data-field=state]")).hasText("Taking chats");
    assertThat(widgetQueue(site).path("open").asBoolean()).isTrue();

    // Business hours: the server's messages appear next to the form, then a valid week is saved.
    page.getByLabel("Time zone").fill("Mars/Olympus");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save hours")).click();
    assertThat(page.locator("#hours-form [data-field=timeZone] .field-error")).containsText("timeZone or hours");
    screenshot(page, info, "02-hours-error");
    page.getByLabel("Time zone").fill("Asia/Shanghai");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a slot")).click();
    int tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).getDayOfWeek().getValue();
    page.getByLabel("Day 1").selectOption(Integer.toString(tomorrow));
    page.getByLabel("Opens 1").fill("17:00");
    page.getByLabel("Closes 1").fill("09:00");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save hours")).click();
    assertThat(page.locator("#hours-form .form-error")).hasText("hours: closes must be after opens");
    page.getByLabel("Opens 1").fill("09:00");
    page.getByLabel("Closes 1").fill("17:00");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save hours")).click();
    assertThat(row.locator("[data-field=hours]")).hasText("1 weekly slots · Asia/Shanghai");
    queue = adminQueue(adminToken, site.queueId);
    assertThat(queue.path("timeZone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(queue.path("hours")).hasSize(1);
    assertThat(queue.path("hours").get(0).path("weekday").asInt()).isEqualTo(tomorrow);
    assertThat(queue.path("hours").get(0).path("opens").asText()).isEqualTo("09:00");
    assertThat(queue.path("maxWaitSeconds").asInt()).as("saving hours keeps the max wait").isEqualTo(240);
    assertThat(widgetQueue(site).path("open").asBoolean()).as("no slot today: closed").isFalse();
    screenshot(page, info, "03-hours-saved");

    // Holidays: added and removed through the page.
    page.getByLabel("Date").fill("2026-12-25");
    page.getByLabel("Holiday name (optional)").fill("Christmas");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add holiday")).click();
    assertThat(page.locator(".holiday[data-day='2026-12-25']")).containsText("Christmas");
    assertThat(adminQueue(adminToken, site.queueId).path("holidays").get(0).path("name").asText())
        .isEqualTo("Christmas");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove holiday 2026-12-25")).click();
    assertThat(page.locator(".holiday[data-day='2026-12-25']")).hasCount(0);
    assertThat(adminQueue(adminToken, site.queueId).path("holidays")).isEmpty();

    // A new queue, from the keyboard only; then the agent's capacity and memberships.
    String newId = "vip-" + UUID.randomUUID().toString().substring(0, 6);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New queue")).focus();
    page.keyboard().press("Enter");
    assertThat(page.getByLabel("Queue id")).isFocused();
    page.keyboard().type(newId);
    page.keyboard().press("Tab");
    assertThat(page.getByLabel("Site")).isFocused();
    page.keyboard().press("Control+A");
    page.keyboard().type(site.siteId);
    page.keyboard().press("Tab");
    assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).isFocused();
    page.keyboard().type("VIP " + newId);
    page.keyboard().press("Enter");
    try {
      // Saved and reloaded: the editor shows the new queue and the table has its row.
      assertThat(page.locator("#queue-form-title")).hasText("Queue settings: VIP " + newId);
      assertThat(page.locator("#admin-queue-table tr[data-queue='" + newId + "']")).isVisible();
    } catch (AssertionError e) {
      throw new AssertionError("the queue form after Enter: " + page.locator("#queue-form").innerText()
          + " / page error: " + page.locator(".admin-page > .form-error").innerText(), e);
    }
    assertThat(adminQueue(adminToken, newId).path("acceptTimeoutSeconds").asInt()).isEqualTo(30);

    // The table shows 25 agents a page; the search finds one by name.
    assertThat(page.locator("#admin-agent-table tbody tr")).not().hasCount(0);
    org.assertj.core.api.Assertions.assertThat(page.locator("#admin-agent-table tbody tr").count())
        .isLessThanOrEqualTo(25);
    findAgent(page, agent);
    Locator agentRow = page.locator("#admin-agent-table tr[data-agent='" + agent.id() + "']");
    agentRow.getByLabel("Capacity of " + agent.name()).fill("4");
    // The row names the agent's queues; its checkboxes are drawn when it is opened.
    Locator picker = agentRow.locator(".queue-picker summary");
    assertThat(picker).hasText("Queues of " + agent.name() + ": Sales desk");
    assertThat(agentRow.getByLabel("VIP " + newId)).hasCount(0);
    picker.click();
    agentRow.getByLabel("VIP " + newId).check();
    assertThat(picker).containsText("VIP " + newId);
    assertThat(picker).containsText("Sales desk");
    agentRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save " + agent.name())).click();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode saved = null;
      for (JsonNode candidate : Http.get(node.http(), "/v1/agents", adminToken).body()) {
        if (candidate.path("id").asText().equals(agent.id().toString())) {
          saved = candidate;
        }
      }
      assertThat(saved).isNotNull();
      assertThat(saved.path("capacity").asInt()).isEqualTo(4);
      assertThat(saved.path("queues").toString()).contains(site.queueId).contains(newId);
    });
    assertThat(agentRow.locator(".field-error:not([hidden])")).hasCount(0);
    screenshot(page, info, "04-agent-saved");
  }

  @Test
  void skillsAndLanguagesSavedThroughThePageRouteConversations(TestInfo info) throws Exception {
    Fixtures site = Fixtures.create(jdbi());
    Fixtures.Agent admin = site.addUser(Role.ADMIN, 1);
    Fixtures.Agent skilled = site.addAgent(2);
    Fixtures.Agent unskilled = site.addAgent(3);
    String adminToken = Http.agentToken(node.http(), admin);
    Page page = openConsole();
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
    Locator row = findQueue(page, site.queueId);
    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit Support")).click();
    Locator skills = page.getByLabel("Required skills");
    Locator languages = page.getByLabel("Languages", new Page.GetByLabelOptions().setExact(true));

    // The server refuses a skill with a space: its message appears next to the skills field.
    skills.fill("Billing, bill ing");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save queue")).click();
    assertThat(page.locator("#queue-form [data-field=skills] .field-error"))
        .containsText("skills: \"bill ing\" is not a skill");
    assertThat(skills).hasAttribute("aria-invalid", "true");
    assertThat(skills).isFocused();
    skills.fill("Billing, refunds");
    languages.fill("zh-cn");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save queue")).click();
    assertThat(row.locator("[data-field=routing]")).hasText("billing, refunds · zh-CN");
    JsonNode queue = adminQueue(adminToken, site.queueId);
    assertThat(queue.path("skills").toString()).isEqualTo("[\"billing\",\"refunds\"]");
    assertThat(queue.path("languages").toString()).isEqualTo("[\"zh-CN\"]");
    assertThat(skills).hasValue("billing, refunds");
    screenshot(page, info, "01-queue-skills");

    // Each agent's skills and languages in the agents table, with the server's message per field.
    findAgent(page, unskilled);
    Locator unskilledRow = page.locator("#admin-agent-table tr[data-agent='" + unskilled.id() + "']");
    unskilledRow.getByLabel("Languages of " + unskilled.name()).fill("en, english!");
    unskilledRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save " + unskilled.name())).click();
    assertThat(page.locator("#agent-" + unskilled.id() + "-languages-error")).containsText("languages: a language tag");
    assertThat(unskilledRow.getByLabel("Languages of " + unskilled.name())).hasAttribute("aria-invalid", "true");
    unskilledRow.getByLabel("Languages of " + unskilled.name()).fill("zh");
    unskilledRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save " + unskilled.name())).click();
    findAgent(page, skilled);
    Locator skilledRow = page.locator("#admin-agent-table tr[data-agent='" + skilled.id() + "']");
    skilledRow.getByLabel("Skills of " + skilled.name()).fill("refunds, Billing");
    skilledRow.getByLabel("Languages of " + skilled.name()).fill("zh-CN, en");
    skilledRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save " + skilled.name())).click();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(agentRow(adminToken, skilled).path("skills").toString()).isEqualTo("[\"billing\",\"refunds\"]");
      assertThat(agentRow(adminToken, skilled).path("languages").toString()).isEqualTo("[\"en\",\"zh-CN\"]");
      assertThat(agentRow(adminToken, unskilled).path("languages").toString()).isEqualTo("[\"zh\"]");
    });
    assertThat(agentRow(adminToken, unskilled).path("skills")).isEmpty();
    screenshot(page, info, "02-agent-skills");

    // They take effect: with the unskilled agent online and free, a Chinese-speaking visitor waits
    // until the agent with the skills comes online, and is offered to them.
    try (Participant other = Participant.agent(node.http(), node.ws(), unskilled);
        Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey)) {
      other.client().setStatus("online").get();
      String id = visitor.client().start(site.queueId, Map.of("name", "Li"), "zh-CN").get().conversationId();
      visitor.await(ServerMessage.QueuePosition.class, q -> q.conversationId().equals(id), Duration.ofSeconds(10));
      try (Participant agent = Participant.agent(node.http(), node.ws(), skilled)) {
        agent.client().setStatus("online").get();
        agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(id), Duration.ofSeconds(15));
      }
      assertThat(other.events()).noneMatch(ServerMessage.Assigned.class::isInstance);
    }
  }

  @Test
  void supervisorsAndAgentsHaveNoAdminPage(TestInfo info) throws Exception {
    for (Role role : new Role[] {Role.SUPERVISOR, Role.AGENT}) {
      Fixtures.Agent user = fixtures.addUser(role, 1);
      Page page = openConsole();
      login(page, user);
      assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inbox"))).isVisible();
      assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin"))).hasCount(0);
      page.navigate(baseUrl() + "/console#/admin");
      assertThat(page.locator(".topbar")).isVisible();
      assertThat(page.locator(".nav-link[aria-current=page]")).hasAttribute("data-page", "inbox");
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Administration"))).hasCount(0);
      screenshot(page, info, role.wire() + "-no-admin");
      String token = Http.agentToken(node.http(), user);
      assertThat(Http.get(node.http(), "/v1/admin/queues", token).status()).isEqualTo(403);
      assertThat(Http.call("PUT", node.http(), "/v1/admin/queues/" + fixtures.queueId, token,
          "{\"priority\":3}").status()).isEqualTo(403);
    }
  }

  @Test
  void theAdminPageSpeaksChinese(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
        .setViewportSize(1280, 800));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(baseUrl() + "/console");
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("管理")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("系统管理"))).isVisible();
    // The heading is there at once; the queues come from the API after it. Typing before they
    // arrive is overwritten by the loaded queue, and the save then had nothing to refuse.
    assertThat(page.locator("#admin-queue-table tbody tr").first()).isVisible();
    page.getByLabel("优先级").fill("500");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存队列")).click();
    assertThat(page.locator("[data-field=priority] .field-error")).hasText("请输入 0 到 100 之间的整数。");
    assertThat(page.getByLabel("所需技能")).isVisible();
    assertThat(page.locator("#admin-agent-table th").getByText("技能", new Locator.GetByTextOptions().setExact(true))).isVisible();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("客服"))).isVisible();
    screenshot(page, info, "zh-CN");
  }

  private JsonNode adminQueue(String token, String queueId) throws Exception {
    Http.Reply reply = Http.get(node.http(), "/v1/admin/queues", token);
    assertThat(reply.status()).isEqualTo(200);
    for (JsonNode queue : reply.body()) {
      if (queue.path("id").asText().equals(queueId)) {
        return queue;
      }
    }
    throw new AssertionError("queue " + queueId + " not listed");
  }

  private JsonNode agentRow(String token, Fixtures.Agent agent) throws Exception {
    for (JsonNode candidate : Http.get(node.http(), "/v1/agents", token).body()) {
      if (candidate.path("id").asText().equals(agent.id().toString())) {
        return candidate;
      }
    }
    throw new AssertionError("agent " + agent.id() + " not listed");
  }

  private JsonNode widgetQueue(Fixtures site) throws Exception {
    for (JsonNode queue : Http.get(node.http(), "/v1/widget/config?siteKey=" + site.siteKey, null)
        .body().path("queues")) {
      if (queue.path("id").asText().equals(site.queueId)) {
        return queue;
      }
    }
    throw new AssertionError("queue " + site.queueId + " not in the widget config");
  }

  /** Types the agent's name into the agents table's search, which shows their row. */
  /** The queue's row, found by its id: the table shows 25 queues a page. */
  private static Locator findQueue(Page page, String queueId) {
    page.getByLabel("Find a queue by name or id").fill(queueId);
    Locator row = page.locator("#admin-queue-table tr[data-queue='" + queueId + "']");
    assertThat(row).isVisible();
    return row;
  }

  private static void findAgent(Page page, Fixtures.Agent agent) {
    page.getByLabel("Find an agent by name").fill(agent.name());
    assertThat(page.locator("#admin-agent-table tr[data-agent='" + agent.id() + "']")).isVisible();
  }
}
