package io.switchboard.server.api;

import io.switchboard.server.csat.RatingLinks;
import io.switchboard.server.csat.TicketRatings;
import io.switchboard.server.exchange.TranscriptPage;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * The small page a rating request's link opens, made on the server in English or Simplified
 * Chinese: the ticket, five choices and a comment, sent as JSON to the same address by a few
 * lines of script that run under a nonce; or, for a link that was altered or has expired, a page
 * that says so. Native form controls only, so it works from the keyboard and with a screen
 * reader; one column that fits 360 px.
 *
 * <p>Stateless and thread-safe.
 */
final class RatingPage {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd")
      .withZone(ZoneOffset.UTC);
  private static final Map<String, Map<String, String>> TEXT = Map.of(
      "en", Map.ofEntries(
          Map.entry("title", "Rate our help"), Map.entry("ticket", "Ticket"),
          Map.entry("legend", "How satisfied are you?"),
          Map.entry("s1", "1 – Very dissatisfied"), Map.entry("s2", "2 – Dissatisfied"),
          Map.entry("s3", "3 – Neutral"), Map.entry("s4", "4 – Satisfied"),
          Map.entry("s5", "5 – Very satisfied"),
          Map.entry("comment", "Comment (optional)"), Map.entry("send", "Send rating"),
          Map.entry("current", "You rated this {score} of 5. You can change it until {until} (UTC)."),
          Map.entry("until", "You can rate until {until} (UTC)."),
          Map.entry("thanks", "Thank you! Your rating of {score} of 5 is saved."),
          Map.entry("failed", "Your rating was not saved. Please try again."),
          Map.entry("invalidTitle", "This link is not valid"),
          Map.entry("invalid", "The rating link is incomplete or was changed. Open the whole"
              + " link from the mail, or simply reply to the mail."),
          Map.entry("expiredTitle", "This link has expired"),
          Map.entry("expired", "Rating links work for 14 days after a ticket is solved. If"
              + " something is still wrong, simply reply to the mail."),
          Map.entry("other", "中文"), Map.entry("otherLang", "zh-CN")),
      "zh-CN", Map.ofEntries(
          Map.entry("title", "为我们的服务评分"), Map.entry("ticket", "工单"),
          Map.entry("legend", "您对本次服务满意吗？"),
          Map.entry("s1", "1 – 非常不满意"), Map.entry("s2", "2 – 不满意"),
          Map.entry("s3", "3 – 一般"), Map.entry("s4", "4 – 满意"),
          Map.entry("s5", "5 – 非常满意"),
          Map.entry("comment", "意见（选填）"), Map.entry("send", "提交评分"),
          Map.entry("current", "您的评分是 {score} 分（满分 5 分），{until}（UTC）之前可以修改。"),
          Map.entry("until", "{until}（UTC）之前可以评分。"),
          Map.entry("thanks", "谢谢！您的评分 {score} 分（满分 5 分）已保存。"),
          Map.entry("failed", "评分未能保存，请重试。"),
          Map.entry("invalidTitle", "此链接无效"),
          Map.entry("invalid", "评分链接不完整或已被修改。请打开邮件中的完整链接，或直接回复邮件。"),
          Map.entry("expiredTitle", "此链接已过期"),
          Map.entry("expired", "评分链接在工单解决后 14 天内有效。如果问题仍未解决，请直接回复邮件。"),
          Map.entry("other", "English"), Map.entry("otherLang", "en")));
  private static final String STYLE = """
      body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f9fafb}
      main{max-width:32rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh;box-sizing:border-box}
      h1{font-size:1.4rem;margin:.5rem 0 1rem}fieldset{border:1px solid #9ca3af;border-radius:6px;padding:.5rem .75rem}
      legend{font-weight:600;padding:0 .25rem}.choice{display:block;padding:.35rem 0}
      label{cursor:pointer}textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;border:1px solid #6b7280;border-radius:6px;padding:.5rem}
      .field{margin:1rem 0}.field label{display:block;font-weight:600;margin-bottom:.25rem}
      button{font:inherit;font-weight:600;color:#fff;background:#1d4ed8;border:0;border-radius:6px;padding:.6rem 1.2rem;cursor:pointer}
      :focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}a{color:#1d4ed8}
      .note{color:#374151}#status{font-weight:600;min-height:1.5em}""";

  private RatingPage() {}

