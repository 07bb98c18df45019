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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A contact's page in the console: edited in place (a typed custom field refused, then saved,
 * the company set) with the edit in its history, the company's page with her open work, a note,
 * and one timeline with the chat (its transcript opens) and the ticket made from it; the admin's Contact fields tab; and the same pages in Chinese on
 * a phone.
 */
class ConsoleContactPageTest extends ConsoleContactBrowserTest {

  @Test
  void aContactIsEditedWithTypedFieldsANoteAndOneTimeline(TestInfo info) throws Exception {
    SignedIn admin = adminWithFields("en-US", 1280);
    String token = admin.token();
    Page page = admin.page();
    Chat chat = chatWhileOnline(page, "Pia Sommer", "pia.sommer@example.com",
        "Can I get an invoice copy?");
    JsonNode ticket = contactCall(token, "POST",
        "/v1/conversations/" + chat.conversationId() + "/ticket",
        "{\"subject\":\"Invoice copy for Pia\"}", 201);
    typed.add("Invoice copy for Pia");
    String company = contactCall(token, "POST", "/v1/companies", "{\"siteId\":\""
        + fixtures.siteId + "\",\"name\":\"Sommer Bikes\",\"domain\":\"sommer.example\"}",
        201).get("id").asText();

    go(page, "contacts/" + chat.contactId());
    assertThat(page.locator("#contact-title")).hasText("Pia Sommer");
    Locator timeline = page.locator("#contact-timeline");
    assertThat(timeline.locator(".ctl-item[data-kind='conversation.started']")).hasCount(1);
    Locator ticketLink = timeline.locator(".ctl-item[data-kind='ticket.created'] .ctl-ticket-link");
    assertThat(ticketLink).containsText("Invoice copy for Pia");
    assertThat(ticketLink).hasAttribute("href", "#/tickets/" + ticket.get("id").asText());
    timeline.locator(".ctl-transcript").first().click();
    assertThat(page.locator("dialog .transcript")).containsText("Can I get an invoice copy?");
    // The transcript downloads as CSV (with a BOM for spreadsheets) and prints with its styles.
    com.microsoft.playwright.Download csv = page.waitForDownload(
        () -> page.locator("#transcript-csv").click());
    String csvText = new String(readAll(csv), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(csvText).startsWith("\uFEFF").contains("Can I get an invoice copy?");
    page.locator("#transcript-print").click();
    Locator printFrame = page.locator("iframe.print-frame");
    assertThat(printFrame).hasCount(1);
    assertThat(page.frameLocator("iframe.print-frame").locator("li").first())
        .containsText("Can I get an invoice copy?");
    Object styled = page.evaluate("() => { const d = document.querySelector('iframe.print-frame')"
        + ".contentDocument; return d.adoptedStyleSheets.length > 0"
        + " && getComputedStyle(d.querySelector('dt')).fontWeight === '600'; }");
    assertThat(styled).isEqualTo(true);
    page.keyboard().press("Escape");
    assertThat(page.locator("dialog")).hasCount(0);

    // Edit in place: a number field refuses words next to the field, then the edit is saved.
    page.locator("#contact-edit").click();
    page.locator("#contact-stage").selectOption("customer");
    page.locator("#contact-tags").fill("vip, invoices");
    page.locator("#contact-attr-seats").fill("twelve");
    page.locator("#contact-attr-plan").selectOption("pro");
    page.locator("#contact-companyId").selectOption(company);
    page.locator("#contact-save").click();
    assertThat(page.locator("#contact-attr-seats-error"))
        .hasText("Enter a number, such as 12 or 3.5.");
    assertThat(page.locator("#contact-attr-seats")).hasAttribute("aria-invalid", "true");
    page.locator("#contact-attr-seats").fill("12");
    page.locator("#contact-save").click();
    assertThat(page.locator("#contact-form")).isHidden();
    assertThat(page.locator("[data-attribute=seats] dd")).hasText("12");
    assertThat(page.locator("[data-attribute=plan] dd")).hasText("pro");
    assertThat(page.locator("[data-fact=stage] dd")).hasText("Customer");
    assertThat(timeline.locator(".ctl-item[data-kind=stage_changed]")).containsText("Customer");
    assertThat(timeline.locator(".ctl-item[data-kind=edited]"))
        .containsText("by " + admin.user().name());
    assertThat(timeline.locator(".ctl-item[data-kind=edited]")).containsText("vip, invoices");

    // The company's page lists her with her open work (the open chat and the ticket).
    page.locator("[data-fact=company] a").click();
    assertThat(page.locator("#company-title")).hasText("Sommer Bikes");
    assertThat(page.locator("#company-contacts .contact-row")).containsText(
        "1 open chats · 1 open tickets");
    assertThat(page.locator("#company-tickets")).containsText("Invoice copy for Pia");
    assertClean(page);
    page.goBack();

    // Cancel leaves everything as it was.
    page.locator("#contact-edit").click();
    page.locator("#contact-name").fill("Someone Else");
    page.locator("#contact-cancel").click();
    assertThat(page.locator("#contact-title")).hasText("Pia Sommer");

    // A note, in the notes and in the timeline.
    page.locator("#contact-note-add").click();
    assertThat(page.locator("#contact-note-error")).isVisible();
    page.locator("#contact-note-text").fill("Prefers invoices by email");
    page.locator("#contact-note-add").click();
    assertThat(page.locator("#contact-notes")).containsText("Prefers invoices by email");
    assertThat(timeline.locator(".ctl-note")).containsText("Prefers invoices by email");
    screenshot(page, info, "contact");
    assertClean(page);

    JsonNode saved = Http.get(node.http(), "/v1/contacts/" + chat.contactId(), token).body();
    assertThat(saved.path("stage").asText()).isEqualTo("customer");
    assertThat(saved.path("attributes").path("seats").asDouble()).isEqualTo(12.0);
    assertThat(saved.path("attributes").path("plan").asText()).isEqualTo("pro");

    // The contacts list finds her by a part of her email and opens her page.
    go(page, "contacts");
    page.locator("#contact-search").fill("pia.som");
    assertThat(page.locator("#contact-rows .contact-link")).hasText(new String[] {"Pia Sommer"});
    page.locator("#cf-stage").selectOption("lead");
    assertThat(page.locator("#contact-rows .contact-link")).hasCount(0);
    page.locator("#cf-stage").selectOption("customer");
    page.locator("#contact-rows .contact-link").click();
    assertThat(page.locator("#contact-title")).hasText("Pia Sommer");
  }

  @Test
  void anAdminDefinesContactFields(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    String token = token(admin);
    Page page = signIn(admin, "en-US", 1280);
    go(page, "admin/contactFields");
    page.locator("#cfields-site").selectOption(fixtures.siteId);
    int before = page.locator(".cfield-row").count();
    page.locator("#cfields-add").click();
    Locator row = page.locator(".cfield-row").last();
    row.locator("[data-name=key]").fill("Renewal Date");
    row.locator("[data-name=labelEn]").fill("Renewal date");
    row.locator("[data-name=kind]").selectOption("date");
    page.locator("#cfields-save").click();
    assertThat(row.locator(".field-error")).containsText("The key starts with a small letter");
    row.locator("[data-name=key]").fill("renewal_date");
    page.locator("#cfields-save").click();
    assertThat(row.locator(".field-error")).hasText("Give both an English and a Chinese label.");
    row.locator("[data-name=labelZh]").fill("续约日期");
    page.locator("#cfields-save").click();
    assertThat(page.locator(".toast")).containsText("Contact fields saved.");
    assertThat(page.locator(".cfield-row")).hasCount(before + 1);
    assertClean(page);
    screenshot(page, info, "fields");
    JsonNode fields = Http.get(node.http(),
        "/v1/admin/sites/" + fixtures.siteId + "/contact-fields", token).body();
    assertThat(fields.toString()).contains("renewal_date").contains("续约日期");
  }

  @Test
  void theContactPagesSpeakChineseAndFitAPhone(TestInfo info) throws Exception {
    SignedIn admin = adminWithFields("zh-CN", 360);
    String token = admin.token();
    Page page = admin.page();
    Chat chat = chatWhileOnline(page, "Wang Lei", "wang.lei@example.com", "Ni hao");
    contactCall(token, "POST", "/v1/contacts/" + chat.contactId() + "/notes",
        "{\"body\":\"Call back Monday\"}", 201);
    typed.add("Call back Monday");
    contactCall(token, "PATCH", "/v1/contacts/" + chat.contactId(),
        "{\"stage\":\"lead\",\"tags\":[\"vip\"],\"attributes\":{\"seats\":3}}", 200);
    typed.add("vip");

    go(page, "contacts/" + chat.contactId());
    assertThat(page.locator("#contact-timeline-title")).hasText("时间线");
    assertThat(page.locator("[data-fact=stage] dd")).hasText("潜在客户");
    assertThat(page.locator("#contact-timeline .ctl-item[data-kind=note_added]")).isVisible();
    List<String> names = List.of(admin.user().name(), chat.contactId());
    assertThat(problems(page)).isEmpty();
    assertThat(english(page, token, names)).isEmpty();
    screenshot(page, info, "contact-zh-360");
    page.locator("#contact-edit").click();
    assertThat(page.locator("label[for=contact-attr-seats]")).hasText("席位");
    assertThat(problems(page)).isEmpty();
    assertThat(english(page, token, names)).isEmpty();
    page.locator("#contact-cancel").click();

    for (String hash : List.of("contacts", "contacts/leads", "contacts/duplicates", "companies",
        "admin/contactFields")) {
      go(page, hash);
      assertThat(page.locator("h1").first()).isVisible();
      assertThat(problems(page)).as(hash).isEmpty();
      assertThat(english(page, token, names)).as(hash).isEmpty();
    }
    screenshot(page, info, "fields-zh-360");
  }

  private static byte[] readAll(com.microsoft.playwright.Download download) throws Exception {
    try (java.io.InputStream in = download.createReadStream()) {
      return in.readAllBytes();
    }
  }
}
