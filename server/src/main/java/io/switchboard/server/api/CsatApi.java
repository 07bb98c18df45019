package io.switchboard.server.api;

import io.switchboard.server.csat.TicketRatings;
import io.switchboard.server.util.BlockingExecutor;

/**
 * The rating page of a rating request's signed link (PROTOCOL.md 3.18):
 * {@code GET /v1/ticket-ratings/{token}} shows it (HTML, {@code ?lang=en|zh-CN}), and
 * {@code POST /v1/ticket-ratings/{token}} stores the score and comment. The token is the only
 * credential: no login, no bearer.
 *
 * <p>Thread-safe.
 */
public final class CsatApi {
  private final TicketRatings ratings;
  private final BlockingExecutor store;

  public CsatApi(TicketRatings ratings, BlockingExecutor store) {
    this.ratings = ratings;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/ticket-ratings/{token}", request -> {
      String language = RatingPage.language(request.query("lang"));
      return store.call(() -> RatingPage.render(ratings.page(request.param(0)), language));
    });
    routes.add("POST", "/v1/ticket-ratings/{token}", request -> {
      int score = request.optionalInt("score", 1, 5, 0);
      if (score == 0) {
        throw TicketFields.invalid("score", "a whole number from 1 to 5");
      }
      String comment = request.text("comment");
      return store.call(() -> {
        TicketRatings.Rated rated = ratings.rate(request.param(0), score, comment);
        return ApiResponse.ok(ApiJson.object("ticketNumber", rated.ticket().number(),
            "score", rated.score(), "comment", rated.comment(), "ratedAt", rated.at().toString()));
      });
    });
  }
}
