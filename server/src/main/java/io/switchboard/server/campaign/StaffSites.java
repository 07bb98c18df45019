package io.switchboard.server.campaign;

import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.queue.QueueInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sites a staff member may see visitors of: every site for an admin; for others, the sites
 * of the queues they belong to and of the queues their teams own.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sites the site ids; null means every site
 */
public record StaffSites(Set<String> sites) {
  /** Reads the queues' sites through the lookup cache (blocking). */
  public static StaffSites of(Principal staff, CachedLookups lookups) {
    if (staff.role() == Role.ADMIN) {
      return new StaffSites(null);
    }
    Set<String> queues = new HashSet<>(staff.queues());
    queues.addAll(staff.teamQueues());
    Set<String> sites = new HashSet<>();
    for (String queue : queues) {
      lookups.queue(queue).map(QueueInfo::siteId).ifPresent(sites::add);
    }
    return new StaffSites(Set.copyOf(sites));
  }

  public boolean allows(String siteId) {
    return sites == null || sites.contains(siteId);
  }

  /** The allowed ones of {@code siteIds}, in their order. */
  public List<String> within(List<String> siteIds) {
    return siteIds.stream().filter(this::allows).toList();
  }
}
