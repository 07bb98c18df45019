package io.switchboard.server.search;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Relation;
import io.switchboard.server.store.search.NewestFirst;
import io.switchboard.server.store.search.SearchCursor;
import io.switchboard.server.store.search.SearchDao;
import io.switchboard.server.store.search.SearchFilter;
import io.switchboard.server.store.search.SearchHit;
import io.switchboard.server.store.search.SearchKind;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * One search over messages, tickets, contacts and companies: checks the request, asks each kind
 * that the filters apply to for one page after the cursor, and merges them newest first. A filter
 * that only conversations or tickets have (team, agent, status, tag, rating, channel) leaves out
 * the kinds that lack it. What a staff member may not open is never found (team scope).
 *
 * <p>Thread-safe. {@link #search} reads PostgreSQL: call it on the store executor.
 */
public final class SearchService {
  /** The longest query, in characters. */
  public static final int MAX_QUERY = 200;
  static final Set<String> KINDS = Set.of("all", "messages", "tickets", "contacts", "companies");
  static final Set<String> CONVERSATION_STATUSES = Set.of("queued", "assigned", "closed");
  static final Set<String> TICKET_STATUSES =
      Set.of("new", "open", "pending", "on_hold", "solved", "closed");
  static final Set<String> CHANNELS = Set.of("chat", "web_form", "email", "phone", "api");
  private static final List<Duration> WINDOWS = Arrays.asList(Duration.ofDays(1),
      Duration.ofDays(8), Duration.ofDays(64), null);
  private static final Comparator<SearchHit> NEWEST_FIRST =
      Comparator.comparing(SearchHit::cursor).reversed();

  private final SearchDao dao;
  private final Clock clock;

  public SearchService(SearchDao dao, Clock clock) {
    this.dao = dao;
    this.clock = clock;
  }

  /** One page of hits, and where the next starts (null after the last). */
  public record Page(List<SearchHit> hits, List<String> words, SearchCursor next) {}

  public Page search(Principal staff, SearchRequest request) {
    AccessPolicy.requireRole(staff, Action.USE_CONSOLE);
    List<String> words = check(request);
    List<String> terms = dao.terms(request.q());
    if (terms.isEmpty()) {
      throw invalid("q: give letters, digits or Chinese characters to search for");
    }
    SearchFilter filter = new SearchFilter(words, terms, request.from(), request.to(),
        request.siteId(), request.teamId(), request.agentId(), request.status(), request.tag(),
        request.rating(), request.channel(), viewer(staff), request.limit() + 1);
    boolean trigrams = words.stream().allMatch(word -> word.codePointCount(0, word.length()) >= 3);
    List<SearchHit> hits = new ArrayList<>();
    String kind = request.kind();
    SearchCursor cursor = request.cursor();
    if (wants(kind, "messages") && messagesApply(filter)) {
      hits.addAll(newestFirst(dao.messages(), filter, cursor));
    }
    if (wants(kind, "tickets") && ticketsApply(filter)) {
      hits.addAll(newestFirst(dao.tickets(), filter, cursor));
    }
    if (wants(kind, "contacts") && !filter.hasCaseFilter()) {
      hits.addAll(dao.contacts(filter, cursor, trigrams));
    }
    if (wants(kind, "companies") && !filter.hasCaseFilter()) {
      hits.addAll(dao.companies(filter, cursor, trigrams));
    }
    hits.sort(NEWEST_FIRST);
    if (hits.size() <= request.limit()) {
      return new Page(hits, words, null);
    }
    List<SearchHit> page = List.copyOf(hits.subList(0, request.limit()));
    return new Page(page, words, page.get(page.size() - 1).cursor());
  }

  /**
   * Messages or ticket threads newest first. First a bounded scan of the newest rows in the
   * range (a common word fills the page there). Then, for the rows older than the last one the
   * scan read: all rows holding the query's terms when there are few in the whole history (a
   * rare word, or one found nowhere, costs its short lists); otherwise the terms index with the
   * time range, in windows that grow backwards from there (a day, a week and a day, 64 days,
   * then the rest), so a word of middling frequency neither reads and sorts all its matches nor
   * makes the index gather every row of a long range. The ways split the range without gaps or
   * overlaps, so the hits are those of one query.
   */
  private List<SearchHit> newestFirst(NewestFirst kind, SearchFilter filter,
      SearchCursor cursor) {
    NewestFirst.Scan scan = kind.scan(filter, cursor);
    List<SearchHit> found = new ArrayList<>(scan.hits());
    if (scan.rest() == null) {
      return found;
    }
    List<SearchHit> rare = kind.sparse(
        filter.within(filter.from(), filter.to(), filter.limit() - found.size()), scan.rest());
    if (rare != null) {
      found.addAll(rare);
      return found;
    }
    Instant anchor = clock.instant();
    if (scan.rest().at().isBefore(anchor)) {
      anchor = scan.rest().at();
    }
    Instant upper = filter.to();
    for (Duration back : WINDOWS) {
      Instant lower = back == null ? filter.from() : anchor.minus(back);
      boolean last = lower == null || (filter.from() != null && !lower.isAfter(filter.from()));
      if (last) {
        lower = filter.from();
      }
      found.addAll(kind.indexed(filter.within(lower, upper, filter.limit() - found.size()),
          scan.rest()));
      if (last || found.size() >= filter.limit()) {
        break;
      }
      upper = lower;
    }
    return found;
  }

  /** The query's words (lower case, each once); 400 for a request that makes no sense. */
  static List<String> check(SearchRequest request) {
    String q = request.q() == null ? "" : request.q().strip();
    if (q.isEmpty()) {
      throw invalid("q: give the words to search for");
    }
    if (q.length() > MAX_QUERY) {
      throw invalid("q: at most " + MAX_QUERY + " characters");
    }
    if (!KINDS.contains(request.kind())) {
      throw invalid("kind: all, messages, tickets, contacts or companies");
    }
    if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
      throw invalid("from: must not be after to");
    }
    if (request.status() != null && !CONVERSATION_STATUSES.contains(request.status())
        && !TICKET_STATUSES.contains(request.status())) {
      throw invalid("status: queued, assigned, new, open, pending, on_hold, solved or closed");
    }
    if (request.channel() != null && !CHANNELS.contains(request.channel())) {
      throw invalid("channel: chat, web_form, email, phone or api");
    }
    return Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+")).distinct().toList();
  }

  private static boolean wants(String kind, String wanted) {
    return kind.equals("all") || kind.equals(wanted);
  }

  private static boolean messagesApply(SearchFilter filter) {
    return (filter.channel() == null || filter.channel().equals("chat"))
        && (filter.status() == null || CONVERSATION_STATUSES.contains(filter.status()));
  }

  private static boolean ticketsApply(SearchFilter filter) {
    return filter.rating() == null
        && (filter.status() == null || TICKET_STATUSES.contains(filter.status()));
  }

  /** Who may see what, by the one permission policy. */
  static SearchFilter.Viewer viewer(Principal staff) {
    boolean all = AccessPolicy.permits(staff, Action.WORK_TICKET, Relation.NONE);
    boolean teamContacts = AccessPolicy.permits(staff, Action.READ_CONTACT_HISTORY,
        Relation.TEAM);
    return new SearchFilter.Viewer(all, UUID.fromString(staff.id()),
        List.copyOf(staff.teamQueues()), teamContacts);
  }

  static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }
}
