package io.switchboard.protocol;

/**
 * A frame could not be decoded. {@link #commandId()} is the command's {@code id} when the frame
 * was readable far enough to find it, so the error reply can echo it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProtocolException extends Exception {
  private final ErrorCode code;
  private final String commandId;

  public ProtocolException(ErrorCode code, String message, String commandId, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.commandId = commandId;
  }

  public ErrorCode code() {
    return code;
  }

  /** The {@code id} of the command, or null when it could not be read. */
  public String commandId() {
    return commandId;
  }
}
