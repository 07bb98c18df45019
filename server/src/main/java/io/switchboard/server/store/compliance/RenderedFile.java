package io.switchboard.server.store.compliance;

/**
 * One rendering of a compliance report: its language ({@code en} or {@code zh-CN}), its format
 * ({@code html}, {@code pdf} or {@code csv}) and its bytes.
 *
 * <p>Immutable; thread-safe as long as nobody changes the array.
 */
public record RenderedFile(String lang, String format, byte[] content) {}
