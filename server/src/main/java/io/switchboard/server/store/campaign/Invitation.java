package io.switchboard.server.store.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * One invitation to chat that a visitor was (or is about to be) shown: from a campaign, or from
 * an agent to a visitor on the site now.
 *
 * @param campaignId null for an agent's own invitation
 * @param senderId the agent it comes from; null: the team
 * @param senderName that agent's display name; null: the team
 *
 * <p>Immutable and thread-safe.
 */
public record Invitation(UUID id, String siteId, UUID contactId, UUID campaignId, UUID senderId,
    String senderName, String body, Instant createdAt, Instant shownAt, UUID conversationId) {}
