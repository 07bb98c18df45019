package io.switchboard.server.report;

import io.switchboard.server.store.report.ReportListDao.CommentCursor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A page of the satisfaction report: the range's figures, its rating comments newest first, and
 * where the next page starts (null on the last page).
 *
 * <p>Immutable, thread-safe.
 */
public record CsatPage(CsatFigures summary, List<Comment> comments, CommentCursor next) {
  public CsatPage {
    comments = List.copyOf(comments);
  }

  /** One rating with a comment: of a chat ({@code conversationId}) or a ticket. */
  public record Comment(UUID conversationId, UUID ticketId, Long ticketNumber, int score,
      String comment, Instant at, UUID agentId, String agentName, String queueId) {}
}
