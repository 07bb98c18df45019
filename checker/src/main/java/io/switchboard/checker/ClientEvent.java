package io.switchboard.checker;

/**
 * One thing a client did with a chat message, as its {@link io.switchboard.sdk.ClientLog} reported
 * it: a message {@code sent} for the first time, an {@code acked} message of its own with the seq
 * the server stored it under, or a message {@code received} (delivered to the listener).
 * {@code seq} is 0 for {@code sent}.
 *
 * <p>Immutable and thread-safe.
 */
public record ClientEvent(
    Kind kind, String client, String conversationId, String clientMsgId, long seq, long atNanos) {

  /** What happened. */
  public enum Kind { SENT, ACKED, RECEIVED }

  /** One tab-separated line, the format {@link ClientHistory#read} parses. */
  String toLine() {
    return String.join("\t", kind.name(), client, conversationId, clientMsgId,
        Long.toString(seq), Long.toString(atNanos));
  }

  static ClientEvent fromLine(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 6) {
      throw new IllegalArgumentException("not a client event line: " + line);
    }
    return new ClientEvent(Kind.valueOf(fields[0]), fields[1], fields[2], fields[3],
        Long.parseLong(fields[4]), Long.parseLong(fields[5]));
  }
}
