package io.switchboard.server.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * The HTML of a mail made safe to show, and its text version. Sanitizing uses jsoup with a strict
 * allow-list: text formatting, lists, quotes and links (http, https, mailto; opened with
 * {@code rel="nofollow noopener noreferrer"}); no scripts, styles, images, forms, frames, event
 * handlers or other attributes. The text version keeps line structure and marks quoted blocks
 * with {@code >}, so {@link QuoteStripper} can cut them.
 *
 * <p>Thread-safe: stateless.
 */
public final class HtmlMail {
  private static final Safelist SAFELIST = Safelist.basic()
      .addTags("h1", "h2", "h3", "h4", "div", "table", "thead", "tbody", "tr", "td", "th", "hr")
      .removeProtocols("a", "href", "ftp")
      .addAttributes("a", "rel")
      .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

  private HtmlMail() {}

  /** The sanitized HTML (a body fragment). */
  public static String sanitize(String html) {
    Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
    return Jsoup.clean(html, "", SAFELIST, output);
  }

  /** The text of the HTML: blocks on their own lines, quoted blocks prefixed with {@code >}. */
  public static String text(String html) {
    Document document = Jsoup.parse(html);
    document.select("script, style, head, title").remove();
    StringBuilder out = new StringBuilder();
    int[] quoteDepth = {0};
    document.body().traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode text) {
          String value = text.text().replace('\u00a0', ' ');
          boolean lineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
          if (lineStart && value.isBlank()) {
            return;
          }
          if (lineStart && quoteDepth[0] > 0) {
            out.append("> ".repeat(quoteDepth[0]));
          }
          out.append(lineStart ? value.stripLeading() : value);
        } else if (node instanceof Element element) {
          if (isQuote(element)) {
            newline(out);
            quoteDepth[0]++;
          } else if (isBreak(element)) {
            newline(out);
          }
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element element) {
          if (isQuote(element)) {
            quoteDepth[0]--;
            newline(out);
          } else if (isBreak(element) && !element.tagName().equals("br")) {
            newline(out);
          }
        }
      }
    });
    return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }

  private static boolean isQuote(Element element) {
    return element.tagName().equals("blockquote") || element.hasClass("gmail_quote");
  }

  private static boolean isBreak(Element element) {
    return switch (element.tagName()) {
      case "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "hr", "table", "ul", "ol" -> true;
      default -> false;
    };
  }

  private static void newline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }
}
