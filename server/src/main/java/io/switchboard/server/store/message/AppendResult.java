package io.switchboard.server.store.message;

/**
 * A committed message, as {@link GroupCommitMessageWriter} acknowledges it.
 *
 * @param message the stored message with its seq
 * @param duplicate true when the message had been stored before under the same clientMsgId (a
 *     retry); {@code message} is then the original
 *
 * <p>Immutable and thread-safe.
 */
public record AppendResult(StoredMessage message, boolean duplicate) {}
