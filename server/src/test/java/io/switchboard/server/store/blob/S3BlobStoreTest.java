package io.switchboard.server.store.blob;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The blob store contract against a real S3-compatible HTTP server: Adobe S3Mock, started in this
 * JVM on a free port of 127.0.0.1 and spoken to over HTTP with path-style addressing.
 */
class S3BlobStoreTest extends BlobStoreContract {
  static final String BUCKET = "switchboard-test";
  private static S3MockApplication server;
  private static S3BlobStore store;

  @BeforeAll
  static void startServer() throws Exception {
    server = startS3Mock(Files.createTempDirectory("s3mock"));
    store = new S3BlobStore(settings(server));
  }

  @AfterAll
  static void stopServer() {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Override
  BlobStore store() {
    return store;
  }

  /** S3Mock on a free HTTP port, with {@link #BUCKET}, keeping its objects under {@code root}. */
  static S3MockApplication startS3Mock(Path root) {
    // S3Mock adds its own defaults to the map it is given.
    return S3MockApplication.start(new HashMap<>(Map.of(
        S3MockApplication.PROP_HTTP_PORT, 0,
        S3MockApplication.PROP_HTTPS_PORT, 0,
        S3MockApplication.PROP_SILENT, true,
        "server.address", "127.0.0.1",
        "com.adobe.testing.s3mock.store.initial-buckets", BUCKET,
        "com.adobe.testing.s3mock.store.root", root.toString())));
  }

  static S3BlobStore.Settings settings(S3MockApplication server) {
    return new S3BlobStore.Settings(URI.create("http://127.0.0.1:" + server.getHttpPort()),
        "us-east-1", BUCKET, "test-access-key", "test-secret-key", true, "attachments/");
  }
}
