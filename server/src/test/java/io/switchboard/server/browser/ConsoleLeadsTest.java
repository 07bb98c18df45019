package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Leads and duplicates in the console: a chat's visitor marked as a lead from the sidebar shows
 * in the leads view under their owner; two contacts with the same email are merged from the
 * duplicates list, and the old id leads to the survivor with a notice; both in Chinese on a
 * phone too.
 */
class ConsoleLeadsTest extends ConsoleContactBrowserTest {

  @Test
  void aChatVisitorIsMarkedAsALeadFromTheSidebar(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    Fixtures.Agent colleague = fixtures.addAgent(1);
    String token = token(agent);
    Page page = signIn(agent, "en-US", 1280);
    setStatus(page, "online");
    Chat chat;
    try {
      chat = chat(page, "Lena Lindqvist", "lena.l@example.com", "Do you ship to Sweden?");
      // The sidebar's contact card; the chat stays open while the agent marks the lead.
      Locator card = page.locator("#side-crm-card");
      assertThat(card).containsText("Visitor");
      page.locator("#side-mark-lead").click();
      assertThat(page.locator("#mark-lead-ownerId")).hasValue(agent.id().toString());
      assertThat(page.locator("#mark-lead-stage")).hasValue("lead");
      page.locator("#mark-lead-submit").click();
      assertThat(card.locator(".contact-stage")).hasText("Lead");
      assertThat(card).containsText("Owner: " + agent.name());
      screenshot(page, info, "sidebar");
      assertThat(page.locator("#side-contact-link")).hasAttribute("href",
          "#/contacts/" + chat.contactId());
      page.locator("#side-contact-link").click();
      assertThat(page.locator("#contact-title")).hasText("Lena Lindqvist");
      assertThat(page.locator("#contact-timeline .ctl-item[data-kind=stage_changed]"))
          .containsText("by " + agent.name());
    } finally {
      setStatus(page, "offline");
    }
    JsonNode contact = Http.get(node.http(), "/v1/contacts/" + chat.contactId(), token).body();
    assertThat(contact.path("stage").asText()).isEqualTo("lead");
    assertThat(contact.path("owner").path("id").asText()).isEqualTo(agent.id().toString());

    go(page, "contacts/leads");
    Locator group = page.locator(".lead-stage[data-stage=lead] .lead-owner[data-owner='"
        + agent.id() + "']");
    assertThat(group.locator("h3")).containsText(agent.name());
    assertThat(group.locator(".lead-row",
        new Locator.LocatorOptions().setHasText("Lena Lindqvist"))).hasCount(1);
    page.locator("#leads-owner").selectOption(colleague.id().toString());
    assertThat(page.locator(".lead-row", new Page.LocatorOptions().setHasText("Lena Lindqvist")))
        .hasCount(0);
    page.locator("#leads-owner").selectOption(agent.id().toString());
    assertThat(page.locator(".lead-row", new Page.LocatorOptions().setHasText("Lena Lindqvist")))
        .hasCount(1);
    assertClean(page);
  }

  @Test
  void twoDuplicatesAreMergedAndTheOldIdLeadsToTheSurvivor(TestInfo info) throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 1);
    String token = token(supervisor);
    Duplicates pair = duplicates(token, "Omar Haddad", "O. Haddad");
    String email = pair.email();
    JsonNode older = pair.first();
    JsonNode newer = pair.second();

    Page page = signIn(supervisor, "en-US", 1280);
    go(page, "contacts/duplicates");
    page.locator("#dupes-site").selectOption(fixtures.siteId);
    Locator row = page.locator(".dupe-row", new Page.LocatorOptions().setHasText(email));
    assertThat(row).hasCount(1);
    assertThat(row.locator(".dupe-reason")).hasText("Same email: " + email);
    row.locator(".dupe-merge").click();
    Locator survivor = page.locator("dialog .merge-choice",
        new Page.LocatorOptions().setHasText("Omar Haddad"));
    survivor.locator("input").check();
    page.locator("#merge-submit").click();
    assertThat(page.locator("dialog .form-error")).hasText("Tick the box to confirm the merge.");
    page.locator("#merge-confirm").check();
    screenshot(page, info, "merge-dialog");
    page.locator("#merge-submit").click();
    page.waitForURL(Pattern.compile(".*#/contacts/" + older.get("id").asText()));
    assertThat(page.locator("#contact-title")).hasText("Omar Haddad");
    assertThat(page.locator("#contact-timeline .ctl-item[data-kind=merged]")).containsText(
        "O. Haddad");

    // The merged contact's old address shows the survivor, with a notice.
    go(page, "contacts/" + newer.get("id").asText());
    assertThat(page.locator("#contact-merged")).isVisible();
    assertThat(page.locator("#contact-merged")).containsText(newer.get("id").asText());
    assertThat(page.locator("#contact-title")).hasText("Omar Haddad");
    assertClean(page);
    go(page, "contacts/duplicates");
    page.locator("#dupes-site").selectOption(fixtures.siteId);
    assertThat(page.locator(".dupe-row", new Page.LocatorOptions().setHasText(email)))
        .hasCount(0);
  }

  @Test
  void leadsAndDuplicatesSpeakChineseAndFitAPhone(TestInfo info) throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 1);
    String token = token(supervisor);
    Duplicates pair = duplicates(token, "Li Na", "Li Na (2)");
    String email = pair.email();
    JsonNode first = pair.first();
    JsonNode second = pair.second();
    contactCall(token, "PATCH", "/v1/contacts/" + first.get("id").asText(),
        "{\"stage\":\"lead\",\"ownerId\":\"" + supervisor.id() + "\"}", 200);
    List<String> names = List.of(supervisor.name(), email);

    Page page = signIn(supervisor, "zh-CN", 360);
    go(page, "contacts/leads");
    assertThat(page.locator(".lead-row", new Page.LocatorOptions().setHasText("Li Na")).first())
        .isVisible();
    assertThat(problems(page)).isEmpty();
    assertThat(english(page, token, names)).isEmpty();
    screenshot(page, info, "leads-zh-360");

    go(page, "contacts/duplicates");
    page.locator("#dupes-site").selectOption(fixtures.siteId);
    Locator row = page.locator(".dupe-row", new Page.LocatorOptions().setHasText(email));
    assertThat(row).containsText("Li Na (2)");
    assertThat(row.locator(".dupe-reason")).hasText("邮箱相同：" + email);
    row.locator(".dupe-merge").click();
    assertThat(page.locator("dialog h2")).hasText("合并两个联系人");
    assertThat(problems(page)).isEmpty();
    assertThat(english(page, token, names)).isEmpty();
    screenshot(page, info, "merge-zh-360");
    page.keyboard().press("Escape");
    assertThat(page.locator("dialog")).hasCount(0);
    assertThat(row.locator("a[href='#/contacts/" + second.get("id").asText() + "']")).hasCount(1);
  }
}
