package io.switchboard.server.testing;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of the tests that run two nodes on the test stores: a subclass starts them in its own
 * {@code @BeforeAll} with {@link #startNodes}, with the settings it needs; they are closed after
 * its tests.
 *
 * <p>Not thread-safe: one test class at a time.
 */
public abstract class TwoNodeTest {
  protected static TestNode nodeA;
  protected static TestNode nodeB;
  protected static Fixtures fixtures;

  /** Starts the two nodes, each with its own settings on top of the test defaults. */
  protected static void startNodes(Map<String, String> settingsA, Map<String, String> settingsB)
      throws InterruptedException {
    nodeA = TestNode.start(settingsA);
    nodeB = TestNode.start(settingsB);
    fixtures = Fixtures.create(nodeA.node().database().jdbi());
  }

  @AfterAll
  static void stopNodes() {
    for (TestNode node : new TestNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    nodeA = null;
    nodeB = null;
  }
}
