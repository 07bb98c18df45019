package io.switchboard.sdk;

import io.switchboard.protocol.ProtocolCodec;

/**
 * A part of the protocol that an older server may lack, with the feature level that added it
 * (PROTOCOL.md section 9). The client compares it with the level it negotiated in
 * {@code welcome} before sending a command, and fails the command with a {@link ChatException}
 * instead of sending what the server cannot read.
 *
 * <p>Immutable and thread-safe.
 */
public enum ProtocolFeature {
  /** {@code close} with tags. */
  CLOSE_TAGS("close.tags", 2),
  /** Command {@code note}. */
  NOTE("note", 2),
  /** Command {@code transfer}. */
  TRANSFER("transfer", 2),
  /** Command {@code rate}. */
  RATE("rate", 2),
  /** Command {@code context}. */
  CONTEXT("context", 2),
  /** Command {@code profile}. */
  PROFILE("profile", 2),
  /** {@code start} with the visitor's language. */
  START_LANGUAGE("start.language", 4),
  /** Command {@code whisper}. */
  WHISPER("whisper", 6),
  /** Command {@code barge}. */
  BARGE("barge", 6),
  /** {@code send} with attachments. */
  ATTACHMENTS("send.attachments", 8),
  /** {@code start} replying to an invitation. */
  INVITATION("start.invitation", 9);

  /** The highest feature level this SDK speaks: the protocol module's current level. */
  public static final int SDK_LEVEL = ProtocolCodec.FEATURE_LEVEL;

  private final String wireName;
  private final int level;

  ProtocolFeature(String wireName, int level) {
    this.wireName = wireName;
    this.level = level;
  }

  /** The command or field as PROTOCOL.md names it, such as {@code whisper} or {@code close.tags}. */
  public String wireName() {
    return wireName;
  }

  /** The feature level that added it. */
  public int level() {
    return level;
  }
}
