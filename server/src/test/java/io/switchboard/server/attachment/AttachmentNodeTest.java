package io.switchboard.server.attachment;

import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the attachment tests: one real node for the class whose data directory (and so its
 * blob store) is a fresh temporary directory, with uploads capped at 2 MiB, and a fresh site.
 *
 * <p>Not thread-safe: JUnit runs a class's tests one at a time.
 */
abstract class AttachmentNodeTest {
  /** The smallest PNG: a 1x1 pixel. */
  static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  @TempDir
  static Path dataDir;
  static TestNode node;
  static Fixtures fixtures;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
        "SWITCHBOARD_UPLOAD_MAX_MB", "2"));
    fixtures = Fixtures.create(node.node().database().jdbi());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }
}
