package io.switchboard.server.campaign;

/**
 * What the widget reports about the page a visitor is on, for the campaign rules.
 *
 * @param url the page URL
 * @param referrer the page the visitor came from; null when none
 * @param language the visitor's language tag; null when unknown
 * @param visits how many visits this browser made to the site, this one included (at least 1)
 * @param secondsOnPage how long the visitor has been on this page already
 *
 * <p>Immutable and thread-safe.
 */
public record PageVisit(String url, String referrer, String language, int visits,
    int secondsOnPage) {
  public PageVisit {
    visits = Math.max(1, visits);
    secondsOnPage = Math.max(0, secondsOnPage);
  }

  /** An earlier visit was counted. */
  public boolean returning() {
    return visits > 1;
  }
}
