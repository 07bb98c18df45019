package io.switchboard.server.store.compliance;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The queue of compliance report mail to admins. {@link #sendOne} claims the oldest due row with
 * {@code FOR UPDATE SKIP LOCKED}, keeps it locked while the caller talks to the SMTP server and
 * records the result in the same transaction, so two nodes never send the same mail.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ComplianceMailDao {
  /** One queued mail: the report it carries and who it goes to. */
  public record Item(long id, long reportId, String recipient, int attempts, String state,
      String lastError) {}

  /** The result of one attempt: {@code sent}, {@code queued} (again at {@code next}) or {@code failed}. */
  public record Attempt(String state, String error, Instant next) {}

  private final Jdbi jdbi;

  public ComplianceMailDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Sends the oldest due mail with {@code send}; false when none is due (or all are claimed). */
  public boolean sendOne(Instant now, Function<Item, Attempt> send) {
    return StoreFailures.call("send compliance report mail", () -> jdbi.inTransaction(h -> {
      Optional<Item> due = h.createQuery("SELECT * FROM compliance_report_mail"
              + " WHERE state = 'queued' AND next_attempt_at <= :now"
              + " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
          .bind("now", StoreRows.timestamp(now)).map((rs, ctx) -> item(rs)).findOne();
      if (due.isEmpty()) {
        return false;
      }
      Attempt attempt = send.apply(due.get());
      h.createUpdate("""
              UPDATE compliance_report_mail SET state = :state, attempts = attempts + 1,
                  last_error = :error, next_attempt_at = COALESCE(:next, next_attempt_at),
                  sent_at = CASE WHEN :state = 'sent' THEN :now ELSE sent_at END
              WHERE id = :id""")
          .bind("id", due.get().id()).bind("state", attempt.state())
          .bind("error", attempt.error())
          .bind("next", attempt.next() == null ? null : StoreRows.timestamp(attempt.next()))
          .bind("now", StoreRows.timestamp(now)).execute();
      return true;
    }));
  }

  /** The mail of one report, oldest first. */
  public List<Item> forReport(long reportId) {
    return StoreFailures.call("read compliance report mail", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM compliance_report_mail WHERE report_id = :id ORDER BY id")
        .bind("id", reportId).map((rs, ctx) -> item(rs)).list()));
  }

  private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Item(rs.getLong("id"), rs.getLong("report_id"), rs.getString("recipient"),
        rs.getInt("attempts"), rs.getString("state"), rs.getString("last_error"));
  }
}
