package io.switchboard.server.report;

import io.switchboard.server.report.RawHistory.Chat;
import io.switchboard.server.report.RawHistory.Rating;
import io.switchboard.server.report.RawHistory.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The per-queue and per-agent tables computed from scratch for the reports' truth test.
 *
 * <p>Stateless; thread-safe.
 */
final class ReportTruthTables {
  private ReportTruthTables() {}

  static List<ReportTables.QueueRow> queues(ReportTruth truth, ReportFilter f) {
    Instant from = ReportTruth.start(f);
    Instant to = ReportTruth.end(f);
    List<Chat> chats = truth.chats(f, from, to).toList();
    List<Ticket> created = truth.tickets(f, Ticket::created, from, to).toList();
    List<Ticket> solved = truth.tickets(f, Ticket::solved, from, to).toList();
    List<Rating> ratings = truth.ratings(f, from, to);
    TreeSet<String> ids = new TreeSet<>();
    chats.forEach(c -> ids.add(c.queue()));
    created.stream().map(Ticket::queue).filter(Objects::nonNull).forEach(ids::add);
    solved.stream().map(Ticket::queue).filter(Objects::nonNull).forEach(ids::add);
    ratings.stream().map(r -> queueOf(truth, r)).filter(Objects::nonNull).forEach(ids::add);
    List<ReportTables.QueueRow> rows = new ArrayList<>();
    RawHistory raw = raw(truth);
    for (String id : ids) {
      List<Chat> mine = chats.stream().filter(c -> c.queue().equals(id)).toList();
      ChatFigures figures = ReportTruth.chatFigures(mine);
      CsatFigures csat = ReportTruth.csat(ratings.stream()
          .filter(r -> id.equals(queueOf(truth, r))).toList(), 0);
      rows.add(new ReportTables.QueueRow(id, raw.queueNames.get(id), team(truth, id),
          figures.started(), figures.answered(), figures.missed(), figures.queueWait(),
          figures.abandonedWait(), figures.firstResponse(), figures.handle(),
          figures.transfers(), csat.ratings(), csat.satisfiedRate(),
          created.stream().filter(t -> id.equals(t.queue())).count(),
          solved.stream().filter(t -> id.equals(t.queue())).count()));
    }
    rows.sort(Comparator.comparing((ReportTables.QueueRow q) -> q.queueName())
        .thenComparing(ReportTables.QueueRow::queueId));
    return rows;
  }

  static List<ReportTables.AgentRow> agents(ReportTruth truth, ReportFilter f) {
    Instant from = ReportTruth.start(f);
    Instant to = ReportTruth.end(f);
    List<Chat> chats = truth.chats(f, from, to).toList();
    List<Ticket> created = truth.tickets(f, Ticket::created, from, to).toList();
    List<Ticket> solved = truth.tickets(f, Ticket::solved, from, to).toList();
    List<Rating> ratings = truth.ratings(f, from, to);
    TreeSet<String> ids = new TreeSet<>();
    chats.stream().map(Chat::agent).filter(Objects::nonNull).forEach(a -> ids.add(a.toString()));
    created.stream().map(Ticket::assignee).filter(Objects::nonNull)
        .forEach(a -> ids.add(a.toString()));
    solved.stream().map(Ticket::assignee).filter(Objects::nonNull)
        .forEach(a -> ids.add(a.toString()));
    chats.forEach(c -> ids.addAll(c.transferredBy()));
    ratings.stream().map(r -> agentOf(truth, r)).filter(Objects::nonNull)
        .forEach(a -> ids.add(a.toString()));
    if (f.agent() != null) {
      ids.retainAll(List.of(f.agent().toString()));
    }
    RawHistory raw = raw(truth);
    List<ReportTables.AgentRow> rows = new ArrayList<>();
    for (String id : ids) {
      UUID agent = UUID.fromString(id);
      List<Chat> mine = chats.stream().filter(c -> agent.equals(c.agent())).toList();
      CsatFigures csat = ReportTruth.csat(ratings.stream()
          .filter(r -> agent.equals(agentOf(truth, r))).toList(), 0);
      rows.add(new ReportTables.AgentRow(id, raw.userNames.get(id), mine.size(),
          created.stream().filter(t -> agent.equals(t.assignee())).count(),
          solved.stream().filter(t -> agent.equals(t.assignee())).count(),
          ReportTruth.dist(mine, Chat::firstResponse), ReportTruth.dist(mine, Chat::handle),
          chats.stream().mapToLong(c -> c.transferredBy().stream().filter(id::equals).count())
              .sum(), csat.ratings(), csat.satisfiedRate(), csat.average()));
    }
    rows.sort(Comparator.comparing((ReportTables.AgentRow a) -> a.name() == null ? ""
        : a.name()).thenComparing(ReportTables.AgentRow::agentId));
    return rows;
  }

  private static String queueOf(ReportTruth truth, Rating rating) {
    RawHistory raw = raw(truth);
    return rating.chat() != null ? raw.chatsById.get(rating.chat()).queue()
        : raw.tickets.get(rating.ticket()).queue();
  }

  private static UUID agentOf(ReportTruth truth, Rating rating) {
    RawHistory raw = raw(truth);
    return rating.chat() != null ? raw.chatsById.get(rating.chat()).agent()
        : raw.tickets.get(rating.ticket()).assignee();
  }

  private static String team(ReportTruth truth, String queue) {
    return raw(truth).chats.stream().filter(c -> c.queue().equals(queue)).map(Chat::team)
        .findFirst().orElseGet(() -> raw(truth).tickets.values().stream()
            .filter(t -> queue.equals(t.queue())).map(Ticket::team).findFirst().orElse(null));
  }

  private static RawHistory raw(ReportTruth truth) {
    return truth.raw();
  }
}
