package io.switchboard.server.report;

import io.switchboard.server.report.RawHistory.Chat;
import io.switchboard.server.report.RawHistory.Ticket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every report figure computed from scratch in Java over {@link RawHistory}: filters, ranges in
 * the viewer's zone, nearest-rank medians and 90th percentiles. The reports' truth test compares
 * the service's answers with these.
 *
 * <p>Stateless apart from the history it reads; thread-safe.
 */
final class ReportTruth {
  private final RawHistory raw;

  ReportTruth(RawHistory raw) {
    this.raw = raw;
  }

  RawHistory raw() {
    return raw;
  }

  Stream<Chat> chats(ReportFilter f, Instant from, Instant to) {
    if (f.channel() != null && !f.channel().equals("chat")) {
      return Stream.empty();
    }
    return raw.chats.stream().filter(c -> in(c.started(), from, to)
        && common(f, c.site(), c.queue(), c.team(), c.agent(), c.tags()));
  }

  Stream<Ticket> tickets(ReportFilter f, Function<Ticket, Instant> when, Instant from,
      Instant to) {
    return raw.tickets.values().stream().filter(t -> in(when.apply(t), from, to)
        && common(f, t.site(), t.queue(), t.team(), t.assignee(), t.tags())
        && (f.channel() == null || f.channel().equals(t.channel()))
        && (f.type() == null || f.type().equals(t.type()))
        && (f.priority() == null || f.priority().equals(t.priority())));
  }

  private static boolean common(ReportFilter f, String site, String queue, String team,
      java.util.UUID agent, List<String> tags) {
    return (f.site() == null || f.site().equals(site))
        && (f.team() == null || f.team().equals(team))
        && (f.scopeQueues() == null || (queue != null && f.scopeQueues().contains(queue)))
        && (f.queue() == null || f.queue().equals(queue))
        && (f.agent() == null || f.agent().equals(agent))
        && (f.tags().isEmpty() || tags.stream().anyMatch(f.tags()::contains));
  }

  Overview overview(ReportFilter f) {
    Instant from = start(f);
    Instant to = end(f);
    List<Chat> chats = chats(f, from, to).toList();
    ChatFigures chat = chatFigures(chats);
    List<Ticket> created = tickets(f, Ticket::created, from, to).toList();
    List<Ticket> solved = tickets(f, Ticket::solved, from, to).toList();
    long solvedNow = created.stream().filter(t -> t.solved() != null).count();
    TicketFigures ticket = new TicketFigures(created.size(), solved.size(),
        rate(solvedNow, created.size()), dist(created, Ticket::firstResponse),
        dist(created.stream().flatMap(t -> t.nextResponses().stream()).toList(), x -> x),
        dist(solved, Ticket::resolution), solved.stream().filter(Ticket::reopened).count(),
        rate(solved.stream().filter(Ticket::reopened).count(), solved.size()),
        rate(solved.stream().filter(t -> !t.reopened() && t.replies() <= 1).count(),
            solved.size()),
        created.stream().filter(t -> t.type().equals("complaint")).count(),
        solved.stream().filter(t -> t.type().equals("complaint")).count());
    return new Overview(f.from(), f.to(), f.zone().getId(), chat, ticket,
        csat(ratings(f, from, to), chat.resolved() + ticket.solved()), sla(f, from, to));
  }

  static ChatFigures chatFigures(List<Chat> chats) {
    long missed = chats.stream().filter(Chat::missed).count();
    long resolved = chats.stream().filter(Chat::resolved).count();
    return new ChatFigures(chats.size(), chats.stream().filter(Chat::answered).count(), missed,
        rate(missed, chats.size()), dist(chats, Chat::abandonedWait),
        dist(chats, Chat::queueWait), dist(chats, Chat::firstResponse),
        dist(chats.stream().flatMap(c -> c.nextResponses().stream()).toList(), x -> x),
        dist(chats, Chat::handle), dist(chats, Chat::resolution),
        chats.stream().mapToLong(Chat::transfers).sum(), resolved, rate(resolved, chats.size()),
        rate(chats.stream().filter(c -> c.resolved() && !c.returned() && c.transfers() == 0)
            .count(), resolved),
        rate(chats.stream().filter(c -> c.resolved() && c.returned()).count(), resolved));
  }

