package io.switchboard.server.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the bytes of attachments live, addressed by their SHA-256: the same bytes stored twice
 * are stored once. Implementations: {@link FileBlobStore} (the data directory) and
 * {@link S3BlobStore} (an S3-compatible object store, for clusters). Every call blocks; callers
 * run them off the event loops.
 *
 * <p>Implementations are thread-safe.
 */
public interface BlobStore extends AutoCloseable {
  /** A SHA-256 as the stores use it: 64 lower-case hex digits. */
  Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

  /**
   * Stores the bytes of {@code source} (a complete local file whose SHA-256 is {@code sha256})
   * unless they are stored already. Returns true when this call stored them. Once it returns the
   * bytes are durable.
   */
  boolean put(String sha256, Path source) throws IOException;

  /** Whether bytes with this hash are stored. */
  boolean exists(String sha256) throws IOException;

  /**
   * The stored bytes, to read once and close; {@link java.nio.file.NoSuchFileException} when
   * nothing is stored under the hash.
   */
  InputStream open(String sha256) throws IOException;

  /** Removes the bytes; nothing happens when none are stored. */
  void delete(String sha256) throws IOException;

  /** A short name of the backend for logs: {@code files} or {@code s3}. */
  String backend();

  @Override
  default void close() {}

  /** Throws unless {@code sha256} is 64 lower-case hex digits (it becomes a path or a key). */
  static String requireHash(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
    }
    return sha256;
  }

  /** The relative name of a blob, shared by the backends: {@code ab/cd/abcd...}. */
  static String relativeName(String sha256) {
    requireHash(sha256);
    return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
  }
}
