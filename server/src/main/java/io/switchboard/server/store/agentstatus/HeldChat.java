package io.switchboard.server.store.agentstatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A stretch of time an agent held a chat, from the assignment history: from the chat's
 * assignment (or transfer) to the agent until it was transferred, requeued or closed, cut to the
 * range it was read for.
 *
 * <p>Immutable and thread-safe.
 */
public record HeldChat(UUID agentId, UUID conversationId, Instant from, Instant to) {}
