package io.switchboard.server.util;

import org.slf4j.MDC;

/**
 * The ids a log line carries in the MDC (README, "Monitoring"): {@link #SESSION}, {@link #USER}
 * and {@link #CONVERSATION}. Ids only: never a token, a password or what somebody wrote.
 *
 * <p>Thread-safe: the MDC is per thread; each call restores what it found.
 */
public final class LogContext {
  /** One connection (a WebSocket session). */
  public static final String SESSION = "sessionId";
  /** A staff user's id, or a visitor's contact id. */
  public static final String USER = "userId";
  /** A conversation's id. */
  public static final String CONVERSATION = "conversationId";

  private LogContext() {}

  /** Runs {@code log} with {@code key} set to {@code value} (nothing set when null). */
  public static void with(String key, String value, Runnable log) {
    with(key, value, null, null, null, null, log);
  }

  /** Runs {@code log} with up to three ids set; a null key or value is left out. */
  public static void with(String key1, String value1, String key2, String value2, String key3,
      String value3, Runnable log) {
    String before1 = put(key1, value1);
    String before2 = put(key2, value2);
    String before3 = put(key3, value3);
    try {
      log.run();
    } finally {
      restore(key3, value3, before3);
      restore(key2, value2, before2);
      restore(key1, value1, before1);
    }
  }

  private static String put(String key, String value) {
    if (key == null || value == null) {
      return null;
    }
    String before = MDC.get(key);
    MDC.put(key, value);
    return before;
  }

  private static void restore(String key, String value, String before) {
    if (key == null || value == null) {
      return;
    }
    if (before == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, before);
    }
  }
}
