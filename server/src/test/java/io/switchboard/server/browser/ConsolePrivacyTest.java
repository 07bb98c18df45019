package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A contact's personal data card in a real browser: an admin downloads the GDPR export (a zip
 * with the contact's data) and erases the contact by keyboard after typing the name (a wrong name
 * keeps the button disabled), the page then shows the erased state and the audit log the erasure;
 * an agent does not see the card; in Chinese at 360 px the card and the dialog (a nameless contact
 * confirmed by email, a refusal shown in the dialog) fit, and have no serious axe findings.
 */
class ConsolePrivacyTest extends ConsoleContactBrowserTest {

  @Test
  void anAdminExportsAndErasesAContact(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 2);
    String token = token(admin);
    String word = UUID.randomUUID().toString().substring(0, 6);
    String name = "Nora Privat " + word;
    String email = "nora-" + word + "@example.com";
    String id = createContact(token, name, email).get("id").asText();
    contactCall(token, "POST", "/v1/contacts/" + id + "/notes", "{\"body\":\"Asked for her data\"}",
        201);
    Page page = signIn(admin, "en-US", 1280);
    go(page, "contacts/" + id);
    assertThat(page.locator("#contact-title")).hasText(name);
    assertThat(page.locator("#contact-privacy-title")).hasText("Personal data");

    Download download = page.waitForDownload(() -> page.locator("#privacy-export").click());
    assertThat(download.suggestedFilename()).isEqualTo("contact-" + id + "-gdpr-export.zip");
    Map<String, String> files = unzip(Files.readAllBytes(download.path()));
    assertThat(files).containsKey("contact.json");
    assertThat(files.get("contact.json")).contains(name).contains(email)
        .contains("Asked for her data");
    assertThat(page.locator("#toasts")).containsText("downloaded");

    page.locator("#privacy-erase").focus();
    page.keyboard().press("Enter");
    Locator dialog = page.locator("dialog");
    assertThat(dialog).containsText("Erased");
    assertThat(dialog).containsText("Kept");
    assertThat(dialog.locator("label[for=privacy-confirm]")).hasText("Type " + name + " to confirm");
    assertThat(page.locator("#privacy-reason")).isFocused();
    page.keyboard().type("Request 42 by email");
    page.keyboard().press("Tab");
    assertThat(page.locator("#privacy-confirm")).isFocused();
    page.keyboard().type("Nora Privat");
    assertThat(page.locator("#privacy-erase-submit")).isDisabled();
    page.keyboard().type(" wrong");
    assertThat(page.locator("#privacy-erase-submit")).isDisabled();
    page.locator("#privacy-confirm").fill("");
    page.keyboard().type(name);
    assertThat(page.locator("#privacy-erase-submit")).isEnabled();
    screenshot(page, info, "dialog-en");
    page.keyboard().press("Enter");

    assertThat(page.locator("#contact-erased")).isVisible();
    assertThat(page.locator("#contact-title")).hasText("Personal data erased");
    assertThat(page.locator("#contact-privacy")).isHidden();
    String pseudonym = page.locator("[data-fact=pseudonym] dd").innerText();
    assertThat(pseudonym).startsWith("erased-");
    assertThat(Integer.parseInt(page.locator("[data-fact=rows] dd").innerText()))
        .isGreaterThanOrEqualTo(2);
    assertThat(Http.get(node.http(), "/v1/contacts/" + id, token).status()).isEqualTo(404);
    screenshot(page, info, "erased-en");

    page.locator("#contact-erased-audit").click();
    page.locator("#audit-targetId").fill(pseudonym);
    page.locator("#audit-filters button[type=submit]").click();
    assertThat(page.locator("#audit-table")).containsText("gdpr.erase");
    assertThat(page.locator("#audit-table")).not().containsText(name);
  }

  @Test
  void anAgentDoesNotSeeThePersonalDataCard() throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    String id = createContact(token(admin), "Otto Agentview", "otto-"
        + UUID.randomUUID().toString().substring(0, 6) + "@example.com").get("id").asText();
    Page page = signIn(fixtures.addAgent(2), "en-US", 1280);
    go(page, "contacts/" + id);
    assertThat(page.locator("#contact-title")).hasText("Otto Agentview");
    assertThat(page.locator("#contact-privacy")).hasCount(0);
    assertThat(page.locator("#privacy-erase")).hasCount(0);
  }

  @Test
  void theCardAndDialogSpeakChineseAndFitAPhone(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 2);
    String token = token(admin);
    String email = "nameless-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
    typed.add(email);
    String id = contactCall(token, "POST", "/v1/contacts", "{\"siteId\":\"" + fixtures.siteId
        + "\",\"email\":\"" + email + "\"}", 201).get("id").asText();
    Page page = signIn(admin, "zh-CN", 360);
    go(page, "contacts/" + id);
    assertThat(page.locator("#contact-privacy-title")).hasText("个人数据");
    page.locator("#contact-privacy").scrollIntoViewIfNeeded();
    List<String> words = List.of("SLA");
    assertThat(problems(page)).as("axe and sideways scrolling on the card").isEmpty();
    assertThat(english(page, token, words)).isEmpty();

    page.locator("#privacy-erase").click();
    assertThat(page.locator("label[for=privacy-confirm]")).hasText("输入 " + email + " 以确认");
    page.locator("#privacy-confirm").fill("nameless@example.com");
    assertThat(page.locator("#privacy-erase-submit")).isDisabled();
    page.locator("#privacy-confirm").fill(email);
    page.locator("#privacy-erase-submit").click();
    assertThat(page.locator("#privacy-reason-error")).hasText("请填写删除此联系人的原因。");
    page.locator("#privacy-reason").fill("用户申请删除");
    // Someone else erased the person meanwhile: the refusal is shown in the dialog.
    contactCall(token, "POST", "/v1/contacts/" + id + "/gdpr-erase",
        "{\"confirm\":\"ERASE\",\"reason\":\"duplicate request\"}", 200);
    page.locator("#privacy-erase-submit").click();
    assertThat(page.locator("#privacy-erase-error")).hasText("该项不存在（或已被删除）。");
    screenshot(page, info, "dialog-zh");
    assertThat(problems(page)).as("axe and sideways scrolling in the dialog").isEmpty();
    assertThat(english(page, token, words)).isEmpty();
  }

  private static Map<String, String> unzip(byte[] zip) throws Exception {
    Map<String, String> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
