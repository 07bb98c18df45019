package io.switchboard.server.store.conversation;

import java.time.Instant;
import java.util.UUID;

/** A private note in a conversation, for staff only. Immutable and thread-safe. */
public record Note(long id, UUID conversationId, UUID authorId, String authorName, String body,
    Instant createdAt) {}
