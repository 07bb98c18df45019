package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The admin's support addresses tab: an address made with an IMAP mailbox whose password is never
 * shown again (and kept when the field is left empty), edited, refused by the server with the
 * reason beside the address field, and deleted; a mailbox ticked while the list loads keeps its
 * fields; and the tab (with the ignored mail list) in
 * Chinese on a desktop and a phone, checked with axe-core and for English left on screen.
 */
class ConsoleMailAddressTest extends ConsoleTicketBrowserTest {
  private static final String PASSWORD = "imap-secret-" + UUID.randomUUID();

  @Test
  void anAdminKeepsSupportAddresses(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    String address = "help-" + UUID.randomUUID().toString().substring(0, 8) + "@support.test";
    String other = createOverRest(token, "other-");
    Page page = signIn(admin, "en-US", 1280);
    go(page, "admin/mail");
    assertThat(page.locator("#admin-mail-table")).containsText(other);

    page.locator("#admin-new-mail").click();
    page.locator("#mail-address").fill(address);
    page.locator("#mail-displayName").fill("Example Help");
    page.locator("#mail-siteId").selectOption(fixtures.siteId);
    page.locator("#mail-queue").selectOption(fixtures.queueId);
    assertThat(page.locator("#mail-imapHost")).isHidden();
    page.locator("#mail-mailbox").check();
    page.locator("#mail-imapHost").fill("127.0.0.1");
    page.locator("#mail-imapPort").fill("3143");
    page.locator("#mail-imapTls").uncheck();
    page.locator("#mail-imapUser").fill("helpdesk");
    page.locator("#mail-imapProcessedFolder").fill("Done");
    page.locator("#mail-save").click();
    // A new mailbox needs its password: said beside the field before anything is sent.
    assertThat(page.locator("#mail-imapPassword-error")).isVisible();
    page.locator("#mail-imapPassword").fill(PASSWORD);
    page.locator("#mail-save").click();

    assertThat(page.locator("#admin-mail-table tr", new Page.LocatorOptions().setHasText(address)))
        .containsText("helpdesk @ 127.0.0.1");
    JsonNode saved = find(token, address);
    assertThat(saved.path("queue").asText()).isEqualTo(fixtures.queueId);
    assertThat(saved.path("imap").path("port").asInt()).isEqualTo(3143);
    assertThat(saved.path("imap").path("tls").asBoolean()).isFalse();
    assertThat(saved.path("imap").path("processedFolder").asText()).isEqualTo("Done");
    assertThat(saved.path("imap").path("passwordSet").asBoolean()).isTrue();
    assertThat(saved.toString()).doesNotContain(PASSWORD);
    // The password is never shown again: the field is empty and says an empty field keeps it.
    assertThat(page.locator("#mail-form-title")).containsText(address);
    assertThat(page.locator("#mail-imapPassword")).hasValue("");
    assertThat(page.locator("#mail-imapPassword-hint")).containsText("Leave empty to keep it");
    assertThat(page.content()).doesNotContain(PASSWORD);
    String sealed = sealedPassword(address);
    screenshot(page, info, "created");

    // Edit: a new display name and port, the password left empty (kept).
    page.locator("#mail-displayName").fill("Example Help Desk");
    page.locator("#mail-imapPort").fill("3144");
    page.locator("#mail-save").click();
    assertThat(page.locator("#admin-mail-table tr", new Page.LocatorOptions().setHasText(address)))
        .containsText("Example Help Desk");
    JsonNode edited = find(token, address);
    assertThat(edited.path("imap").path("port").asInt()).isEqualTo(3144);
    assertThat(edited.path("imap").path("passwordSet").asBoolean()).isTrue();
    assertThat(sealedPassword(address)).isEqualTo(sealed);

    // The server refuses an address that another support address has: the reason is beside it.
    page.locator("#mail-address").fill(other);
    page.locator("#mail-save").click();
    assertThat(page.locator("#mail-address-error")).containsText("is a support address already");
    assertThat(page.locator("#mail-address")).hasAttribute("aria-invalid", "true");
    assertThat(find(token, address).path("displayName").asText()).isEqualTo("Example Help Desk");
    screenshot(page, info, "refused");

    page.onDialog(dialog -> dialog.accept());
    page.locator("#mail-delete").click();
    assertThat(page.locator("#admin-mail-table")).not().containsText(address);
    assertThat(Http.get(node.http(), "/v1/admin/mail-addresses", token).body().toString())
        .doesNotContain(address);
  }

