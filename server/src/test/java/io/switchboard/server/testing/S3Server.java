package io.switchboard.server.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real S3-compatible HTTP server for tests: Adobe S3Mock, started in the test JVM on a free
 * port of 127.0.0.1 with one bucket, keeping its objects under a directory.
 *
 * <p>Not thread-safe: start and stop from the test thread.
 */
public final class S3Server implements AutoCloseable {
  private final S3MockApplication server;

  private S3Server(S3MockApplication server) {
    this.server = server;
  }

  public static S3Server start(Path root, String bucket) {
    // S3Mock adds its own defaults to the map it is given.
    return new S3Server(S3MockApplication.start(new HashMap<>(Map.of(
        S3MockApplication.PROP_HTTP_PORT, 0,
        S3MockApplication.PROP_HTTPS_PORT, 0,
        S3MockApplication.PROP_SILENT, true,
        "server.address", "127.0.0.1",
        "com.adobe.testing.s3mock.store.initial-buckets", bucket,
        "com.adobe.testing.s3mock.store.root", root.toString()))));
  }

  /** The server's HTTP endpoint, such as {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getHttpPort();
  }

  @Override
  public void close() {
    server.stop();
  }
}
