package io.switchboard.server.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * The console's encoder, text or JSON as {@code format} says ({@code SWITCHBOARD_LOG_FORMAT} in
 * {@code logback.xml}): a {@link JsonLogEncoder} for {@code json}, otherwise a pattern encoder
 * with {@code pattern}. One appender with this encoder, rather than one appender per format,
 * keeps logback from warning at every start about the appender nobody references.
 *
 * <p>Not thread-safe by itself: logback calls an encoder from its appender, under the
 * appender's lock.
 */
public final class ConsoleLogEncoder extends EncoderBase<ILoggingEvent> {
  private String format = "text";
  private String pattern = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
  private Encoder<ILoggingEvent> delegate;

  /** {@code text} or {@code json}. */
  public void setFormat(String format) {
    this.format = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
  }

  /** The layout of a text line. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** The encoder this one writes with, once started. */
  public Encoder<ILoggingEvent> delegate() {
    return delegate;
  }

  @Override
  public void start() {
    if (format.equals("json")) {
      delegate = new JsonLogEncoder();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(pattern);
      delegate = text;
    }
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
