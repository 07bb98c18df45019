package io.switchboard.server.attachment;

import io.switchboard.server.store.attachment.Attachment;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.blob.BlobStore;
import io.switchboard.server.util.Periodic;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes uploads that nothing referenced within their time (a day by default), and then each
 * blob no attachment names any more, and the files of uploads that never finished arriving. Every node runs it; the row locks and the lock on each hash
 * keep two nodes, or a node and a new upload of the same bytes, from stepping on each other.
 *
 * <p>Thread-safe: {@link #sweep} may run on the timer and from tests at once.
 */
public final class UnreferencedSweep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnreferencedSweep.class);
  private static final int BATCH = 200;

  private final AttachmentDao attachments;
  private final BlobStore blobs;
  private final Duration maxAge;
  private final Clock clock;
  private final Path incoming;
  private volatile Periodic task;

  /**
   * {@code incoming} is where uploads arrive (may be null): a file left there by an upload that
   * never finished (the node died) is removed after {@code maxAge} too.
   */
  public UnreferencedSweep(AttachmentDao attachments, BlobStore blobs, Duration maxAge,
      Clock clock, Path incoming) {
    this.incoming = incoming;
    this.attachments = attachments;
    this.blobs = blobs;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Sweeps every {@code period}. */
  public void start(Duration period) {
    task = Periodic.start("attachment-sweep", period, period, this::sweep);
  }

  /** One pass; answers how many uploads it removed. */
  public int sweep() {
    int removed = 0;
    List<Attachment> stale;
    do {
      stale = attachments.unreferencedBefore(clock.instant().minus(maxAge), BATCH);
      List<String> hashes = attachments.deleteUnreferenced(stale.stream()
          .map(Attachment::id).toList());
      removed += stale.size();
      for (String sha256 : hashes) {
        try {
          attachments.releaseBlob(sha256, () -> blobs.delete(sha256));
        } catch (RuntimeException e) {
          LOG.warn("blob {} not released: {}", sha256, e.toString());
        }
      }
    } while (stale.size() == BATCH);
    removeAbandonedFiles();
    return removed;
  }

  private void removeAbandonedFiles() {
    if (incoming == null) {
      return;
    }
    Instant cutoff = clock.instant().minus(maxAge);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming, "*.part")) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      LOG.warn("abandoned uploads in {} not removed: {}", incoming, e.toString());
    }
  }

  @Override
  public void close() {
    Periodic running = task;
    if (running != null) {
      running.close();
    }
  }
}
