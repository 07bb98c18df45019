package io.switchboard.server.store.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A private note in a conversation, for staff only: {@code kind} is {@code note}, or
 * {@code whisper} for a supervisor's note to the agent. Immutable and thread-safe.
 */
public record Note(long id, UUID conversationId, UUID authorId, String authorName, String body,
    Instant createdAt, String kind) {
  public static final String NOTE = "note";
  public static final String WHISPER = "whisper";

  public boolean isWhisper() {
    return WHISPER.equals(kind);
  }
}
