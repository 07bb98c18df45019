package io.switchboard.server.testing;

import java.util.Map;

/**
 * Two nodes on the test stores, with a fresh site: for tests that prove something holds across
 * nodes.
 *
 * <p>Not thread-safe: started and closed by one test class.
 *
 * @param a the first node
 * @param b the second node
 * @param fixtures a site, queue and team made on the shared database
 */
public record TwoNodes(TestNode a, TestNode b, Fixtures fixtures) implements AutoCloseable {

  /** Starts both nodes, each with its own settings on top of the test defaults. */
  public static TwoNodes start(Map<String, String> settingsA, Map<String, String> settingsB)
      throws InterruptedException {
    TestNode a = TestNode.start(settingsA);
    TestNode b = TestNode.start(settingsB);
    return new TwoNodes(a, b, Fixtures.create(a.node().database().jdbi()));
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
