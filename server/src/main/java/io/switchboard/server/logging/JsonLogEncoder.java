package io.switchboard.server.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;

/**
 * The JSON log format ({@code SWITCHBOARD_LOG_FORMAT=json}): logback's own {@link JsonEncoder},
 * one object per line with the time, level, thread, logger, the MDC ({@code sessionId},
 * {@code userId}, {@code conversationId} where they apply) and the formatted message. The raw
 * arguments are left out (the formatted message already shows what a line means to say), and
 * so are the sequence number and the logger context.
 *
 * <p>Not thread-safe by itself: logback calls an encoder from its appender, under the
 * appender's lock.
 */
public final class JsonLogEncoder extends JsonEncoder {
  public JsonLogEncoder() {
    setWithSequenceNumber(false);
    setWithNanoseconds(false);
    setWithContext(false);
    setWithMessage(false);
    setWithArguments(false);
    setWithFormattedMessage(true);
    setWithMDC(true);
    setWithKVPList(true);
    setWithThrowable(true);
  }
}
