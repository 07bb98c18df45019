package io.switchboard.server.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Blobs as files under a directory (by default {@code attachments/} in the data directory), at
 * {@code ab/cd/<sha256>}. A blob is written to a temporary file in the same directory tree,
 * forced to disk, then moved into place atomically and its directory forced too, so a reader
 * never sees half a file and a crash never leaves one under a blob's name.
 *
 * <p>Thread-safe: two writers of the same hash each write their own temporary file and the
 * atomic move lets the last one win with the same bytes.
 */
public final class FileBlobStore implements BlobStore {
  private final Path root;
  private final Path incoming;

  /** A store rooted at {@code root}, created when missing. */
  public FileBlobStore(Path root) throws IOException {
    this.root = root.toAbsolutePath();
    this.incoming = this.root.resolve("incoming");
    Files.createDirectories(incoming);
  }

  /**
   * Where uploads in progress may be written: on the same file system as the blobs, so that
   * nothing crosses devices.
   */
  public Path incoming() {
    return incoming;
  }

  @Override
  public boolean put(String sha256, Path source) throws IOException {
    Path target = pathOf(sha256);
    if (Files.exists(target)) {
      return false;
    }
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(incoming, sha256.substring(0, 8) + "-", ".part");
    try {
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the blob directory " + root + " cannot move files atomically", e);
      }
      forceDirectory(target.getParent());
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public boolean exists(String sha256) {
    return Files.exists(pathOf(sha256));
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    return Files.newInputStream(pathOf(sha256));
  }

  @Override
  public void delete(String sha256) throws IOException {
    Files.deleteIfExists(pathOf(sha256));
  }

  @Override
  public String backend() {
    return "files";
  }

  private Path pathOf(String sha256) {
    return root.resolve(BlobStore.relativeName(sha256));
  }

  /** Makes a directory's new entry durable (a no-op where directories cannot be opened). */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory; the rename is then as durable as they allow.
    }
  }
}
