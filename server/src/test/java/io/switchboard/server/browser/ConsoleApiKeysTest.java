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
 * The admin's API keys tab in a real browser: by keyboard an admin creates a key (refused until
 * access and a resource are chosen), sees its secret once in a box that takes the focus, the key
 * works over REST and its last use shows, and revoking it refuses it at once; the tab speaks
 * Chinese, fits a 360 px phone and has no serious axe findings.
 */
class ConsoleApiKeysTest extends ConsoleTicketBrowserTest {

  @Test
  void anAdminCreatesUsesAndRevokesAKeyByKeyboard(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String name = "CRM sync " + UUID.randomUUID().toString().substring(0, 6);
    Page page = signIn(admin, "en-US", 1280);
    go(page, "admin/apiKeys");
    assertThat(page.locator("#admin-api-keys-table")).isVisible();
    page.locator("#api-key-name").fill(name);
    page.locator("#api-key-create").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#api-key-form")).containsText("Choose read, write or both.");
    assertThat(page.locator("#api-key-form")).containsText("Choose at least one resource.");
    page.locator("#api-key-access-read").focus();
    page.keyboard().press("Space");
    page.locator("#api-key-resource-tickets").focus();
    page.keyboard().press("Space");
    page.locator("#api-key-create").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#api-key-secret")).isVisible();
    assertThat(page.locator("#api-key-secret-value")).isFocused();
    String secret = page.locator("#api-key-secret-value").inputValue();
    assertThat(secret).startsWith("sbk_");
    screenshot(page, info, "secret");
    assertThat(Http.get(node.http(), "/v1/tickets", secret).status()).isEqualTo(200);
    assertThat(Http.get(node.http(), "/v1/contacts", secret).status()).isEqualTo(403);
    page.keyboard().press("Tab");
    page.keyboard().press("Enter");
    assertThat(page.locator("#api-key-secret")).isHidden();
    assertThat(page.locator("body")).not().containsText(secret);

    page.reload();
    String row = "#admin-api-keys-table tr:has(th:text-is(\"" + name + "\"))";
    assertThat(page.locator(row + " [data-field=state]")).hasText("Active");
    assertThat(page.locator(row + " [data-field=lastUsed]")).not().hasText("Never");
    assertThat(page.locator(row + " [data-field=scope]")).hasText("read: Tickets");
    page.onDialog(dialog -> dialog.accept());
    page.locator(row + " .row-actions button").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator(row + " [data-field=state]")).containsText("Revoked");
    assertThat(Http.get(node.http(), "/v1/tickets", secret).status()).isEqualTo(401);
    screenshot(page, info, "revoked");
  }

  @Test
  void theTabSpeaksChineseAndFitsAPhone(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    assertThat(Http.call("POST", node.http(), "/v1/admin/api-keys", token,
        "{\"name\":\"报表导出\",\"access\":[\"read\"],\"resources\":[\"reports\"]}").status())
        .isEqualTo(201);
    // Key names and prefixes are data; API, REST, GET and the header are written as they are.
    List<String> data = new ArrayList<>(List.of("API", "REST", "GET", "Authorization", "Bearer"));
    for (JsonNode key : Http.get(node.http(), "/v1/admin/api-keys", token).body().get("keys")) {
      data.addAll(List.of(key.get("name").asText(), key.get("prefix").asText()));
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (int width : List.of(1280, 360)) {
      Page page = signIn(admin, "zh-CN", width);
      go(page, "admin/apiKeys");
      assertThat(page.locator("#admin-api-keys-table")).containsText("报表导出");
      assertThat(page.locator("#api-key-form-title")).hasText("创建 接口密钥");
      page.locator("#api-key-create").click();
      assertThat(page.locator("#api-key-form")).containsText("请至少选择一种资源。");
      screenshot(page, info, "api-keys-zh-" + width);
      found.put(width + " english", english(page, token, data));
      found.put(width + " problems", problems(page));
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("English, axe findings or sideways scrolling").isEmpty();
  }
}
