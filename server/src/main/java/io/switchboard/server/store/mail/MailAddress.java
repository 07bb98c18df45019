package io.switchboard.server.store.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * A support address of a site: mail to it becomes tickets in {@code queueId}, and replies on
 * those tickets go out from it. {@code imap} is the mailbox Switchboard polls for it, if any.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address the address in lower case, such as {@code help@example.com}
 * @param displayName the name mail from it shows (such as {@code Example Support}); may be null
 */
public record MailAddress(UUID id, String siteId, String address, String displayName,
    String queueId, Imap imap, Instant createdAt, Instant updatedAt) {

  /**
   * An IMAP mailbox. {@code encryptedPassword} is the password as stored (sealed with the
   * server's key); only the poller opens it. {@code processedFolder}: where processed mail is
   * moved; null leaves it in {@code folder}, flagged seen.
   */
  public record Imap(String host, int port, boolean tls, String user, String encryptedPassword,
      String folder, String processedFolder) {}

  /** The domain of the address, for Message-IDs of mail sent from it. */
  public String domain() {
    return address.substring(address.indexOf('@') + 1);
  }
}
