package io.switchboard.server.report.index;

import io.switchboard.server.store.agentstatus.AgentTimeSource;
import io.switchboard.server.store.report.FactFilter;
import io.switchboard.server.store.report.FactGrouping;
import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportIndexDao.Read;
import io.switchboard.server.store.report.ReportQueries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's in-memory report index: every report fact with its rating in columns, kept up to
 * date from {@code report_changes} and answering the fact queries of {@link ReportQueries} with
 * one pass over the columns instead of a scan and sorts in PostgreSQL (README "Reports"). Before
 * its first load, and for the SLA clocks and names, it asks {@code sql}. Each query first reads
 * the changes committed since the last read (one short transaction), so it sees the facts as
 * they are when it starts; a node that fell more than {@link #FULL_AFTER} behind (changes are
 * kept a day) loads everything again.
 *
 * <p>Thread-safe: queries share a read lock, applying changes takes the write lock, and one
 * thread at a time reads changes from the database.
 */
public final class ReportIndex implements ReportQueries, AgentTimeSource {
  /** How far behind the index may fall before it loads everything again. */
  static final Duration FULL_AFTER = Duration.ofHours(12);
  private static final Logger LOG = LoggerFactory.getLogger(ReportIndex.class);

  private final ReportIndexDao dao;
  private final ReportQueries sql;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object reading = new Object();
  private IndexState state = new IndexState();
  private volatile boolean ready;
  private long horizon;
  private long databaseMicros;
  /** Transactions from the horizon on whose changes were applied. */
  private final Set<Long> applied = new java.util.HashSet<>();

  public ReportIndex(ReportIndexDao dao, ReportQueries sql) {
    this.dao = dao;
    this.sql = sql;
  }

  /** Loads every fact (the index answers from then on); answers how many chats and tickets. */
  public int[] load() {
    synchronized (reading) {
      IndexState loaded = new IndexState();
      Read read = dao.all(loaded.filler());
      loaded.built();
      lock.writeLock().lock();
      try {
        state = loaded;
        horizon = read.horizon();
        databaseMicros = read.databaseNow();
      } finally {
        lock.writeLock().unlock();
      }
      // The load saw every change committed before it, whatever its transaction.
      applied.clear();
      ready = true;
      return new int[] {loaded.chats.size, loaded.tickets.size};
    }
  }

  /** Reads and applies the changes since the last read (loads everything if never loaded). */
  public void refresh() {
    synchronized (reading) {
      if (!ready) {
        load();
        return;
      }
      IndexState.Rows rows = new IndexState.Rows();
      Read read = dao.since(horizon, applied, rows);
      if (read == null || read.databaseNow() - databaseMicros > FULL_AFTER.toNanos() / 1000) {
        load();
        return;
      }
      lock.writeLock().lock();
      try {
        state.apply(rows, read);
        horizon = read.horizon();
        databaseMicros = read.databaseNow();
      } finally {
        lock.writeLock().unlock();
      }
      // Transactions below the new horizon are never read again.
      applied.addAll(read.transactions());
      applied.removeIf(xid -> xid < horizon);
    }
  }

  /** Whether the index has loaded and answers queries itself. */
  public boolean ready() {
    return ready;
  }

  @Override
  public List<Map<String, Object>> chats(FactFilter filter, FactGrouping grouping) {
    if (!filter.matchesChats()) {
      return List.of();
    }
    return scan(filter, grouping, sql::chats,
        (f, g) -> ChatScans.chats(state.chats, f, g));
  }

  @Override
  public List<Map<String, Object>> chatNextResponses(FactFilter filter, FactGrouping grouping) {
    if (!filter.matchesChats()) {
      return List.of();
    }
    return scan(filter, grouping, sql::chatNextResponses,
        (f, g) -> ChatScans.nextResponses(state.chats, f, g));
  }

  @Override
  public List<Map<String, Object>> transfersOut(FactFilter filter) {
    if (!filter.matchesChats()) {
      return List.of();
    }
    return scan(filter, FactGrouping.TOTAL, (f, g) -> sql.transfersOut(f),
        (f, g) -> ChatScans.transfersOut(state.chats, f, state.words));
  }

  @Override
  public List<Map<String, Object>> ticketsCreated(FactFilter filter, FactGrouping grouping) {
    return scan(filter, grouping, sql::ticketsCreated,
        (f, g) -> TicketScans.created(state.tickets, f, g, complaint()));
  }

  @Override
  public List<Map<String, Object>> ticketNextResponses(FactFilter filter,
      FactGrouping grouping) {
    return scan(filter, grouping, sql::ticketNextResponses,
        (f, g) -> TicketScans.nextResponses(state.tickets, f, g));
  }

  @Override
  public List<Map<String, Object>> ticketsSolved(FactFilter filter, FactGrouping grouping) {
    return scan(filter, grouping, sql::ticketsSolved,
        (f, g) -> TicketScans.solved(state.tickets, f, g, complaint()));
  }

  @Override
  public List<Map<String, Object>> ratings(FactFilter filter, FactGrouping grouping) {
    return scan(filter, grouping, sql::ratings, (f, g) -> {
      long[][] byScore = new long[g.count()][5];
      if (filter.matchesChats()) {
        ChatScans.ratings(state.chats, f, g, byScore);
      }
      TicketScans.ratings(state.tickets, f, g, byScore);
      return ChatScans.ratingRows(byScore, g);
    });
  }

  @Override
  public List<Map<String, Object>> slaClocks(FactFilter filter, FactGrouping grouping) {
    return sql.slaClocks(filter, grouping);
  }

  @Override
  public List<Map<String, Object>> queueNames() {
    return sql.queueNames();
  }

  @Override
  public List<Map<String, Object>> userNames(List<UUID> ids) {
    return sql.userNames(ids);
  }

  /**
   * Each agent's sums over [start, end) in milliseconds (see {@link AgentTimeSource}); null
   * before the first load or when the changes cannot be read.
   */
  @Override
  public Map<UUID, long[]> sums(List<UUID> agents, long start, long end) {
    if (!ready) {
      return null;
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("Report index: reading changes failed, asking the database", e);
      return null;
    }
    lock.readLock().lock();
    try {
      Map<UUID, long[]> sums = new java.util.HashMap<>();
      for (UUID agent : agents) {
        sums.put(agent, state.timelines.sums(state.words.agents.find(agent), start, end));
      }
      return sums;
    } finally {
      lock.readLock().unlock();
    }
  }

  private int complaint() {
    return state.words.labels.find("complaint");
  }

  private interface Scan {
    List<Map<String, Object>> run(RowFilter filter, Groups groups);
  }

  private interface Fallback {
    List<Map<String, Object>> run(FactFilter filter, FactGrouping grouping);
  }

  private List<Map<String, Object>> scan(FactFilter filter, FactGrouping grouping,
      Fallback fallback, Scan scan) {
    if (!ready) {
      return fallback.run(filter, grouping);
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("Report index: reading changes failed, asking the database", e);
      return fallback.run(filter, grouping);
    }
    Set<String> teamQueues = filter.team() == null ? Set.of() : sql.queueNames().stream()
        .filter(queue -> filter.team().equals(queue.get("team_id")))
        .map(queue -> (String) queue.get("id")).collect(Collectors.toSet());
    lock.readLock().lock();
    try {
      RowFilter rows = new RowFilter(filter, teamQueues, state.words);
      return scan.run(rows, Groups.of(grouping, rows.from, rows.to, state.words));
    } finally {
      lock.readLock().unlock();
    }
  }
}
