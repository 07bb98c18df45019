package io.switchboard.server.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the end-to-end tests: one real node on a free port for the test class, and a fresh
 * site with one queue.
 *
 * <p>Not thread-safe: JUnit runs a class's tests one at a time.
 */
public abstract class NodeTest {
  protected static TestNode node;
  protected static Fixtures fixtures;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start();
    fixtures = Fixtures.create(node.node().database().jdbi());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }
}
