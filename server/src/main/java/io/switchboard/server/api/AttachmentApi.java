package io.switchboard.server.api;

import io.switchboard.server.access.Principal;
import io.switchboard.server.attachment.AttachmentService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.attachment.Attachment;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Attachments over REST (PROTOCOL.md 3.8): {@code POST /v1/attachments?name=...} with the file's
 * bytes as the body (the transport streams them to {@link #incoming} and calls {@link #upload}),
 * {@code GET /v1/attachments/{id}} (metadata and a fresh signed link, for whoever may see the
 * file) and the signed {@code GET /v1/attachments/{id}/content}, which the transport serves from
 * {@link #download}.
 *
 * <p>Thread-safe.
 */
public final class AttachmentApi {
  private final AttachmentService attachments;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Path incoming;
  private final long maxUploadBytes;

  public AttachmentApi(AttachmentService attachments, AuthService auth, BlockingExecutor store,
      Path incoming, long maxUploadBytes) {
    this.attachments = attachments;
    this.auth = auth;
    this.store = store;
    this.incoming = incoming;
    this.maxUploadBytes = maxUploadBytes;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/attachments/{id}", request ->
        auth.authenticateSocket(request.bearer(), null).thenCompose(who -> store.call(() ->
            ApiResponse.ok(json(attachments.readable(who, id(request.param(0))))))));
  }

  /** Where the transport writes an upload while it arrives (the blob store's file system). */
  public Path incoming() {
    return incoming;
  }

  /** The most bytes the transport reads of one upload; a larger one is refused with 413. */
  public long maxUploadBytes() {
    return maxUploadBytes;
  }

  /**
   * An upload that arrived whole in {@code file} ({@code size} bytes): {@code 201} with the
   * attachment's JSON. The caller deletes the file once the answer completes.
   */
  public CompletableFuture<ApiResponse> upload(ApiRequest request, Path file, long size) {
    return auth.authenticateSocket(request.bearer(), null).thenCompose(who -> store.call(() -> {
      try {
        return ApiResponse.created(json(attachments.upload(who, new AttachmentService.Upload(
            request.query("name"), request.query("uploadId"), staffSite(who, request), file,
            size))));
      } catch (IOException e) {
        throw unavailable(e);
      }
    }));
  }

  /** The bytes behind a signed link (see {@link AttachmentService#download}). */
  public CompletableFuture<AttachmentService.Download> download(String id, String exp,
      String sig) {
    return store.call(() -> {
      try {
        return attachments.download(id, exp, sig);
      } catch (IOException e) {
        throw unavailable(e);
      }
    });
  }

  /** {@code id, name, size, contentType, image, url, expiresAt}. */
  Map<String, Object> json(Attachment attachment) {
    return AttachmentJson.of(attachment.ref(), attachments.links());
  }

  private static SwitchboardException unavailable(IOException e) {
    return new SwitchboardException(io.switchboard.protocol.ErrorCode.UNAVAILABLE,
        "the file store is unreachable; retry", e);
  }

  private static String staffSite(Principal who, ApiRequest request) {
    return who.isStaff() ? request.query("site") : null;
  }

  private static UUID id(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(io.switchboard.protocol.ErrorCode.NOT_FOUND,
          "no such attachment");
    }
  }
}
