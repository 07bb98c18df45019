package io.switchboard.sdk;

import java.time.Instant;

/**
 * A file uploaded with {@link SwitchboardHttp#uploadAttachment}: send its {@code id} in
 * {@link ChatClient#send(String, String, String, java.util.List)}. {@code url} is a signed link
 * relative to the server, valid until {@code expiresAt}.
 *
 * <p>Immutable and thread-safe.
 */
public record UploadedAttachment(String id, String name, long size, String contentType,
    boolean image, String url, Instant expiresAt) {}
