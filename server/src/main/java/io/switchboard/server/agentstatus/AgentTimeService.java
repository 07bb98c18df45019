package io.switchboard.server.agentstatus;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.agentstatus.AgentScope;
import io.switchboard.server.store.agentstatus.AgentTimeDao;
import io.switchboard.server.store.agentstatus.AgentTimeSource;
import io.switchboard.server.store.agentstatus.HeldChat;
import io.switchboard.server.store.agentstatus.ScopedAgent;
import io.switchboard.server.store.agentstatus.StatusPeriod;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The agent time report: for each staff member in the viewer's scope, time online, away and
 * offline, concurrency and occupancy over a range of local dates. An admin sees everyone, a
 * supervisor the members of their teams (a team, queue or agent outside them is refused), an agent
 * only themselves (another agent is refused).
 *
 * <p>Thread-safe. {@link #report} reads PostgreSQL: call it on the store executor.
 */
public final class AgentTimeService {
  private final AgentTimeDao dao;
  private final AgentTimeSource source;
  private final Clock clock;

  /** {@code source}: the sums from memory when it can answer (null: always from the database). */
  public AgentTimeService(AgentTimeDao dao, AgentTimeSource source, Clock clock) {
    this.dao = dao;
    this.source = source;
    this.clock = clock;
  }

  /** The rows, by name, of the staff the viewer may see that match the query. */
  public List<AgentTime> report(Principal viewer, AgentTimeQuery query) {
    AgentScope scope = scope(viewer, query);
    Instant from = query.start();
    Instant to = query.end();
    List<ScopedAgent> agents = dao.agents(scope, from, to);
    if (agents.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = agents.stream().map(ScopedAgent::id).toList();
    Instant now = clock.instant();
    long start = from.toEpochMilli();
    long end = Math.min(to.toEpochMilli(), now.toEpochMilli());
    Map<UUID, long[]> sums = source == null ? null : source.sums(ids, start, Math.max(start, end));
    if (sums != null) {
      return agents.stream().map(agent -> AgentTimeSweep.row(agent, sums.get(agent.id()), start,
          end)).toList();
    }
    Map<UUID, List<StatusPeriod>> periods = dao.periods(ids, from, to).stream()
        .collect(Collectors.groupingBy(StatusPeriod::agentId));
    Map<UUID, List<HeldChat>> chats = dao.heldChats(ids, from, to).stream()
        .collect(Collectors.groupingBy(HeldChat::agentId));
    List<AgentTime> rows = new ArrayList<>(agents.size());
    for (ScopedAgent agent : agents) {
      rows.add(AgentTimeSweep.row(agent, periods.getOrDefault(agent.id(), List.of()),
          chats.getOrDefault(agent.id(), List.of()), from, to, now));
    }
    return rows;
  }

  /** Who the viewer may see, narrowed by the query's filters; 403 for a filter outside it. */
  private AgentScope scope(Principal viewer, AgentTimeQuery query) {
    AccessPolicy.requireRole(viewer, Action.USE_CONSOLE);
    UUID self = UUID.fromString(viewer.id());
    if (viewer.role() == Role.ADMIN) {
      return new AgentScope(query.agentId(), query.teamId(), query.queueId(), query.siteId(),
          null);
    }
    if (viewer.role() == Role.AGENT) {
      if (query.agentId() != null && !query.agentId().equals(self)) {
        throw new SwitchboardException(ErrorCode.FORBIDDEN, "agents see their own figures only");
      }
      return new AgentScope(self, query.teamId(), query.queueId(), query.siteId(), null);
    }
    List<String> teams = dao.teamsOf(self);
    if (query.teamId() != null && !teams.contains(query.teamId())) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "this team is not one of yours");
    }
    if (query.queueId() != null) {
      AccessPolicy.requireQueue(viewer, Action.WATCH_QUEUES, query.queueId());
    }
    AgentScope scope = new AgentScope(query.agentId(), query.teamId(), query.queueId(),
        query.siteId(), teams);
    if (query.agentId() != null && !query.agentId().equals(self)
        && dao.teamsOf(query.agentId()).stream().noneMatch(teams::contains)) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "this agent is not in your teams");
    }
    return scope;
  }
}
