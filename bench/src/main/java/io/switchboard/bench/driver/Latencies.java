package io.switchboard.bench.driver;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram in microseconds (1 us to 10 min, 3 significant digits) that any thread may
 * record into, and its wire form between driver processes (HdrHistogram's compressed base64).
 *
 * <p>Thread-safe.
 */
public final class Latencies {
  private static final long HIGHEST = 600_000_000L;
  private final ConcurrentHistogram histogram = new ConcurrentHistogram(1, HIGHEST, 3);

  public void record(long micros) {
    histogram.recordValue(Math.max(1, Math.min(HIGHEST, micros)));
  }

  public long count() {
    return histogram.getTotalCount();
  }

  public Histogram copy() {
    return histogram.copy();
  }

  /** The histogram as compressed base64, to send to the suite. */
  public String encode() {
    Histogram copy = histogram.copy();
    ByteBuffer buffer = ByteBuffer.allocate(copy.getNeededByteBufferCapacity());
    int length = copy.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  public static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalArgumentException("not an encoded histogram", e);
    }
  }

  /** p50, p99, p99.9 and max in milliseconds, for reports. */
  public static Map<String, Double> summary(Histogram h) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("count", (double) h.getTotalCount());
    out.put("p50Ms", ms(h.getValueAtPercentile(50)));
    out.put("p99Ms", ms(h.getValueAtPercentile(99)));
    out.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
    out.put("maxMs", ms(h.getMaxValue()));
    return out;
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
