package io.switchboard.server.store.campaign;

/**
 * What one campaign did in a date range: invitations shown, opened (expanded by the visitor),
 * chats started by a reply, and contacts who became leads after such a chat.
 *
 * <p>Immutable and thread-safe.
 */
public record CampaignStats(long shown, long opened, long chats, long leads) {}
