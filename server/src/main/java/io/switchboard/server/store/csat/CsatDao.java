package io.switchboard.server.store.csat;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.ticket.TicketDao;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The satisfaction follow-up's SQL: the claims that make one complaint per rated chat or ticket
 * ({@code csat_complaints}), the low ratings still without one, the solved email tickets still
 * without a rating request, queueing that request in the mail outbox (at most one per ticket),
 * and the requester's rating of a ticket ({@code ticket_ratings}). The availability probe's site
 * is left out everywhere.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class CsatDao {
  /** The site the availability probe talks to: not customer traffic. */
  public static final String PROBE_SITE = "switchboard-probe";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A stored ticket rating. */
  public record TicketRating(int score, String comment, Instant at) {}

  private final Jdbi jdbi;

  public CsatDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The claim of the complaint for a chat's low rating: one per chat. */
  public static TicketDao.Claim chatClaim(UUID conversationId, int score) {
    return (handle, ticketId, at) -> handle.createUpdate("""
            INSERT INTO csat_complaints (ticket_id, rated_conversation, score, created_at)
            VALUES (:ticket, :rated, :score, :at) ON CONFLICT DO NOTHING""")
        .bind("ticket", ticketId).bind("rated", conversationId).bind("score", score)
        .bind("at", StoreRows.timestamp(at)).execute() == 1;
  }

  /** The claim of the complaint for a ticket's low rating: one per rated ticket. */
  public static TicketDao.Claim ticketClaim(UUID ratedTicket, int score) {
    return (handle, ticketId, at) -> handle.createUpdate("""
            INSERT INTO csat_complaints (ticket_id, rated_ticket, score, created_at)
            VALUES (:ticket, :rated, :score, :at) ON CONFLICT DO NOTHING""")
        .bind("ticket", ticketId).bind("rated", ratedTicket).bind("score", score)
        .bind("at", StoreRows.timestamp(at)).execute() == 1;
  }

  /** Chat and ticket ratings of 1 or 2 given since {@code since} without a complaint yet. */
  public List<LowRating> lowRatings(Instant since, int limit) {
    return StoreFailures.call("find low ratings", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT * FROM (
                SELECT r.conversation_id, NULL::uuid AS ticket_id, NULL::bigint AS number,
                       NULL AS subject, c.site_id, r.contact_id, c.queue_id, r.score, r.comment,
                       r.created_at
                FROM ratings r JOIN conversations c ON c.id = r.conversation_id
                WHERE r.score <= 2 AND r.created_at >= :since AND c.site_id <> :probe
                  AND NOT EXISTS (SELECT 1 FROM csat_complaints k
                                  WHERE k.rated_conversation = r.conversation_id)
                UNION ALL
                SELECT NULL, t.id, t.number, t.subject, t.site_id, r.contact_id, t.queue_id,
                       r.score, r.comment, r.created_at
                FROM ticket_ratings r JOIN tickets t ON t.id = r.ticket_id
                WHERE r.score <= 2 AND r.created_at >= :since AND t.site_id <> :probe
                  AND NOT EXISTS (SELECT 1 FROM csat_complaints k WHERE k.rated_ticket = t.id)
            ) low ORDER BY created_at LIMIT :limit""")
        .bind("since", StoreRows.timestamp(since)).bind("probe", PROBE_SITE)
        .bind("limit", limit)
        .map((rs, ctx) -> new LowRating(StoreRows.uuid(rs, "conversation_id"),
            StoreRows.uuid(rs, "ticket_id"), rs.getObject("number", Long.class),
            rs.getString("subject"), rs.getString("site_id"), StoreRows.uuid(rs, "contact_id"),
            rs.getString("queue_id"), rs.getInt("score"), rs.getString("comment")))
        .list()));
  }

  /**
   * Email tickets solved since {@code since} (solved or closed now) without a rating request,
   * that are not complaints this loop opened, whose requester has an address that is not one of
   * our support addresses.
   */
  public List<SolvedEmailTicket> solvedWithoutRequest(Instant since, int limit) {
    return StoreFailures.call("find solved email tickets", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT t.id, t.site_id, t.number, t.subject, t.contact_id,
                   COALESCE(t.requester_name, c.name) AS requester_name,
                   lower(btrim(COALESCE(NULLIF(t.requester_email, ''), c.email))) AS recipient,
                   c.language AS contact_language, s.language AS site_language,
                   (SELECT left(e.body, 400) FROM ticket_entries e
                    WHERE e.ticket_id = t.id AND e.kind = 'customer' ORDER BY e.id LIMIT 1)
                       AS first_words,
                   t.solved_at
            FROM tickets t JOIN contacts c ON c.id = t.contact_id JOIN sites s ON s.id = t.site_id
            WHERE t.channel = 'email' AND t.solved_at IS NOT NULL AND t.solved_at >= :since
              AND t.status IN ('solved', 'closed') AND t.merged_into IS NULL
              AND t.site_id <> :probe
              AND NOT EXISTS (SELECT 1 FROM mail_outbox o
                              WHERE o.ticket_id = t.id AND o.kind = 'rating_request')
              AND NOT EXISTS (SELECT 1 FROM csat_complaints k WHERE k.ticket_id = t.id)
            ORDER BY t.solved_at LIMIT :limit""")
        .bind("since", StoreRows.timestamp(since)).bind("probe", PROBE_SITE)
        .bind("limit", limit)
        .map((rs, ctx) -> new SolvedEmailTicket(StoreRows.uuid(rs, "id"), rs.getString("site_id"),
            rs.getLong("number"), rs.getString("subject"), StoreRows.uuid(rs, "contact_id"),
            rs.getString("requester_name"), rs.getString("recipient"),
            rs.getString("contact_language"), rs.getString("site_language"),
            rs.getString("first_words"), StoreRows.instant(rs, "solved_at")))
        .list()));
  }

  /**
   * Queues the ticket's rating request, or, with a {@code skipped} reason, records it as not sent
   * (failed, with the reason), so the ticket is settled either way. Mail to one of our own support
   * addresses is never sent. The Message-ID is chosen now, on the sending address's domain.
   * Answers false when the ticket had its request already.
   */
  public boolean queueRatingRequest(UUID ticketId, String recipient, String body, Instant at,
      String skipped) {
    byte[] token = new byte[12];
    RANDOM.nextBytes(token);
    return StoreFailures.call("queue rating request", () -> jdbi.withHandle(handle -> handle
        .createUpdate("""
            WITH t AS (SELECT id, site_id, queue_id FROM tickets WHERE id = :ticket),
            a AS (
                SELECT a.address FROM mail_addresses a, t WHERE a.site_id = t.site_id
                ORDER BY (a.queue_id = t.queue_id) DESC, a.created_at, a.address LIMIT 1),
            own AS (SELECT EXISTS (SELECT 1 FROM mail_addresses o WHERE o.address = :recipient)
                AS own)
            INSERT INTO mail_outbox (kind, entry_id, ticket_id, recipient, message_id, body,
                state, last_error, next_attempt_at, created_at)
            SELECT 'rating_request', NULL, t.id, :recipient,
                   'sb.' || :token || '.rating@'
                       || COALESCE(split_part((SELECT address FROM a), '@', 2), 'invalid'),
                   :body,
                   CASE WHEN CAST(:skipped AS text) IS NULL AND NOT own.own
                        THEN 'queued' ELSE 'failed' END,
                   CASE WHEN own.own THEN 'not sent: one of our own support addresses'
                        ELSE CAST(:skipped AS text) END,
                   :at, :at
            FROM t, own
            ON CONFLICT DO NOTHING""")
        .bind("ticket", ticketId).bind("recipient", recipient == null ? "" : recipient)
        .bind("body", body).bind("skipped", skipped)
        .bind("token", HexFormat.of().formatHex(token)).bind("at", StoreRows.timestamp(at))
        .execute() == 1));
  }

  /** Stores the requester's rating of a ticket; a later one replaces it. */
  public void rateTicket(UUID ticketId, UUID contactId, int score, String comment, Instant at) {
    StoreFailures.run("rate ticket", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO ticket_ratings (ticket_id, contact_id, score, comment, created_at)
            VALUES (:ticket, :contact, :score, :comment, :at)
            ON CONFLICT (ticket_id) DO UPDATE
            SET score = excluded.score, comment = excluded.comment,
                created_at = excluded.created_at, recorded_at = now()""")
        .bind("ticket", ticketId).bind("contact", contactId).bind("score", score)
        .bind("comment", comment).bind("at", StoreRows.timestamp(at)).execute()));
  }

  public Optional<TicketRating> ticketRating(UUID ticketId) {
    return StoreFailures.call("read ticket rating", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT score, comment, created_at FROM ticket_ratings WHERE ticket_id = :t")
        .bind("t", ticketId)
        .map((rs, ctx) -> new TicketRating(rs.getInt("score"), rs.getString("comment"),
            StoreRows.instant(rs, "created_at")))
        .findOne()));
  }

  /** The complaint this loop opened for a rated chat or ticket, if any. */
  public Optional<UUID> complaintFor(UUID ratedId) {
    return StoreFailures.call("read complaint", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT ticket_id FROM csat_complaints"
            + " WHERE rated_conversation = :id OR rated_ticket = :id")
        .bind("id", ratedId).mapTo(UUID.class).findOne()));
  }
}
