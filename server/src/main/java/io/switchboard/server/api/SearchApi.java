package io.switchboard.server.api;

import io.switchboard.server.auth.AuthService;
import io.switchboard.server.search.SearchRequest;
import io.switchboard.server.search.SearchService;
import io.switchboard.server.search.Snippets;
import io.switchboard.server.store.search.SearchCursor;
import io.switchboard.server.store.search.SearchHit;
import io.switchboard.server.util.BlockingExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/search} (PROTOCOL.md 3.10): one search box over messages, tickets, contacts and
 * companies for staff, with filters, a snippet around the match with its highlighted ranges, the
 * ids that open each hit, and a cursor for the next page.
 *
 * <p>Thread-safe.
 */
public final class SearchApi {
  private final SearchService search;
  private final AuthService auth;
  private final BlockingExecutor store;

  public SearchApi(SearchService search, AuthService auth, BlockingExecutor store) {
    this.search = search;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/search", request -> {
      SearchRequest parsed = parse(request);
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(page(search.search(staff, parsed)))));
    });
  }

  static SearchRequest parse(ApiRequest request) {
    String rating = request.query("rating");
    String tag = request.query("tag");
    String cursor = request.query("cursor");
    return new SearchRequest(request.query("q"),
        request.query("kind") == null ? "all" : request.query("kind"),
        TicketFields.instant("from", request.query("from")),
        TicketFields.instant("to", request.query("to")), blankToNull(request.query("site")),
        blankToNull(request.query("team")),
        TicketFields.id("agent", blankToNull(request.query("agent"))),
        blankToNull(request.query("status")),
        tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT),
        rating == null || rating.isBlank() ? null : request.queryInt("rating", 0, 1, 5),
        blankToNull(request.query("channel")), request.queryInt("limit", 20, 1, 100),
        cursor == null || cursor.isBlank() ? null : cursor(cursor));
  }

  private static SearchCursor cursor(String text) {
    try {
      return SearchCursor.decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw TicketFields.invalid("cursor", "the next value of an earlier page");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static Map<String, Object> page(SearchService.Page page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("results", page.hits().stream().map(hit -> result(hit, page.words())).toList());
    body.put("next", page.next() == null ? null : page.next().encode());
    return body;
  }

  private static Map<String, Object> result(SearchHit hit, List<String> words) {
    Snippets.Snippet snippet = Snippets.cut(hit.text(), words);
    Map<String, Object> result = ApiJson.object("kind", hit.kind().wire(),
        "at", hit.at().toString(), "snippet", snippet.text(),
        "highlights", snippet.highlights(), "title", hit.title());
    String id = hit.id().toString();
    switch (hit.kind()) {
      case MESSAGE -> {
        result.put("conversationId", id);
        result.put("seq", hit.number());
      }
      case TICKET -> {
        result.put("ticketId", id);
        result.put("number", hit.ticketNumber());
        if (hit.number() != 0) {
          result.put("entryId", hit.number());
        }
      }
      case CONTACT -> result.put("contactId", id);
      case COMPANY -> result.put("companyId", id);
      default -> throw new IllegalStateException("unknown kind " + hit.kind());
    }
    return result;
  }
}
