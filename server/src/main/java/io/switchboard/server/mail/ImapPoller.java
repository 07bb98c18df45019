package io.switchboard.server.mail;

import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.MailAddressDao;
import io.switchboard.server.util.Periodic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link ImapMailbox} running per support address with a mailbox: each period (and
 * at once after an admin's change on this node, {@link #refresh}) it starts the new ones, stops
 * the removed ones and restarts the changed ones. It also threads stored mail a stopped node
 * left unthreaded. Every node polls every mailbox; a mail taken by two is stored once.
 *
 * <p>Thread-safe: {@link #refresh} is synchronized.
 */
public final class ImapPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImapPoller.class);

  private final MailAddressDao addresses;
  private final MailCredentials credentials;
  private final MailIntake intake;
  private final int maxBytes;
  private final Duration period;
  private final Map<UUID, ImapMailbox> running = new HashMap<>();
  private Periodic task;
  private boolean closed;

  public ImapPoller(MailAddressDao addresses, MailCredentials credentials, MailIntake intake,
      int maxBytes, Duration period) {
    this.addresses = addresses;
    this.credentials = credentials;
    this.intake = intake;
    this.maxBytes = maxBytes;
    this.period = period;
  }

  public void start() {
    task = Periodic.start("imap-poller", Duration.ZERO, period, () -> {
      refresh();
      intake.threadLeftovers(Duration.ofMinutes(1));
    });
  }

  /** Brings the running mailboxes in line with the stored addresses. */
  public synchronized void refresh() {
    if (closed) {
      return;
    }
    List<MailAddress> wanted;
    try {
      wanted = addresses.withMailbox();
    } catch (RuntimeException e) {
      LOG.warn("cannot read the IMAP mailboxes: {}", e.toString());
      return;
    }
    Map<UUID, MailAddress> byId = new HashMap<>();
    wanted.forEach(address -> byId.put(address.id(), address));
    running.entrySet().removeIf(entry -> {
      MailAddress now = byId.get(entry.getKey());
      if (now == null || !now.updatedAt().equals(entry.getValue().address().updatedAt())) {
        entry.getValue().close();
        return true;
      }
      return false;
    });
    for (MailAddress address : wanted) {
      if (!running.containsKey(address.id())) {
        try {
          running.put(address.id(), new ImapMailbox(address,
              credentials.open(address.imap().encryptedPassword()), intake, maxBytes, period));
        } catch (RuntimeException e) {
          LOG.warn("IMAP mailbox of {} not started: {}", address.address(), e.getMessage());
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.close();
    }
    running.values().forEach(ImapMailbox::close);
    running.clear();
  }
}
