package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every error the server reports in an {@code error} event. {@link #temporary()} tells the client
 * whether retrying the same command later can succeed (the client keeps it in its outbox), or
 * whether the command itself is wrong and must not be retried.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
  /** The frame is not valid JSON. */
  BAD_REQUEST("bad_request", false),
  /** The {@code type} is not one this protocol version knows. */
  UNKNOWN_TYPE("unknown_type", false),
  /** A field is missing, has the wrong JSON type, or has a value outside its range. */
  INVALID_FIELD("invalid_field", false),
  /** The token is missing, unknown, expired or revoked. */
  UNAUTHORIZED("unauthorized", false),
  /** The caller's role or identity may not issue this command on this object. */
  FORBIDDEN("forbidden", false),
  /** The conversation, queue or site does not exist, or is not visible to the caller. */
  NOT_FOUND("not_found", false),
  /** The conversation is closed and takes no more messages or transitions. */
  CONVERSATION_CLOSED("conversation_closed", false),
  /** A state transition lost a race, for example accepting a conversation someone else holds. */
  CONFLICT("conflict", false),
  /** The message body is longer than the limit. */
  TOO_LARGE("too_large", false),
  /** A file, or the files of one message, exceed the site's limit, which the message names. (Level 8.) */
  FILE_TOO_LARGE("file_too_large", false),
  /** The file's content is of a type the site does not accept; the message names it. (Level 8.) */
  UNSUPPORTED_TYPE("unsupported_type", false),
  /** The queue is outside its business hours or on a holiday; offer the offline form. (Level 3.) */
  QUEUE_CLOSED("queue_closed", false),
  /** The server cannot replay the gap after {@code lastSeq}; reload the whole conversation. */
  RESUME_GAP("resume_gap", false),
  /** Too many commands; retry after a pause. */
  RATE_LIMITED("rate_limited", true),
  /** A store (PostgreSQL or Redis) is unreachable; nothing was stored, retry the same command. */
  UNAVAILABLE("unavailable", true),
  /** The server did not finish in time; the outcome is unknown, retry with the same clientMsgId. */
  TIMEOUT("timeout", true),
  /** An unexpected server fault; retrying may succeed. */
  INTERNAL("internal", true);

  private final String wire;
  private final boolean temporary;

  ErrorCode(String wire, boolean temporary) {
    this.wire = wire;
    this.temporary = temporary;
  }

  /** The code as it appears on the wire, for example {@code "unavailable"}. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** True when the same command may succeed if the client retries it later. */
  public boolean temporary() {
    return temporary;
  }

  /**
   * The code for a wire value. A code this client does not know (added by a newer server) reads as
   * {@link #INTERNAL}; the {@code temporary} flag sent with the error still tells what to do.
   */
  @JsonCreator
  public static ErrorCode fromWire(String wire) {
    for (ErrorCode code : values()) {
      if (code.wire.equals(wire)) {
        return code;
      }
    }
    return INTERNAL;
  }
}
