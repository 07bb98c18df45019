package io.switchboard.server.store.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;

/**
 * Where a page of hits continues: the last hit's ordering key. Hits come newest first, then by
 * kind rank, id and number, all descending; the next page holds the hits strictly after it.
 *
 * <p>Immutable and thread-safe.
 */
public record SearchCursor(Instant at, int rank, UUID id, long number)
    implements Comparable<SearchCursor> {
  private static final Comparator<SearchCursor> ORDER = Comparator.comparing(SearchCursor::at)
      .thenComparingInt(SearchCursor::rank)
      .thenComparing(SearchCursor::id, SearchCursor::compareAsPostgres)
      .thenComparingLong(SearchCursor::number);

  /** Oldest first, as the SQL orders the keys (hits are listed in the reverse order). */
  @Override
  public int compareTo(SearchCursor other) {
    return ORDER.compare(this, other);
  }

  /** UUIDs in PostgreSQL's order (unsigned, byte by byte), as the pages are cut in SQL. */
  private static int compareAsPostgres(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  /** The opaque text a client sends back. */
  public String encode() {
    String plain = at.getEpochSecond() + "." + at.getNano() + "." + rank + "." + id + "."
        + number;
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a cursor; IllegalArgumentException when the text is not one this server made. */
  public static SearchCursor decode(String text) {
    String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    String[] parts = plain.split("\\.");
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a search cursor");
    }
    return new SearchCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]),
        Long.parseLong(parts[1])), Integer.parseInt(parts[2]), UUID.fromString(parts[3]),
        Long.parseLong(parts[4]));
  }
}
