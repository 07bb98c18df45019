package io.switchboard.server.csat;

import io.switchboard.server.mail.LoopGuard;
import io.switchboard.server.store.csat.CsatDao;
import io.switchboard.server.store.csat.SolvedEmailTicket;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the rating request of a solved email ticket in the durable mail outbox: in the
 * requester's language (zh-CN or en), with the signed link to the rating page; the outbox sends
 * it threaded like the ticket's replies. None goes to an address a machine reads (the mail
 * module's {@link LoopGuard#automatedAddress}) or to one of our own support addresses, and none
 * for a complaint this loop opened (a low rating of it would open another).
 *
 * <p>Thread-safe. Blocks on the database: call it from a thread that may block.
 */
public final class RatingRequests {
  private static final Logger LOG = LoggerFactory.getLogger(RatingRequests.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd")
      .withZone(ZoneOffset.UTC);

  private final CsatDao csat;
  private final RatingLinks links;
  private final String baseUrl;
  private final Clock clock;

  /** {@code baseUrl}: the public address the rating page is reached at, without a final slash. */
  public RatingRequests(CsatDao csat, RatingLinks links, String baseUrl, Clock clock) {
    this.csat = csat;
    this.links = links;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.clock = clock;
  }

  /**
   * Queues the ticket's request; one that must not go out (no address a person reads) is
   * recorded as not sent. False when the ticket had its request already.
   */
  public boolean request(SolvedEmailTicket ticket) {
    String skipped = ticket.recipient() == null
        || !ticket.recipient().matches("[^@\\s]+@[^@\\s]+")
        || LoopGuard.automatedAddress(ticket.recipient())
        ? "not sent: no address a person reads" : null;
    String language = language(ticket);
    String link = baseUrl + "/v1/ticket-ratings/" + links.token(ticket.ticketId())
        + "?lang=" + language;
    String body = text(language, ticket, link, DAY.format(links.expiryOfNew()));
    boolean queued = csat.queueRatingRequest(ticket.ticketId(), ticket.recipient(), body,
        clock.instant(), skipped);
    if (queued) {
      LOG.info("rating request for ticket #{} {} ({})", ticket.number(),
          skipped == null ? "queued" : skipped, language);
    }
    return queued;
  }

  /**
   * The requester's language: what the widget reported for them, else Chinese when they wrote
   * Chinese, else the site's widget language, else English.
   */
  static String language(SolvedEmailTicket ticket) {
    String reported = ticket.contactLanguage() == null ? ""
        : ticket.contactLanguage().toLowerCase(Locale.ROOT);
    if (reported.startsWith("zh")) {
      return "zh-CN";
    }
    if (reported.startsWith("en")) {
      return "en";
    }
    String words = (ticket.subject() == null ? "" : ticket.subject())
        + (ticket.firstWords() == null ? "" : ticket.firstWords());
    if (words.codePoints().anyMatch(cp ->
        Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
      return "zh-CN";
    }
    return "zh-CN".equals(ticket.siteLanguage()) ? "zh-CN" : "en";
  }

  static String text(String language, SolvedEmailTicket ticket, String link, String until) {
    String name = ticket.requesterName() == null || ticket.requesterName().isBlank() ? null
        : ticket.requesterName().strip();
    if (language.equals("zh-CN")) {
      return (name == null ? "您好，" : name + "，您好，") + "\n\n"
          + "您的工单 #" + ticket.number() + "「" + ticket.subject() + "」已解决。"
          + "您对我们的服务满意吗？请花一分钟为本次服务评分：\n\n" + link + "\n\n"
          + "此链接在 " + until + "（UTC）之前有效，有效期内可以修改评分。\n"
          + "如果问题仍未解决，直接回复本邮件即可。";
    }
    return "Hello" + (name == null ? "" : " " + name) + ",\n\n"
        + "Your ticket #" + ticket.number() + " \"" + ticket.subject() + "\" has been solved."
        + " How satisfied are you with our help? Please rate it, it takes a minute:\n\n"
        + link + "\n\n"
        + "The link works until " + until + " (UTC); you can change your rating until then.\n"
        + "If the problem is not solved, just reply to this mail.";
  }
}
