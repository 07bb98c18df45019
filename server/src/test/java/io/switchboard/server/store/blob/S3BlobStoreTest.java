package io.switchboard.server.store.blob;

import io.switchboard.server.testing.S3Server;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob store contract against a real S3-compatible HTTP server (Adobe S3Mock, started in this
 * JVM on a free port of 127.0.0.1), spoken to over HTTP with path-style addressing.
 */
class S3BlobStoreTest extends BlobStoreContract {
  static final String BUCKET = "switchboard-test";
  private static S3Server server;
  private static S3BlobStore store;
  @TempDir
  static Path root;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3Server.start(root, BUCKET);
    store = new S3BlobStore(new S3BlobStore.Settings(URI.create(server.endpoint()), "us-east-1",
        BUCKET, "test-access-key", "test-secret-key", true, "attachments/"));
  }

  @AfterAll
  static void stopServer() {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  BlobStore store() {
    return store;
  }
}
