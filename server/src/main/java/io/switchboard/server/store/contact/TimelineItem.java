package io.switchboard.server.store.contact;

import java.time.Instant;

/**
 * One entry of a contact's timeline: when, what kind ({@code conversation.started},
 * {@code ticket.solved}, {@code rating}, {@code mail}, or a {@code contact_events} kind such as
 * {@code edited}), who did it (a user id and name, when a person did), its details (JSON text of
 * an object) and a key that orders entries of the same instant.
 *
 * <p>Immutable and thread-safe.
 */
public record TimelineItem(Instant at, String key, String kind, String actorId,
    String actorName, String detail) {}
