package io.switchboard.server.store.team;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A team (department): it owns queues, and its members are the staff who work them. Supervisors
 * see and act on their teams' queues, conversations and agents only.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id letters, digits, {@code -} and {@code _}; fixed once created
 * @param name shown in the console, unique regardless of case
 * @param queueIds the queues the team owns, by id
 * @param memberIds the staff in the team
 */
public record Team(String id, String name, List<String> queueIds, List<UUID> memberIds,
    int ticketsPerChatSlot) {
  public Team {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    queueIds = queueIds == null ? List.of() : List.copyOf(queueIds);
    memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
  }
}
