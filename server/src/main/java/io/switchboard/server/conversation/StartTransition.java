package io.switchboard.server.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.NewConversation;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.RequestBatcher;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The start of a conversation, checked in PostgreSQL: the site and its queue must exist, and a new
 * conversation needs its queue open (business hours, holidays, pause); a visitor who already has
 * an open one gets it back, in whatever queue, even while the queue is closed. The visitor's
 * pre-chat name, email and phone update their contact.
 *
 * <p>New conversations are inserted in batches: visitors starting while a batch is written go into
 * the next one ({@link RequestBatcher}), one statement and one commit for them all. A visitor the
 * batch did not start (they have an open conversation, or something is wrong with the request)
 * takes the one-at-a-time path, which answers for them alone; so does everyone of a batch whose
 * statement failed.
 *
 * <p>Thread-safe.
 */
final class StartTransition {
  /** The most conversations one statement starts. */
  static final int MAX_BATCH = 200;

  private final ConversationDao conversations;
  private final ContactDao contacts;
  private final CachedLookups lookups;
  private final Clock businessClock;
  private final BlockingExecutor store;
  private final RequestBatcher<NewConversation, Conversation> inserts;

  /** What the checks left to do: nothing (the open conversation), or an insert. */
  private record Checked(Conversation open, NewConversation insert) {}

  StartTransition(ConversationParts parts) {
    this.conversations = parts.stores().conversations();
    this.contacts = parts.stores().contacts();
    this.lookups = parts.stores().lookups();
    this.businessClock = parts.businessClock();
    this.store = parts.store();
    this.inserts = new RequestBatcher<>(store, MAX_BATCH,
        RequestBatcher.orNone("starting conversations", conversations::startAll));
  }

  /** Starts the visitor's conversation, or returns their open one. */
  CompletableFuture<Conversation> start(Principal visitor, StartRequest request) {
    return store.call(() -> check(visitor, request)).thenCompose(checked -> {
      if (checked.open() != null) {
        return CompletableFuture.completedFuture(checked.open());
      }
      NewConversation insert = checked.insert();
      return inserts.submit(insert).thenCompose(started -> started != null
          ? CompletableFuture.completedFuture(started)
          : store.call(() -> conversations.startOrGetOpen(insert.siteId(), insert.contactId(),
              insert.queueId(), insert.fields(), insert.priority(), insert.language())
              .conversation()));
    });
  }

  /** The checks before the insert, and the profile update. Blocking: on the store executor. */
  private Checked check(Principal visitor, StartRequest request) {
    UUID contactId = UUID.fromString(visitor.id());
    if (request.name() != null || request.email() != null || request.phone() != null) {
      contacts.updateProfile(contactId, request.name(), request.email(), request.phone());
    }
    Site site = lookups.site(visitor.siteId()).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "the site no longer exists"));
    String queueId = request.queueId() != null ? request.queueId() : site.defaultQueueId();
    QueueInfo queue = queueId == null ? null : lookups.queue(queueId)
        .filter(q -> q.siteId().equals(site.id())).orElse(null);
    if (queue == null) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND,
          queueId == null ? "this site has no default queue; name one" : "unknown queue " + queueId);
    }
    QueueSchedule schedule = lookups.schedule(queue.id()).orElse(QueueSchedule.alwaysOpen());
    if (!schedule.isOpen(businessClock.instant())) {
      Optional<Conversation> open = conversations.openForContact(site.id(), contactId);
      if (open.isPresent()) {
        return new Checked(open.get(), null);
      }
      throw new SwitchboardException(ErrorCode.QUEUE_CLOSED, "queue " + queue.id()
          + " is closed now (paused, outside business hours or a holiday); leave a message");
    }
    return new Checked(null, new NewConversation(site.id(), contactId, queue.id(),
        request.fields(), 0, request.language()));
  }
}
