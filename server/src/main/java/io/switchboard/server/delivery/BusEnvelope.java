package io.switchboard.server.delivery;

import java.util.Objects;

/**
 * What one node tells the others through the bus, with its one codec. A header line names the
 * node it comes from (so a node skips its own), the kind, the side that must not see it and the
 * seq of a chat message (so a receiver orders it without decoding the JSON); the JSON the clients
 * get follows as it is.
 *
 * <pre>{@code origin|kind|except|seq\n{json...}}</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param origin the node that published it
 * @param except the side that must not see it ({@code visitor} or {@code staff}), or null
 * @param seq the chat message's seq; 0 for other kinds
 * @param json the server message as the clients receive it
 */
public record BusEnvelope(String origin, Kind kind, String except, long seq, String json) {
  /** What an envelope carries. */
  public enum Kind {
    /** A stored chat message of a conversation: it passes each session's cursor. */
    MESSAGE,
    /** Any other event of a conversation (typing, read, joined, closed...). */
    EVENT,
    /** An event for every session of one user. */
    USER,
    /**
     * A sign-out: close the user's sessions opened with one token, all of them, or all but one
     * token's (the JSON field holds a {@link SignOut}: the token's SHA-256 in hex, {@code *}, or
     * {@code *-} and the hex of the token kept).
     */
    REVOKE
  }

  public BusEnvelope {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(json, "json");
    if (origin.indexOf('|') >= 0 || origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("invalid origin: " + origin);
    }
    if (except != null && !except.equals("visitor") && !except.equals("staff")) {
      throw new IllegalArgumentException("invalid side: " + except);
    }
  }

  /** The text published on the bus. */
  public String encode() {
    return origin + '|' + kind.name() + '|' + (except == null ? "" : except) + '|' + seq + '\n'
        + json;
  }

  /**
   * Reads an envelope published by {@link #encode}.
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static BusEnvelope decode(String text) {
    int newline = text.indexOf('\n');
    if (newline < 0) {
      throw new IllegalArgumentException("no header line");
    }
    String[] header = text.substring(0, newline).split("\\|", -1);
    if (header.length != 4) {
      throw new IllegalArgumentException("header of " + header.length + " fields");
    }
    return new BusEnvelope(header[0], Kind.valueOf(header[1]),
        header[2].isEmpty() ? null : header[2], Long.parseLong(header[3]),
        text.substring(newline + 1));
  }
}
