package io.switchboard.server.report;

import java.util.List;

/**
 * Customer satisfaction in one report range and filter: how many ratings, the share of rated
 * contacts among those asked (response rate), the share of 4 and 5 ratings (satisfied rate), the
 * mean score, and the count of each score from 1 to 5 ({@code byScore.get(0)} counts the 1s).
 *
 * <p>Immutable, thread-safe.
 */
public record CsatFigures(
    long ratings, Double responseRate, Double satisfiedRate, Double average, List<Long> byScore) {
  public CsatFigures {
    byScore = List.copyOf(byScore);
  }
}
