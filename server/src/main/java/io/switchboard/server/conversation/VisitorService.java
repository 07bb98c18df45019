package io.switchboard.server.conversation;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.contact.ContactContext;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.conversation.RatingDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What only visitors do besides chatting: rate a closed conversation, report the page they are
 * on, and fill in their profile.
 *
 * <p>Thread-safe.
 */
public final class VisitorService {
  private final ConversationDao conversations;
  private final ConversationAccess access;
  private final ContactDao contacts;
  private final RatingDao ratings;
  private final BlockingExecutor store;
  private final DeliveryService delivery;
  private final Clock clock;

  public VisitorService(Stores stores, ConversationAccess access, BlockingExecutor store,
      DeliveryService delivery, Clock clock) {
    this.conversations = stores.conversations();
    this.access = access;
    this.contacts = stores.contacts();
    this.ratings = stores.ratings();
    this.store = store;
    this.delivery = delivery;
    this.clock = clock;
  }

  public CompletableFuture<ServerMessage> rate(Session session, ClientMessage.Rate command) {
    Principal visitor = session.principal();
    AccessPolicy.requireRole(visitor, Action.RATE);
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    return store.call(() -> {
      Conversation conversation = conversations.find(conversationId)
          .orElseThrow(() -> new SwitchboardException(ErrorCode.FORBIDDEN,
              AccessPolicy.NOT_YOURS));
      access.require(visitor, Action.RATE, conversation);
      if (conversation.status() != ConversationStatus.CLOSED) {
        throw new SwitchboardException(ErrorCode.CONFLICT, "rate a conversation once it is closed");
      }
      ratings.rate(conversationId, conversation.contactId(), command.score(), command.comment());
      return new ServerMessage.Ok(command.id());
    }).thenApply(ok -> {
      // The agent who still has the closed chat open sees the rating at once.
      delivery.publishEvent(conversationId, new ServerMessage.Rated(command.conversationId(),
          command.score(), command.comment(), clock.instant()), "visitor");
      return ok;
    });
  }

  public CompletableFuture<ServerMessage> context(Session session, ClientMessage.Context command) {
    Principal visitor = session.principal();
    AccessPolicy.requireRole(visitor, Action.SHARE_CONTEXT);
    UUID contactId = UUID.fromString(visitor.id());
    ContactContext context = new ContactContext(command.url(), command.title(),
        command.userAgent(), command.language(), command.timeZone(), clock.instant());
    return store.call(() -> {
      contacts.updateContext(contactId, context);
      return conversations.openForContact(visitor.siteId(), contactId);
    }).thenApply(open -> {
      open.ifPresent(conversation -> delivery.publishEvent(conversation.id(),
          new ServerMessage.VisitorContext(conversation.id().toString(), context.url(),
              context.title(), context.userAgent(), context.language(), context.timeZone(),
              context.at()), "visitor"));
      return new ServerMessage.Ok(command.id());
    });
  }

  public CompletableFuture<ServerMessage> profile(Session session, ClientMessage.Profile command) {
    Principal visitor = session.principal();
    AccessPolicy.requireRole(visitor, Action.EDIT_PROFILE);
    String name = PrechatFields.name("name", command.name());
    String email = PrechatFields.email("email", command.email());
    String phone = PrechatFields.phone("phone", command.phone());
    return store.call(() -> {
      contacts.updateProfile(UUID.fromString(visitor.id()), name, email, phone);
      return new ServerMessage.Ok(command.id());
    });
  }
}
