package io.switchboard.server.store.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which conversations or tickets an export takes: created in {@code [from, to)}, of a site, a
 * team, an agent (the assignee), a status, carrying all the tags; any of them may be null (or
 * empty) for no limit. {@code queues} is the scope of a supervisor (their teams' queues), or
 * null for an admin's.
 *
 * <p>Immutable and thread-safe.
 */
public record ExportFilter(Instant from, Instant to, String siteId, String teamId, UUID agentId,
    String status, List<String> tags, Set<String> queues) {
  public ExportFilter {
    tags = tags == null ? List.of() : List.copyOf(tags);
    queues = queues == null ? null : Set.copyOf(queues);
  }
}
