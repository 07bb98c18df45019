package io.switchboard.server.store.search;

/**
 * The kinds of things a search finds, with their wire names and their order among hits written
 * at the same instant.
 *
 * <p>Immutable and thread-safe.
 */
public enum SearchKind {
  MESSAGE("message", 4),
  TICKET("ticket", 3),
  CONTACT("contact", 2),
  COMPANY("company", 1);

  private final String wire;
  private final int rank;

  SearchKind(String wire, int rank) {
    this.wire = wire;
    this.rank = rank;
  }

  public String wire() {
    return wire;
  }

  /** Higher ranks come first among hits of the same instant. */
  public int rank() {
    return rank;
  }
}
