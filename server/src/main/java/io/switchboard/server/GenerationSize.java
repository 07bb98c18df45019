package io.switchboard.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much history the data generator writes: at scale 1, a year of 1,000,000 conversations with
 * about 20,000,000 messages, 200,000 tickets, 500,000 contacts, 20,000 companies and 200 agents.
 * Smaller scales shrink every count but keep a handful of each, so every table has rows.
 *
 * @param seed the seed every choice is derived from; the same seed, size and end give the same data
 * @param end the end of the generated year; the open conversations and tickets are the latest
 *
 * <p>Immutable and thread-safe.
 */
public record GenerationSize(double scale, long seed, Instant end, long conversations,
    long contacts, long tickets, long companies, int agents) {

  /** Messages per conversation on average, over the abandoned ones too. */
  public static final double MESSAGES_PER_CONVERSATION = 20.0;
  /** The share of conversations abandoned in the queue, as the SQL decides it. */
  private static final double ABANDONED_SHARE = 0.06;
  /** Messages of an abandoned conversation on average (one to three). */
  private static final double ABANDONED_MESSAGES = 2.0;
  /** The fewest messages of an answered conversation. */
  private static final int MIN_ANSWERED_MESSAGES = 4;

  public static GenerationSize of(double scale, long seed, Instant end) {
    if (!(scale > 0) || scale > 100) {
      throw new IllegalArgumentException("--scale must be above 0 and at most 100, not " + scale);
    }
    return new GenerationSize(scale, seed, end, atLeast(1_000_000 * scale, 10),
        atLeast(500_000 * scale, 5), atLeast(200_000 * scale, 3), atLeast(20_000 * scale, 3),
        (int) atLeast(200 * scale, 8));
  }

  /** The spread of message counts that gives {@link #MESSAGES_PER_CONVERSATION} on average. */
  public int messageSpan() {
    double answered = (MESSAGES_PER_CONVERSATION - ABANDONED_SHARE * ABANDONED_MESSAGES)
        / (1 - ABANDONED_SHARE);
    return (int) Math.round(2 * (answered - MIN_ANSWERED_MESSAGES)) + 1;
  }

  /** How many sentences per language and sender the phrase bank holds. */
  public long sentenceBank() {
    return Math.max(500, Math.min(20_000, conversations * 4));
  }

  /** The values the generator's SQL refers to as {@code ${name}}. */
  public Map<String, String> sqlValues(String passwordHash) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("seed", Long.toString(seed));
    values.put("end", "'" + end + "'::timestamptz");
    values.put("start", "('" + end + "'::timestamptz - interval '365 days')");
    values.put("conversations", Long.toString(conversations));
    values.put("contacts", Long.toString(contacts));
    values.put("tickets", Long.toString(tickets));
    values.put("companies", Long.toString(companies));
    values.put("agents", Integer.toString(agents));
    values.put("message_span", Integer.toString(messageSpan()));
    values.put("bank_size", Long.toString(sentenceBank()));
    values.put("password_hash", passwordHash.replace("'", "''"));
    return values;
  }

  private static long atLeast(double value, long floor) {
    return Math.max(floor, Math.round(value));
  }
}
