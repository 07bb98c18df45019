package io.switchboard.server.store.cache;

import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.queue.QueueScheduleDao;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.TtlCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads every visitor handshake and every conversation start makes (the site, the queue and
 * the queue's schedule), and the queues of an agent whose conversation closed (to offer the freed
 * slot), kept in memory for {@link #TTL} (the agent's queues for {@link #AGENT_QUEUES_TTL}).
 * They change only when an admin edits
 * them: this node forgets them at once after any write through its API, and the other nodes see
 * the change within {@link #TTL}. Without it a burst of thousands of visitors connecting or
 * starting made thousands of identical PostgreSQL reads a second.
 *
 * <p>Thread-safe. Calls may block on PostgreSQL; make them on the store executor.
 */
public final class CachedLookups {
  /** How long a read is reused: also how long another node's admin change may take to apply. */
  public static final Duration TTL = Duration.ofSeconds(1);
  /**
   * How long an agent's queues are reused. A close reads them to offer the freed slot, and with
   * hundreds of agents each closing a chat a second or two apart, one second was nearly always a
   * miss: a third of the routing benchmark's closes read them from PostgreSQL. Another node's
   * membership change reaching this one late does no harm here: a queue the agent left gets a
   * run that finds no slot for it, and a queue they joined drains at its next arrival or
   * reconcile.
   */
  public static final Duration AGENT_QUEUES_TTL = Duration.ofSeconds(30);
  private static final int MAX_ENTRIES = 10_000;

  private final SiteDao sites;
  private final QueueDao queues;
  private final QueueScheduleDao schedules;
  private final UserDao users;
  private final TtlCache<String, Optional<Site>> siteById;
  private final TtlCache<String, Optional<QueueInfo>> queueById;
  private final TtlCache<String, Optional<QueueSchedule>> scheduleByQueue;
  private final TtlCache<UUID, List<String>> queuesByAgent;

  public CachedLookups(SiteDao sites, QueueDao queues, QueueScheduleDao schedules, UserDao users,
      Clock clock) {
    this.sites = sites;
    this.queues = queues;
    this.schedules = schedules;
    this.users = users;
    this.siteById = new TtlCache<>(TTL, MAX_ENTRIES, clock);
    this.queueById = new TtlCache<>(TTL, MAX_ENTRIES, clock);
    this.scheduleByQueue = new TtlCache<>(TTL, MAX_ENTRIES, clock);
    this.queuesByAgent = new TtlCache<>(AGENT_QUEUES_TTL, MAX_ENTRIES, clock);
  }

  public Optional<Site> site(String siteId) {
    return siteById.get(siteId, sites::find);
  }

  /**
   * The site as read less than {@link #TTL} ago, without blocking; empty when it is not cached
   * (then {@link #site} reads it). Present-but-empty means the site was read and does not exist.
   */
  public Optional<Optional<Site>> cachedSite(String siteId) {
    return siteById.peek(siteId);
  }

  public Optional<QueueInfo> queue(String queueId) {
    return queueById.get(queueId, queues::find);
  }

  public Optional<QueueSchedule> schedule(String queueId) {
    return scheduleByQueue.get(queueId, schedules::find);
  }

  /**
   * The queues the agent belongs to, in the order {@link UserDao#queuesOf} gives, as read less
   * than {@link #AGENT_QUEUES_TTL} ago (or since this node's last API write).
   */
  public List<String> agentQueues(UUID agentId) {
    return queuesByAgent.get(agentId, users::queuesOf);
  }

  /** Forgets everything: the next reads go to PostgreSQL. Called after every API write. */
  public void clear() {
    siteById.clear();
    queueById.clear();
    scheduleByQueue.clear();
    queuesByAgent.clear();
  }
}
