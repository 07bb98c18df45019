package io.switchboard.server.api;

/**
 * A file a REST reply sends as a download under its own name ({@code Content-Disposition:
 * attachment; filename="..."}); the reply's content type says what it holds. The name must be
 * plain ASCII without quotes.
 *
 * <p>Immutable; thread-safe as long as nobody changes the bytes.
 */
public record Download(String fileName, byte[] bytes) {}
