package io.switchboard.server.store.mail;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Support addresses: created, changed and removed by admins, read by the SMTP listener (which
 * recipients are ours), the IMAP poller (which mailboxes to poll) and the outbox (which address
 * a reply goes out from).
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class MailAddressDao {
  private final Jdbi jdbi;

  public MailAddressDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void create(MailAddress address) {
    StoreFailures.run("create support address", () -> jdbi.useHandle(handle -> bind(handle
        .createUpdate("""
            INSERT INTO mail_addresses (id, site_id, address, display_name, queue_id, imap_host,
                imap_port, imap_tls, imap_user, imap_password, imap_folder, imap_processed_folder,
                created_at, updated_at)
            VALUES (:id, :site, :address, :name, :queue, :host, :port, :tls, :user, :password,
                :folder, :processed, :created, :updated)"""), address).execute()));
  }

  /** Replaces every field but the id, site and creation time. */
  public void update(MailAddress address) {
    StoreFailures.run("change support address", () -> jdbi.useHandle(handle -> bind(handle
        .createUpdate("""
            UPDATE mail_addresses SET address = :address, display_name = :name, queue_id = :queue,
                imap_host = :host, imap_port = :port, imap_tls = :tls, imap_user = :user,
                imap_password = :password, imap_folder = :folder,
                imap_processed_folder = :processed, updated_at = :updated
            WHERE id = :id"""), address).execute()));
  }

  public boolean delete(UUID id) {
    return StoreFailures.call("remove support address", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM mail_addresses WHERE id = :id").bind("id", id).execute() > 0));
  }

  public Optional<MailAddress> find(UUID id) {
    return one("WHERE id = :id", "id", id);
  }

  /** The support address, by its address in any case. */
  public Optional<MailAddress> byAddress(String address) {
    return one("WHERE address = lower(:address)", "address", address);
  }

  public List<MailAddress> all() {
    return list("ORDER BY site_id, address");
  }

  /** The addresses with an IMAP mailbox to poll. */
  public List<MailAddress> withMailbox() {
    return list("WHERE imap_host IS NOT NULL ORDER BY address");
  }

  /**
   * The address a reply on a ticket of {@code queueId} goes out from: the queue's own, else the
   * site's first.
   */
  public Optional<MailAddress> sender(String siteId, String queueId) {
    return StoreFailures.call("read support address", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM mail_addresses WHERE site_id = :site"
            + " ORDER BY (queue_id = :queue) DESC, created_at, address LIMIT 1")
        .bind("site", siteId).bind("queue", queueId)
        .map((rs, ctx) -> row(rs)).findOne()));
  }

  private Optional<MailAddress> one(String where, String name, Object value) {
    return StoreFailures.call("read support address", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM mail_addresses " + where).bind(name, value)
        .map((rs, ctx) -> row(rs)).findOne()));
  }

  private List<MailAddress> list(String rest) {
    return StoreFailures.call("read support addresses", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM mail_addresses " + rest)
        .map((rs, ctx) -> row(rs)).list()));
  }

  private static <T extends SqlStatement<T>> T bind(T statement, MailAddress a) {
    MailAddress.Imap imap = a.imap();
    return statement.bind("id", a.id()).bind("site", a.siteId()).bind("address", a.address())
        .bind("name", a.displayName()).bind("queue", a.queueId())
        .bind("host", imap == null ? null : imap.host())
        .bind("port", imap == null ? null : imap.port())
        .bind("tls", imap == null || imap.tls())
        .bind("user", imap == null ? null : imap.user())
        .bind("password", imap == null ? null : imap.encryptedPassword())
        .bind("folder", imap == null ? "INBOX" : imap.folder())
        .bind("processed", imap == null ? null : imap.processedFolder())
        .bind("created", StoreRows.timestamp(a.createdAt()))
        .bind("updated", StoreRows.timestamp(a.updatedAt()));
  }

  private static MailAddress row(ResultSet rs) throws SQLException {
    String host = rs.getString("imap_host");
    MailAddress.Imap imap = host == null ? null : new MailAddress.Imap(host,
        rs.getInt("imap_port"), rs.getBoolean("imap_tls"), rs.getString("imap_user"),
        rs.getString("imap_password"), rs.getString("imap_folder"),
        rs.getString("imap_processed_folder"));
    return new MailAddress(StoreRows.uuid(rs, "id"), rs.getString("site_id"),
        rs.getString("address"), rs.getString("display_name"), rs.getString("queue_id"), imap,
        StoreRows.instant(rs, "created_at"), StoreRows.instant(rs, "updated_at"));
  }
}
