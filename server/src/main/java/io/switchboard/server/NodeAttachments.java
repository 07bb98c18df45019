package io.switchboard.server;

import io.switchboard.server.api.ApiRoutes;
import io.switchboard.server.api.AttachmentApi;
import io.switchboard.server.api.AttachmentPolicyApi;
import io.switchboard.server.attachment.AttachmentService;
import io.switchboard.server.attachment.UnreferencedSweep;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.config.AttachmentSettings;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.blob.BlobStore;
import io.switchboard.server.store.blob.FileBlobStore;
import io.switchboard.server.store.blob.S3BlobStore;
import io.switchboard.server.util.BlockingExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's attachments: the blob store the settings name (files under the data directory, or an
 * S3-compatible store), the attachment service with its REST side, and the sweep of uploads
 * nobody sent. Built once by the node and closed by it.
 *
 * <p>Thread-safe: its parts are; {@link #close} is called once.
 */
final class NodeAttachments implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAttachments.class);

  private final BlobStore blobs;
  private final AttachmentApi api;
  private final UnreferencedSweep sweep;

  private NodeAttachments(BlobStore blobs, AttachmentApi api, UnreferencedSweep sweep) {
    this.blobs = blobs;
    this.api = api;
    this.sweep = sweep;
  }

  /** Opens the store, registers the routes and starts the sweep. */
  static NodeAttachments start(ServerConfig config, Stores stores, ConversationAccess access,
      AuthService auth, BlockingExecutor store, ApiRoutes routes, AttachmentLinks links,
      Clock clock) {
    AttachmentSettings settings = config.attachments();
    BlobStore blobs;
    Path incoming;
    try {
      if (settings.s3() != null) {
        AttachmentSettings.S3 s3 = settings.s3();
        blobs = new S3BlobStore(new S3BlobStore.Settings(s3.endpoint(), s3.region(), s3.bucket(),
            s3.accessKey(), s3.secretKey(), s3.pathStyle(), s3.prefix()));
        incoming = Files.createDirectories(config.dataDir().resolve("uploads"));
      } else {
        FileBlobStore files = new FileBlobStore(config.dataDir().resolve("attachments"));
        blobs = files;
        incoming = files.incoming();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the attachment store cannot be opened", e);
    }
    AttachmentService service = new AttachmentService(new AttachmentService.Parts(
        stores.attachments(), stores.attachmentPolicies(), blobs, links, access,
        stores.tickets(), settings.maxUploadBytes(), clock));
    AttachmentApi api = new AttachmentApi(service, auth, store, incoming,
        settings.maxUploadBytes());
    api.register(routes);
    new AttachmentPolicyApi(stores.attachmentPolicies(), stores.sites(), auth, store,
        settings.maxUploadBytes()).register(routes);
    UnreferencedSweep sweep = new UnreferencedSweep(stores.attachments(), blobs,
        settings.unreferencedTtl(), clock, incoming);
    sweep.start(Duration.ofMinutes(10));
    LOG.info("attachments are stored in {} ({})", settings.s3() != null
        ? settings.s3() : config.dataDir().resolve("attachments"), blobs.backend());
    return new NodeAttachments(blobs, api, sweep);
  }

  AttachmentApi api() {
    return api;
  }

  /** Where the attachments' bytes are stored. */
  BlobStore blobs() {
    return blobs;
  }

  AttachmentService service() {
    return api.service();
  }

  @Override
  public void close() throws Exception {
    try {
      sweep.close();
    } finally {
      blobs.close();
    }
  }
}
