package io.switchboard.bench.driver;

import java.util.Map;

/**
 * One system under test, loaded with the same chat workload: visitors send messages at an
 * open-loop rate, each message is committed and acknowledged to its sender, and the other side
 * (an agent) receives it. Implemented for Switchboard's protocol and for the baseline peer's wire
 * format, so the same driver loads both.
 *
 * <p>Implementations are thread-safe for their own callbacks; the suite calls them from one thread.
 */
public interface ChatLoad extends AutoCloseable {
  /** Opens {@code pairs} visitor/agent conversations (Switchboard: with {@code agents} agents). */
  Map<String, Object> prepare(int pairs, int agents) throws Exception;

  /** Sends {@code rate} messages a second for {@code seconds}, then waits for stragglers. */
  Map<String, Object> run(double rate, double seconds) throws Exception;

  @Override
  void close();
}
