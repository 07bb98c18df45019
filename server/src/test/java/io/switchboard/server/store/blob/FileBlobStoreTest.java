package io.switchboard.server.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on a directory, and where the files land. */
class FileBlobStoreTest extends BlobStoreContract {
  @TempDir
  Path root;
  private FileBlobStore store;

  @BeforeEach
  void open() throws Exception {
    store = new FileBlobStore(root);
  }

  @Override
  BlobStore store() {
    return store;
  }

  @Test
  void aBlobIsAFileUnderItsHashWithNoTemporaryLeftBehind() throws Exception {
    byte[] bytes = "layout".getBytes(StandardCharsets.UTF_8);
    String sha = sha256(bytes);
    store.put(sha, Files.write(scratch.resolve("in"), bytes));
    Path expected = root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    assertThat(expected).hasBinaryContent(bytes);
    try (var left = Files.list(store.incoming())) {
      assertThat(left).isEmpty();
    }
  }
}
