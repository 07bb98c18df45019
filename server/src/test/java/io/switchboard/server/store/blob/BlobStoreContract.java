package io.switchboard.server.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BlobStore} must do, run against each implementation on a real backend: a
 * directory, or a real S3-compatible server.
 */
abstract class BlobStoreContract {
  @TempDir
  Path scratch;

  /** The store under test. */
  abstract BlobStore store();

  @Test
  void storesBytesUnderTheirHashOnce() throws Exception {
    byte[] bytes = ("contents " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String sha = sha256(bytes);
    Path file = Files.write(scratch.resolve("file"), bytes);
    assertThat(store().exists(sha)).isFalse();
    assertThat(store().put(sha, file)).isTrue();
    assertThat(store().put(sha, file)).isFalse();
    assertThat(store().exists(sha)).isTrue();
    try (InputStream in = store().open(sha)) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void aLargeFileArrivesWhole() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(bytes);
    String sha = sha256(bytes);
    Path file = Files.write(scratch.resolve("large"), bytes);
    store().put(sha, file);
    try (InputStream in = store().open(sha)) {
      assertThat(sha256(in.readAllBytes())).isEqualTo(sha);
    }
  }

  @Test
  void deletedBytesAreGoneAndDeletingNothingIsFine() throws Exception {
    byte[] bytes = ("to delete " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String sha = sha256(bytes);
    store().put(sha, Files.write(scratch.resolve("gone"), bytes));
    store().delete(sha);
    assertThat(store().exists(sha)).isFalse();
    assertThatThrownBy(() -> store().open(sha)).isInstanceOf(NoSuchFileException.class);
    store().delete(sha);
  }

  @Test
  void refusesNamesThatAreNotHashes() {
    assertThatThrownBy(() -> store().exists("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