  @Test
  void aMailboxTickedWhileTheListLoadsKeepsItsFields() {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    Page page = signIn(admin, "en-US", 1280);
    go(page, "admin/users");
    assertThat(page.locator("#user-form-title")).isVisible();
    Runnable release = openTabWithListHeld(page, "Support addresses", "**/v1/admin/mail-addresses");
    page.locator("#admin-new-mail").click();
    page.locator("#mail-address").fill("late@support.test");
    page.locator("#mail-mailbox").check();
    page.locator("#mail-imapHost").fill("127.0.0.1");
    release.run();
    assertThat(page.locator("#mail-siteId option[value='" + fixtures.siteId + "']")).hasCount(1);
    assertThat(page.locator("#mail-form-title")).hasText("New support address");
    assertThat(page.locator("#mail-address")).hasValue("late@support.test");
    assertThat(page.locator("#mail-mailbox")).isChecked();
    // The ticked box shows its fields again, with what was typed into them.
    assertThat(page.locator("#mail-imapHost")).isVisible();
    assertThat(page.locator("#mail-imapHost")).hasValue("127.0.0.1");
  }

  @Test
  void theTabSpeaksChineseAndFitsAPhone(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    String address = createOverRest(token, "zh-");
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (int width : List.of(1280, 360)) {
      Page page = signIn(admin, "zh-CN", width);
      go(page, "admin/mail");
      assertThat(page.locator("#admin-mail-table")).containsText(address);
      assertThat(page.locator("#mail-ignored-table")).isVisible();
      page.locator("#admin-new-mail").click();
      page.locator("#mail-address").fill("not-an-address");
      page.locator("#mail-mailbox").check();
      page.locator("#mail-imapHost").fill("127.0.0.1");
      page.locator("#mail-imapUser").fill("helpdesk");
      page.locator("#mail-imapPassword").fill(PASSWORD);
      page.locator("#mail-save").click();
      assertThat(page.locator("#mail-address-error")).containsText("邮箱地址");
      screenshot(page, info, "zh-" + width);
      found.put(width + " english", english(page, token, data(token)));
      found.put(width + " problems", problems(page));
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("English, axe findings or sideways scrolling").isEmpty();
  }

  /** A support address of the fixtures' site made over REST, without a mailbox. */
  private String createOverRest(String token, String prefix) throws Exception {
    String address = prefix + UUID.randomUUID().toString().substring(0, 8) + "@support.test";
    Http.Reply reply = Http.call("POST", node.http(), "/v1/admin/mail-addresses", token,
        "{\"siteId\":\"" + fixtures.siteId + "\",\"address\":\"" + address + "\",\"queue\":\""
            + fixtures.queueId + "\"}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
    return address;
  }

  private JsonNode find(String token, String address) throws Exception {
    for (JsonNode a : Http.get(node.http(), "/v1/admin/mail-addresses", token).body()) {
      if (a.path("address").asText().equals(address)) {
        return a;
      }
    }
    throw new AssertionError("no support address " + address);
  }

  /** The password as stored (sealed): the same text means the saved password was kept. */
  private String sealedPassword(String address) {
    return jdbi().withHandle(handle -> handle.createQuery(
        "SELECT imap_password FROM mail_addresses WHERE address = :address")
        .bind("address", address).mapTo(String.class).one());
  }

  /** What the tab shows as data: addresses, their mailboxes, sites, and the ignored mail. */
  private List<String> data(String token) throws Exception {
    List<String> data = new ArrayList<>(List.of("not-an-address", "127.0.0.1", "helpdesk"));
    for (JsonNode a : Http.get(node.http(), "/v1/admin/mail-addresses", token).body()) {
      data.addAll(List.of(a.path("address").asText(), a.path("displayName").asText()));
    }
    for (JsonNode site : Http.get(node.http(), "/v1/admin/sites", token).body()) {
      data.add(site.path("name").asText());
    }
    for (JsonNode mail : Http.get(node.http(), "/v1/admin/mail-ignored", token).body()) {
      data.addAll(List.of(mail.path("from").asText(), mail.path("subject").asText()));
    }
    return data;
  }
}