  /** {@code en} unless {@code zh-CN} (or any {@code zh} tag) is asked for. */
  static String language(String asked) {
    return asked != null && asked.toLowerCase(java.util.Locale.ROOT).startsWith("zh")
        ? "zh-CN" : "en";
  }

  static ApiResponse render(TicketRatings.Page page, String language) {
    Map<String, String> text = TEXT.get(language);
    String nonce = nonce();
    String csp = "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-"
        + nonce + "'; connect-src 'self'; form-action 'self'; base-uri 'none';"
        + " frame-ancestors 'none'";
    String switchLink = "<p><a href=\"?lang=" + text.get("otherLang") + "\" lang=\""
        + text.get("otherLang") + "\" hreflang=\"" + text.get("otherLang") + "\">"
        + text.get("other") + "</a></p>";
    if (page.status() != RatingLinks.Status.VALID) {
      String kind = page.status() == RatingLinks.Status.EXPIRED ? "expired" : "invalid";
      return ApiResponse.page(page.status() == RatingLinks.Status.EXPIRED ? 410 : 403,
          shell(language, text.get(kind + "Title"), nonce, "<h1>" + text.get(kind + "Title")
              + "</h1><p id=\"link-problem\" data-problem=\"" + kind + "\">" + text.get(kind)
              + "</p>" + switchLink, ""), csp);
    }
    String until = DAY.format(page.expiresAt());
    Integer current = page.current().map(r -> r.score()).orElse(null);
    StringBuilder choices = new StringBuilder();
    for (int score = 1; score <= 5; score++) {
      choices.append("<label class=\"choice\"><input type=\"radio\" name=\"score\" value=\"")
          .append(score).append("\" required").append(current != null && current == score
              ? " checked" : "").append("> ").append(text.get("s" + score)).append("</label>");
    }
    String comment = page.current().map(r -> r.comment()).orElse(null);
    String body = "<h1>" + text.get("title") + "</h1>"
        + "<p>" + text.get("ticket") + " #" + page.ticket().number() + ": "
        + TranscriptPage.esc(page.ticket().subject()) + "</p>"
        + "<p class=\"note\">" + (current == null ? text.get("until")
            : text.get("current").replace("{score}", current.toString())).replace("{until}", until)
        + "</p><form id=\"rating-form\" novalidate><fieldset><legend>" + text.get("legend")
        + "</legend>" + choices + "</fieldset><div class=\"field\"><label for=\"comment\">"
        + text.get("comment") + "</label><textarea id=\"comment\" name=\"comment\" maxlength=\""
        + TicketRatings.MAX_COMMENT + "\">" + (comment == null ? "" : TranscriptPage.esc(comment))
        + "</textarea></div><button type=\"submit\" id=\"send\">" + text.get("send")
        + "</button><p id=\"status\" role=\"status\" aria-live=\"polite\"></p></form>" + switchLink;
    String script = """
        const form = document.getElementById('rating-form');
        const status = document.getElementById('status');
        form.addEventListener('submit', async (event) => {
          event.preventDefault();
          const chosen = form.querySelector('input[name=score]:checked');
          if (!chosen) { form.querySelector('input[name=score]').focus(); return; }
          const body = JSON.stringify({ score: Number(chosen.value), comment: form.comment.value });
          try {
            const answer = await fetch(location.pathname, { method: 'POST',
              headers: { 'Content-Type': 'application/json' }, body });
            if (answer.status === 403) { location.reload(); return; }
            if (!answer.ok) throw new Error(String(answer.status));
            status.textContent = THANKS.replace('{score}', chosen.value);
          } catch (error) {
            status.textContent = FAILED;
          }
        });""";
    String constants = "const THANKS = " + jsString(text.get("thanks")) + ";\nconst FAILED = "
        + jsString(text.get("failed")) + ";\n";
    return ApiResponse.page(200, shell(language, text.get("title") + " #"
        + page.ticket().number(), nonce, body, constants + script), csp);
  }

  private static String shell(String language, String title, String nonce, String body,
      String script) {
    return "<!doctype html><html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>" + TranscriptPage.esc(title) + "</title>"
        + "<style nonce=\"" + nonce + "\">" + STYLE + "</style></head><body><main>" + body
        + "</main>" + (script.isEmpty() ? "" : "<script nonce=\"" + nonce + "\">" + script
            + "</script>") + "</body></html>";
  }

  /** A JavaScript string literal of one of the page's own texts. */
  private static String jsString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\u003c") + "'";
  }

  private static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
