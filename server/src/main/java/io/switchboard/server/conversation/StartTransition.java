package io.switchboard.server.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The start of a conversation, checked in PostgreSQL: the site and its queue must exist, and a new
 * conversation needs its queue open (business hours, holidays, pause); a visitor who already has
 * an open one gets it back, in whatever queue, even while the queue is closed. The visitor's
 * pre-chat name, email and phone update their contact.
 *
 * <p>Thread-safe. Runs on the store executor.
 */
final class StartTransition {
  private final ConversationDao conversations;
  private final ContactDao contacts;
  private final CachedLookups lookups;
  private final Clock businessClock;

  StartTransition(ConversationParts parts) {
    this.conversations = parts.stores().conversations();
    this.contacts = parts.stores().contacts();
    this.lookups = parts.stores().lookups();
    this.businessClock = parts.businessClock();
  }

  /** Starts the visitor's conversation, or returns their open one. Blocking. */
  Conversation start(Principal visitor, StartRequest request) {
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
        return open.get();
      }
      throw new SwitchboardException(ErrorCode.QUEUE_CLOSED, "queue " + queue.id()
          + " is closed now (paused, outside business hours or a holiday); leave a message");
    }
    return conversations.startOrGetOpen(site.id(), contactId, queue.id(), request.fields(), 0,
        request.language()).conversation();
  }
}
