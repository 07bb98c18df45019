package io.switchboard.server.campaign;

import io.switchboard.server.store.campaign.Campaign;
import io.switchboard.server.store.campaign.InvitationDao.Seen;
import io.switchboard.server.store.queue.QueueSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Whether a campaign's rule matches a visitor's page: URL pattern, referrer, language, number of
 * visits, new or returning, business hours of the campaign's queue, and the cap on how often one
 * visitor sees it (at most once per N days, never again after a dismissal). Time on page is the
 * one rule a match can still wait for: a match says how many more seconds the visitor must stay.
 *
 * <p>Stateless and thread-safe.
 */
public final class CampaignRules {
  private CampaignRules() {}

  /**
   * The seconds left before the campaign may be shown on this page (0: now); empty when it does
   * not match.
   */
  public static OptionalInt delay(Campaign campaign, PageVisit visit, Seen seen,
      QueueSchedule schedule, Instant now) {
    if (!campaign.enabled() || !pageMatches(campaign, visit) || !capAllows(campaign, seen, now)
        || (campaign.businessHoursOnly() && !schedule.isOpen(now))) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Math.max(0, campaign.minSecondsOnPage() - visit.secondsOnPage()));
  }

  /** The rules about the page and the visitor alone, without caps or hours. */
  static boolean pageMatches(Campaign campaign, PageVisit visit) {
    return urlMatches(campaign.urlPattern(), visit.url())
        && referrerMatches(campaign.referrerContains(), visit.referrer())
        && languageMatches(campaign, visit.language())
        && visit.visits() >= campaign.minVisits()
        && switch (campaign.visitor()) {
          case "new" -> !visit.returning();
          case "returning" -> visit.returning();
          default -> true;
        };
  }

  /** Never after a dismissal; with no cap days, once ever; else not within the last N days. */
  public static boolean capAllows(Campaign campaign, Seen seen, Instant now) {
    if (seen.dismissed()) {
      return false;
    }
    if (seen.lastShown() == null) {
      return true;
    }
    if (campaign.capDays() == null) {
      return false;
    }
    return !seen.lastShown().plus(Duration.ofDays(campaign.capDays())).isAfter(now);
  }

  /** A glob over the whole URL, case-insensitive: {@code *} is any run of characters. */
  static boolean urlMatches(String pattern, String url) {
    if (pattern == null) {
      return true;
    }
    if (url == null) {
      return false;
    }
    return glob(pattern).matcher(url).matches();
  }

  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static boolean referrerMatches(String contains, String referrer) {
    return contains == null || (referrer != null
        && referrer.toLowerCase(Locale.ROOT).contains(contains.toLowerCase(Locale.ROOT)));
  }

  private static boolean languageMatches(Campaign campaign, String language) {
    if (campaign.languages().isEmpty()) {
      return true;
    }
    if (language == null || language.isBlank()) {
      return false;
    }
    String primary = language.split("-", 2)[0].toLowerCase(Locale.ROOT);
    return campaign.languages().contains(primary);
  }
}
