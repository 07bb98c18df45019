package io.switchboard.server.store.campaign;

import io.switchboard.server.db.StoreFailures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Invitations and their touches in PostgreSQL. Every touch (shown, opened, dismissed, replied)
 * is stamped once on the invitation and appended to the contact's history as a
 * {@code contact_events} row of kind {@code campaign.<touch>} in the same transaction.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class InvitationDao {
  /** What one visitor already saw of one campaign: the last showing, and whether they dismissed it. */
  public record Seen(Instant lastShown, boolean dismissed) {
    public static final Seen NEVER = new Seen(null, false);
  }

  /** A touch a visitor reports on an invitation. */
  public enum Touch {
    SHOWN("shown_at"), OPENED("opened_at"), DISMISSED("dismissed_at");

    private final String column;

    Touch(String column) {
      this.column = column;
    }

    public String kind() {
      return "campaign." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final String SELECT = """
      SELECT i.id, i.site_id, i.contact_id, i.campaign_id, i.sender_id, u.display_name,
          i.body, i.created_at, i.shown_at, i.conversation_id
      FROM campaign_invitations i LEFT JOIN users u ON u.id = i.sender_id""";

  private final Jdbi jdbi;

  public InvitationDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** What the contact has seen of the campaign so far. */
  public Seen seen(UUID contactId, UUID campaignId) {
    return StoreFailures.call("read campaign history", () -> jdbi.withHandle(handle ->
        seen(handle, contactId, campaignId)));
  }

  private static Seen seen(Handle handle, UUID contactId, UUID campaignId) {
    return handle.createQuery("""
            SELECT max(shown_at) AS last_shown, bool_or(dismissed_at IS NOT NULL) AS dismissed
            FROM campaign_invitations WHERE contact_id = :contact AND campaign_id = :campaign""")
        .bind("contact", contactId)
        .bind("campaign", campaignId)
        .map((rs, ctx) -> {
          Timestamp last = rs.getTimestamp("last_shown");
          return new Seen(last == null ? null : last.toInstant(), rs.getBoolean("dismissed"));
        })
        .one();
  }

  /**
   * Records that the contact is shown the campaign, when {@code allowed} still holds for what
   * they saw of it: checked under a lock on the contact's row, so two pages of one visitor never
   * both get it past a cap. Empty when the cap refused it.
   */
  public Optional<Invitation> showCampaign(Campaign campaign, UUID contactId, String body,
      Predicate<Seen> allowed, Instant now) {
    return StoreFailures.call("record campaign shown", () -> jdbi.inTransaction(handle -> {
      handle.createQuery("SELECT id FROM contacts WHERE id = :id FOR UPDATE")
          .bind("id", contactId).mapTo(UUID.class).one();
      if (!allowed.test(seen(handle, contactId, campaign.id()))) {
        return Optional.<Invitation>empty();
      }
      UUID id = UUID.randomUUID();
      insert(handle, id, campaign.siteId(), contactId, campaign.id(), campaign.senderId(), body,
          now);
      handle.createUpdate("UPDATE campaign_invitations SET shown_at = :now WHERE id = :id")
          .bind("id", id).bind("now", now).execute();
      event(handle, contactId, Touch.SHOWN.kind(), "visitor", id, campaign.id(), now);
      return find(handle, id);
    }));
  }

  /** An agent's invitation to a visitor on the site now; shown once their widget says so. */
  public Invitation invite(String siteId, UUID contactId, UUID senderId, String body, Instant now) {
    return StoreFailures.call("store invitation", () -> jdbi.inTransaction(handle -> {
      UUID id = UUID.randomUUID();
      insert(handle, id, siteId, contactId, null, senderId, body, now);
      return find(handle, id).orElseThrow();
    }));
  }

  /**
   * The contact's newest agent invitation made after {@code since} that their widget has not yet
   * shown, dismissed or answered, and that no chat of theirs overtook (one open when it was sent,
   * or since): what a page that was not connected when it was sent shows.
   */
  public Optional<Invitation> pending(UUID contactId, Instant since) {
    return StoreFailures.call("read pending invitation", () -> jdbi.withHandle(handle ->
        handle.createQuery(SELECT + """
                 WHERE i.contact_id = :contact AND i.campaign_id IS NULL AND i.created_at > :since
                  AND i.shown_at IS NULL AND i.dismissed_at IS NULL AND i.replied_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = i.contact_id
                      AND (c.closed_at IS NULL OR c.closed_at >= i.created_at))
                ORDER BY i.created_at DESC LIMIT 1""")
            .bind("contact", contactId).bind("since", since)
            .map((rs, ctx) -> row(rs)).findOne()));
  }

  /** The contact's own invitation, if it is theirs. */
  public Optional<Invitation> find(UUID id, UUID contactId) {
    return StoreFailures.call("read invitation", () -> jdbi.withHandle(handle ->
        find(handle, id).filter(i -> i.contactId().equals(contactId))));
  }

  /** Stamps a touch once; false when the invitation is not the contact's. */
  public boolean touch(UUID id, UUID contactId, Touch touch, Instant now) {
    return StoreFailures.call("record campaign " + touch.kind(), () -> jdbi.inTransaction(handle -> {
      Optional<Invitation> invitation = find(handle, id).filter(i -> i.contactId().equals(contactId));
      if (invitation.isEmpty()) {
        return false;
      }
      int changed = handle.createUpdate("UPDATE campaign_invitations SET " + touch.column
              + " = :now WHERE id = :id AND " + touch.column + " IS NULL")
          .bind("id", id).bind("now", now).execute();
      if (changed == 1) {
        event(handle, contactId, touch.kind(), "visitor", id, invitation.get().campaignId(), now);
      }
      return true;
    }));
  }

  /**
   * Marks the invitation replied with the conversation it started, and the conversation with its
   * campaign; once only (a second reply changes nothing). False when it was already replied.
   */
  public boolean replied(UUID id, UUID conversationId, Instant now) {
    return StoreFailures.call("record campaign reply", () -> jdbi.inTransaction(handle -> {
      Optional<Invitation> invitation = find(handle, id);
      int changed = handle.createUpdate("""
              UPDATE campaign_invitations SET replied_at = :now, conversation_id = :conversation
              WHERE id = :id AND replied_at IS NULL""")
          .bind("id", id).bind("now", now).bind("conversation", conversationId).execute();
      if (changed == 0 || invitation.isEmpty()) {
        return false;
      }
      handle.createUpdate("UPDATE conversations SET campaign_id = :campaign WHERE id = :id")
          .bind("campaign", invitation.get().campaignId()).bind("id", conversationId).execute();
      event(handle, invitation.get().contactId(), "campaign.replied", "visitor", id,
          invitation.get().campaignId(), now);
      return true;
    }));
  }

  /** The campaign's counts for touches and chats from {@code from} (inclusive) to {@code to}. */
  public CampaignStats stats(UUID campaignId, Instant from, Instant to) {
    return StoreFailures.call("count campaign", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT
              (SELECT count(*) FROM campaign_invitations WHERE campaign_id = :c
                 AND shown_at >= :from AND shown_at < :to) AS shown,
              (SELECT count(*) FROM campaign_invitations WHERE campaign_id = :c
                 AND opened_at >= :from AND opened_at < :to) AS opened,
              (SELECT count(*) FROM conversations WHERE campaign_id = :c
                 AND created_at >= :from AND created_at < :to) AS chats,
              (SELECT count(DISTINCT k.contact_id) FROM conversations k
                 JOIN contacts ct ON ct.id = k.contact_id
                 WHERE k.campaign_id = :c AND k.created_at >= :from AND k.created_at < :to
                   AND ct.stage <> 'visitor'
                   AND EXISTS (SELECT 1 FROM contact_events e WHERE e.contact_id = k.contact_id
                     AND e.kind = 'stage_changed' AND e.at >= k.created_at
                     AND jsonb_path_exists(e.detail, '$.** ? (@ == "lead")'))) AS leads""")
        .bind("c", campaignId).bind("from", from).bind("to", to)
        .map((rs, ctx) -> new CampaignStats(rs.getLong("shown"), rs.getLong("opened"),
            rs.getLong("chats"), rs.getLong("leads")))
        .one()));
  }

  private static void insert(Handle handle, UUID id, String siteId, UUID contactId,
      UUID campaignId, UUID senderId, String body, Instant now) {
    handle.createUpdate("""
            INSERT INTO campaign_invitations (id, site_id, contact_id, campaign_id, sender_id,
                body, created_at)
            VALUES (:id, :site, :contact, :campaign, :sender, :body, :now)""")
        .bind("id", id).bind("site", siteId).bind("contact", contactId)
        .bind("campaign", campaignId).bind("sender", senderId).bind("body", body)
        .bind("now", now).execute();
  }

  private static void event(Handle handle, UUID contactId, String kind, String actor,
      UUID invitationId, UUID campaignId, Instant now) {
    handle.createUpdate("""
            INSERT INTO contact_events (contact_id, kind, actor, detail, at)
            VALUES (:contact, :kind, :actor, jsonb_strip_nulls(jsonb_build_object(
                'invitationId', CAST(:invitation AS text), 'campaignId', CAST(:campaign AS text))),
                :now)""")
        .bind("contact", contactId).bind("kind", kind).bind("actor", actor)
        .bind("invitation", invitationId).bind("campaign", campaignId).bind("now", now).execute();
  }

  private static Optional<Invitation> find(Handle handle, UUID id) {
    return handle.createQuery(SELECT + " WHERE i.id = :id").bind("id", id)
        .map((rs, ctx) -> row(rs)).findOne();
  }

  private static Invitation row(ResultSet rs) throws SQLException {
    Timestamp shown = rs.getTimestamp("shown_at");
    return new Invitation(rs.getObject("id", UUID.class), rs.getString("site_id"),
        rs.getObject("contact_id", UUID.class), rs.getObject("campaign_id", UUID.class),
        rs.getObject("sender_id", UUID.class), rs.getString("display_name"), rs.getString("body"),
        rs.getTimestamp("created_at").toInstant(), shown == null ? null : shown.toInstant(),
        rs.getObject("conversation_id", UUID.class));
  }
}