  /** Ratings given in the range whose chat or ticket matches the filter. */
  List<RawHistory.Rating> ratings(ReportFilter f, Instant from, Instant to) {
    List<java.util.UUID> chatIds = chats(f, Instant.MIN, Instant.MAX).map(Chat::id).toList();
    List<java.util.UUID> ticketIds = tickets(f, Ticket::created, Instant.MIN, Instant.MAX)
        .map(Ticket::id).toList();
    return raw.ratings.stream().filter(r -> in(r.at(), from, to)
        && (r.chat() != null ? chatIds.contains(r.chat()) : ticketIds.contains(r.ticket())))
        .toList();
  }

  static CsatFigures csat(Collection<RawHistory.Rating> ratings, long asked) {
    List<Long> byScore = new ArrayList<>();
    for (int score = 1; score <= 5; score++) {
      int wanted = score;
      byScore.add(ratings.stream().filter(r -> r.score() == wanted).count());
    }
    long satisfied = byScore.get(3) + byScore.get(4);
    return new CsatFigures(ratings.size(), rate(ratings.size(), asked),
        rate(satisfied, ratings.size()), ratings.isEmpty() ? null
        : ratings.stream().mapToInt(RawHistory.Rating::score).average().orElseThrow(), byScore);
  }

  List<SlaAttainment> sla(ReportFilter f, Instant from, Instant to) {
    List<java.util.UUID> ids = tickets(f, Ticket::created, Instant.MIN, Instant.MAX)
        .map(Ticket::id).toList();
    List<SlaAttainment> result = new ArrayList<>();
    for (String metric : List.of("first_response", "next_response", "initial_solution",
        "resolution")) {
      for (String priority : RandomHistory.PRIORITIES) {
        List<RawHistory.Clock> clocks = raw.clocks.stream().filter(c -> c.metric().equals(metric)
            && in(c.stopped(), from, to) && ids.contains(c.ticket())
            && raw.tickets.get(c.ticket()).priority().equals(priority)).toList();
        if (!clocks.isEmpty()) {
          long breached = clocks.stream().filter(RawHistory.Clock::breached).count();
          result.add(new SlaAttainment("ticket", metric, priority, clocks.size(),
              clocks.size() - breached, breached, rate(clocks.size() - breached, clocks.size())));
        }
      }
    }
    return result;
  }

  static <T> Distribution dist(List<T> items, Function<T, Long> measure) {
    List<Long> values = items.stream().map(measure).filter(Objects::nonNull).sorted().toList();
    if (values.isEmpty()) {
      return Distribution.EMPTY;
    }
    return new Distribution(values.size(),
        values.stream().mapToLong(Long::longValue).average().orElseThrow(), rank(values, 0.5),
        rank(values, 0.9));
  }

  /** Nearest rank: the first value whose position reaches the fraction. */
  static Long rank(List<Long> sorted, double fraction) {
    int position = (int) Math.ceil(fraction * sorted.size());
    return sorted.get(Math.max(0, position - 1));
  }

  static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  static boolean in(Instant at, Instant from, Instant to) {
    return at != null && !at.isBefore(from) && at.isBefore(to);
  }

  static Instant start(ReportFilter f) {
    return f.from().atStartOfDay(f.zone()).toInstant();
  }

  static Instant end(ReportFilter f) {
    return f.to().plusDays(1).atStartOfDay(f.zone()).toInstant();
  }

  /** The local date that starts the bucket of {@code at}. */
  static LocalDate bucket(Instant at, ReportFilter f, String interval) {
    LocalDate day = ZonedDateTime.ofInstant(at, f.zone()).toLocalDate();
    return ReportTables.bucketStart(day, interval);
  }
}
