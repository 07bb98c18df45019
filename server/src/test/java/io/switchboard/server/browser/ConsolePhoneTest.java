package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every console view on a 360 px phone, in both languages: nothing scrolls sideways, the open
 * conversation fills the screen and leads back to the list, and axe-core finds nothing critical
 * or serious on any view.
 */
class ConsolePhoneTest extends ConsoleBrowserTest {

  @Test
  void everyViewFitsA360PixelScreenAndPassesAxeInChinese(TestInfo info) throws Exception {
    walk("zh-CN", info);
  }

  @Test
  void everyViewFitsA360PixelScreenAndPassesAxeInEnglish(TestInfo info) throws Exception {
    walk("en-US", info);
  }

  private void walk(String locale, TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant waiting = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setLocale(locale).setViewportSize(360, 740))) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of("name", "Ines"))
          .get().conversationId();
      visitor.client().send(conversationId, "Hello, is anyone there?").get();
      Page page = openFirstChat(context, admin);
      assertThat(page.locator("#composer-input")).isVisible();
      assertThat(page.locator(".conv-list")).isHidden();

      // A second visitor waits (the admin is away), so the wall shows its warning colours too.
      page.locator(".status-select").selectOption("away");
      waiting.client().start(fixtures.queueId, Map.of("name", "Wen")).get();

      Map<String, List<String>> problems = new LinkedHashMap<>();
      problems.put("conversation", check(page));
      screenshot(page, info, locale + "-conversation");
      page.locator("#conv-back").click();
      assertThat(page.locator(".conv-list")).isVisible();
      problems.put("inbox list", check(page));
      for (String view : List.of("wall", "monitor/" + conversationId, "canned", "admin",
          "admin/sites", "admin/users", "admin/teams", "admin/mail", "admin/audit", "account")) {
        page.navigate(baseUrl() + "/console#/" + view);
        assertThat(page.locator("main h1").first()).isVisible();
        settle(page);
        problems.put(view, check(page));
      }
      setStatus(page, "offline");
      problems.values().removeIf(List::isEmpty);
      assertThat(problems).as("views that scroll sideways or have serious axe findings")
          .isEmpty();
    }
  }

  /**
   * When the page scrolls sideways: the elements that stick out past the screen's right edge
   * without a scrolling box around them to hold them.
   */
  private static final String SIDEWAYS = """
      () => {
        const page = document.querySelector('main');
        const scrolls = (e) => e && e.scrollWidth > e.clientWidth + 1;
        if (!scrolls(document.documentElement) && !scrolls(page)) return [];
        const clipped = (e) => {
          for (let p = e.parentElement; p && p !== page && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
          }
          return false;
        };
        const out = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !clipped(e))
          .slice(0, 5)
          .map((e) => `too wide: ${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
        return out.length ? out : [`the page scrolls sideways (${page.scrollWidth} > ${page.clientWidth}): `
          + [...page.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
            .slice(0, 4).map((e) => `${e.tagName}.${e.className}`).join(', ')];
      }""";

  /** Sideways scrolling (with the elements that stick out) and serious axe findings. */
  @SuppressWarnings("unchecked")
  private static List<String> check(Page page) {
    List<String> found = new java.util.ArrayList<>(Accessibility.seriousViolations(page));
    List<String> wide = (List<String>) page.evaluate(SIDEWAYS);
    found.addAll(wide);
    return found;
  }
}
