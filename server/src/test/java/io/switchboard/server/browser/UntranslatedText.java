package io.switchboard.server.browser;

import com.microsoft.playwright.Page;
import java.util.Comparator;
import java.util.List;

/**
 * Finds English left on a page that should speak Chinese: every visible text, option, label,
 * placeholder, title and accessible name is searched for Latin words once the data the test knows
 * (names, emails, ids, queue and site names, messages) is taken out. A few technical words may
 * stay (the product's name, key names, protocol and format names).
 *
 * <p>Not thread-safe: one page at a time, like Playwright pages.
 */
final class UntranslatedText {
  private static final String SCRIPT = """
      ([data, allowed]) => {
        const allow = new Set(allowed);
        const ids = /[0-9a-f]{8}-[0-9a-f-]{27}|#[0-9a-f]{6}/gi;
        const strip = (text) => data.reduce((rest, value) => rest.split(value).join(' '), text);
        const words = (text) => (text.replace(ids, ' ').match(/[A-Za-z]{2,}/g) || [])
          .filter((word) => !allow.has(word));
        const found = new Set();
        const check = (text, where) => {
          // Data out first (an email holds an id), and ids out first (a short datum such as
          // "2" must not split "#2563eb" into words): a word counts when both leave it.
          const idsFirst = new Set(words(strip(text.replace(ids, ' '))));
          const left = words(strip(text)).filter((word) => idsFirst.has(word));
          if (left.length) found.add(`${where}: "${text.trim().slice(0, 100)}" (${left.join(', ')})`);
        };
        const shown = (el) => el && !el.closest('[hidden], script, style, code, kbd, [aria-hidden=true]')
          && (el.tagName === 'OPTION' || el.getClientRects().length > 0);
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode;
          if (node.textContent.trim() && shown(node.parentElement)) check(node.textContent, node.parentElement.tagName.toLowerCase());
        }
        for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
          if (!shown(el)) continue;
          for (const name of ['aria-label', 'placeholder', 'title']) {
            const value = el.getAttribute(name);
            if (value) check(value, name);
          }
        }
        return [...found];
      }""";

  /** Words that are the same in both languages: names of the product, keys and formats. */
  private static final List<String> ALLOWED = List.of("Switchboard", "Alt", "Shift", "Enter",
      "Tab", "Esc", "CSV", "ID", "JWT", "HMAC", "SHA", "RS", "ES", "HS", "https", "http", "www",
      "example", "com", "rrggbb", "login", "failed", "PUT", "POST", "admin", "sites", "id", "csv",
      "switchboard", "audit", "secret",
      // Values typed as they are (codes in Latin letters): skills, language tags, IANA time
      // zones, a canned reply's shortcut.
      "billing", "refunds", "en", "zh", "CN", "IANA", "Asia", "Shanghai", "Europe", "Berlin",
      "hello",
      // Mail: protocols, headers and formats, named as they are, and an example address.
      "IMAP", "TLS", "SMTP", "INBOX", "Auto", "Submitted", "Precedence", "mailer", "daemon", "eml",
      "help",
      // File types and sizes, as file cards show them.
      "PDF", "PNG", "KB", "MB",
      // Content types, written as they are (image/png, application/pdf).
      "image", "png", "application", "pdf",
      // A language is offered by its own name.
      "English");

  private UntranslatedText() {}

  /** What the page shows in Latin words that are neither data nor allowed, one line each. */
  @SuppressWarnings("unchecked")
  static List<String> find(Page page, List<String> data) {
    List<String> longestFirst = data.stream().filter(value -> value != null && !value.isBlank())
        .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    return (List<String>) page.evaluate(SCRIPT, List.of(longestFirst, ALLOWED));
  }
}
