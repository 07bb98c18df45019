package io.switchboard.server.mail;

import io.switchboard.server.store.mail.MailAddress;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one support address's IMAP mailbox with Angus Mail on its own thread: every unread mail
 * in the folder is stored and threaded ({@link MailIntake}) and then flagged seen, and moved to the
 * processed folder when the address names one, so it is taken once; mail already stored (by SMTP, or on a run that stopped before flagging) is stored once.
 * Where the server supports IDLE it waits for new mail there; else it polls each period. A
 * server that is down or refuses the login is tried again after the period, doubling up to ten
 * periods, and logged once per outage.
 *
 * <p>Thread-safe: {@link #close} may be called from any thread.
 */
final class ImapMailbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImapMailbox.class);

  private final MailAddress address;
  private final String password;
  private final MailIntake intake;
  private final int maxBytes;
  private final Duration period;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private volatile boolean closed;
  private volatile Store store;

  ImapMailbox(MailAddress address, String password, MailIntake intake, int maxBytes,
      Duration period) {
    this.address = address;
    this.password = password;
    this.intake = intake;
    this.maxBytes = maxBytes;
    this.period = period;
    this.thread = Thread.ofPlatform().daemon().name("imap-" + address.address())
        .start(this::run);
  }

  MailAddress address() {
    return address;
  }

  private void run() {
    Duration backOff = period;
    boolean failing = false;
    while (!closed) {
      try {
        session();
        backOff = period;
        failing = false;
      } catch (MessagingException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (!failing) {
          LOG.warn("IMAP mailbox of {} ({}): {}; trying again", address.address(),
              address.imap().host(), e.toString());
        }
        failing = true;
        pause(backOff);
        backOff = backOff.multipliedBy(2).compareTo(period.multipliedBy(10)) > 0
            ? period.multipliedBy(10) : backOff.multipliedBy(2);
      }
    }
  }

  /** One connection: take what is unread, then wait (IDLE, or the period) and go again. */
  private void session() throws MessagingException {
    MailAddress.Imap imap = address.imap();
    Properties props = new Properties();
    String protocol = imap.tls() ? "imaps" : "imap";
    props.put("mail." + protocol + ".connectiontimeout", "10000");
    props.put("mail." + protocol + ".timeout", "60000");
    props.put("mail." + protocol + ".writetimeout", "30000");
    Store opened = Session.getInstance(props).getStore(protocol);
    store = opened;
    try {
      opened.connect(imap.host(), imap.port(), imap.user(), password);
      boolean idle = opened instanceof IMAPStore imapStore && imapStore.hasCapability("IDLE");
      Folder folder = opened.getFolder(imap.folder());
      folder.open(Folder.READ_WRITE);
      while (!closed) {
        takeUnread(folder);
        if (idle && folder instanceof IMAPFolder imapFolder) {
          imapFolder.idle(true);
        } else {
          pause(period);
        }
      }
    } finally {
      store = null;
      try {
        opened.close();
      } catch (MessagingException e) {
        LOG.debug("closing IMAP store: {}", e.toString());
      }
    }
  }

  private void takeUnread(Folder folder) throws MessagingException {
    Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    for (Message message : unread) {
      if (closed) {
        return;
      }
      if (message.getSize() > maxBytes) {
        LOG.warn("IMAP mailbox of {}: a mail of {} bytes is over the limit; left unread",
            address.address(), message.getSize());
        continue;
      }
      ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
      try {
        message.writeTo(raw);
        intake.receive(raw.toByteArray(), "imap", null, address);
      } catch (IOException e) {
        LOG.warn("IMAP mailbox of {}: unreadable mail left unread: {}", address.address(),
            e.getMessage());
        continue;
      }
      message.setFlag(Flags.Flag.SEEN, true);
      if (address.imap().processedFolder() != null) {
        moveAway(folder, message);
      }
    }
    if (address.imap().processedFolder() != null && unread.length > 0) {
      folder.expunge();
    }
  }

  /** Moves a processed mail to the processed folder (created when missing). */
  private void moveAway(Folder folder, Message message) throws MessagingException {
    Folder target = folder.getStore().getFolder(address.imap().processedFolder());
    if (!target.exists()) {
      target.create(Folder.HOLDS_MESSAGES);
    }
    if (folder instanceof IMAPFolder imapFolder && folder.getStore() instanceof IMAPStore store
        && store.hasCapability("MOVE")) {
      imapFolder.moveMessages(new Message[] {message}, target);
    } else {
      folder.copyMessages(new Message[] {message}, target);
      message.setFlag(Flags.Flag.DELETED, true);
    }
  }

  private void pause(Duration duration) {
    lock.lock();
    try {
      if (!closed) {
        wake.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    Store open = store;
    if (open != null) {
      try {
        open.close();
      } catch (MessagingException e) {
        LOG.debug("closing IMAP store: {}", e.toString());
      }
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
