package io.switchboard.server.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.bus.MessageBus;
import io.switchboard.server.bus.Subscription;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.message.BatchedReads;
import io.switchboard.server.store.message.ResumePage;
import io.switchboard.server.store.message.StoredMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the sessions that follow a conversation: directly to this node's sessions,
 * and through the bus to other nodes. The bus is only a hint (I4): chat messages pass each
 * session's {@link DeliveryCursor}, which delivers them strictly in seq order and backfills any
 * gap from PostgreSQL. Resume (I5) replays from the client's {@code lastSeq} the same way.
 *
 * <p>A message whose publish failed is published again ({@link BusPublisher}); when the bus lost
 * its subscriptions for a while, every conversation followed here is read again from PostgreSQL
 * once they are back, so a message published meanwhile is not left waiting for the next one.
 *
 * <p>Thread-safe. Cursor work runs on the conversation's executor.
 */
public final class DeliveryService implements AutoCloseable {
  /** Most messages replayed in one page of {@code resume} or backfill. */
  public static final int PAGE = 500;
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);

  private final SessionRegistry sessions;
  private final MessageBus bus;
  private final BusPublisher publisher;
  private final BatchedReads reads;
  private final ConversationExecutors executors;
  private final ProtocolCodec codec;
  private final String nodeId;
  private final MessageEvents events;
  private final Map<String, CompletionStage<Subscription>> subscriptions = new ConcurrentHashMap<>();
  private final LongAdder messagesOut = new LongAdder();

  public DeliveryService(SessionRegistry sessions, MessageBus bus, BatchedReads reads,
      ConversationExecutors executors, ProtocolCodec codec, String nodeId, AttachmentLinks links,
      Clock clock, MeterRegistry metrics) {
    this.events = new MessageEvents(links);
    this.sessions = sessions;
    this.bus = bus;
    this.publisher = new BusPublisher(bus, clock, metrics);
    bus.onResubscribed(this::refetchAll);
    this.reads = reads;
    this.executors = executors;
    this.codec = codec;
    this.nodeId = nodeId;
  }

  // ---- following -------------------------------------------------------------------------

  /**
   * The session follows the conversation. With {@code syncedTo} >= 0 its cursor starts there
   * (the conversation's lastSeq as the client was just told it); with -1 it waits for a resume.
   * Following is reading only: callers that checked ownership also call {@link Session#allow}.
   */
  public void follow(Session session, UUID conversationId, long syncedTo) {
    sessions.follow(conversationId, session, id -> subscribe(RedisKeys.conversationChannel(id)));
    executors.execute(conversationId, () -> {
      DeliveryCursor cursor = session.cursorOrCreate(conversationId);
      if (syncedTo >= 0 && !cursor.synced()) {
        cursor.syncTo(syncedTo);
        // A message committed after syncedTo was read but before this session followed was
        // published to nobody here: read once from PostgreSQL now that the session follows.
        fetch(session, conversationId, cursor);
      }
    });
  }

  /**
   * An agent was just assigned the conversation: the session follows it, gets the
   * {@code assigned} event first, and then the whole transcript so far, in order.
   */
  public void followAssigned(Session session, UUID conversationId, long lastSeq, String assignedJson) {
    session.allow(conversationId);
    sessions.follow(conversationId, session, id -> subscribe(RedisKeys.conversationChannel(id)));
    executors.execute(conversationId, () -> {
      session.sendText(assignedJson);
      DeliveryCursor cursor = session.cursorOrCreate(conversationId);
      if (!cursor.synced()) {
        cursor.syncTo(0);
      }
      cursor.seen(lastSeq);
      // Read from PostgreSQL even when lastSeq says nothing is missing: a message committed after
      // the assignment was read may have been published before this session followed.
      fetch(session, conversationId, cursor);
    });
  }

  public void unfollow(Session session, UUID conversationId) {
    sessions.unfollow(conversationId, session, id -> unsubscribe(RedisKeys.conversationChannel(id)));
    executors.execute(conversationId, () -> session.removeCursor(conversationId));
  }

  /** Subscribes this node to a user's channel while the user has a session here. */
  /**
   * This node listens to the user's channel (assignments and other events for all their
   * sessions). Completes once Redis confirmed the subscription, or failed to: a session should be
   * welcomed only then, or an assignment made on another node in between would never reach it.
   */
  public CompletableFuture<Void> followUser(String userId) {
    return subscribe(RedisKeys.userChannel(userId)).toCompletableFuture()
        .handle((subscribed, error) -> {
          if (error != null) {
            LOG.warn("user channel of {} not subscribed: {}", userId, error.toString());
          }
          return null;
        });
  }

  public void unfollowUser(String userId) {
    if (sessions.ofUser(userId).isEmpty()) {
      unsubscribe(RedisKeys.userChannel(userId));
    }
  }

  // ---- publishing ------------------------------------------------------------------------

  /** A message was committed: deliver it here and tell the other nodes. */
  public void publishMessage(StoredMessage message) {
    String json = codec.encode(events.of(message));
    deliverMessage(message.conversationId(), message.seq(), json);
    publisher.message(message.conversationId(), message.seq(),
        new BusEnvelope(nodeId, BusEnvelope.Kind.MESSAGE, null, message.seq(), json).encode());
  }

  /**
   * An event without a seq (typing, read, queue, joined, closed) for a conversation's followers.
   * {@code exceptRole} skips sessions of that side ("visitor" or "staff"), or null for none.
   */
  public void publishEvent(UUID conversationId, ServerMessage event, String exceptRole) {
    String json = codec.encode(event);
    deliverEvent(conversationId, json, exceptRole);
    publisher.hint(RedisKeys.conversationChannel(conversationId),
        new BusEnvelope(nodeId, BusEnvelope.Kind.EVENT, exceptRole, 0, json).encode());
  }

  /**
   * Signs a user out on every node: closes (4001) the sessions of theirs that {@code signOut}
   * covers, here at once and on the other nodes through the user's channel. Pub/sub may lose
   * this; each node's revocation sweep closes what it missed.
   */
  public void revoke(String userId, SignOut signOut) {
    sessions.revoke(userId, signOut);
    publisher.hint(RedisKeys.userChannel(userId),
        new BusEnvelope(nodeId, BusEnvelope.Kind.REVOKE, null, 0, signOut.encode()).encode());
  }

  /** An event for every session of one user, on any node. */
  public void publishToUser(String userId, ServerMessage event) {
    String json = codec.encode(event);
    deliverToUser(userId, event, json);
    publisher.hint(RedisKeys.userChannel(userId),
        new BusEnvelope(nodeId, BusEnvelope.Kind.USER, null, 0, json).encode());
  }

  private void deliverToUser(String userId, ServerMessage event, String json) {
    for (Session session : sessions.ofUser(userId)) {
      if (event instanceof ServerMessage.Assigned assigned) {
        followAssigned(session, UUID.fromString(assigned.conversationId()), assigned.lastSeq(), json);
      } else if (event instanceof ServerMessage.Unassigned unassigned) {
        UUID conversationId = UUID.fromString(unassigned.conversationId());
        session.disallow(conversationId);
        session.sendText(json);
        unfollow(session, conversationId);
      } else {
        session.sendText(json);
      }
    }
  }

  // ---- resume ----------------------------------------------------------------------------

  /** Replays up to a page after {@code lastSeq}, in order, then answers {@code resumed}. */
  public void resume(Session session, UUID conversationId, long lastSeq, String commandId,
      long storedLastSeq, String status) {
    if (resumeGap(session, lastSeq, commandId, storedLastSeq)) {
      return;
    }
    follow(session, conversationId, -1);
    reads.after(conversationId, lastSeq).whenComplete((page, error) ->
        executors.execute(conversationId, () -> {
          if (error != null) {
            session.send(ServerMessage.Error.of(commandId, ErrorCode.UNAVAILABLE,
                "storage is unavailable, resume again"));
            return;
          }
          replay(session, conversationId, lastSeq, commandId, status, page);
        }));
  }

  /**
   * As {@link #resume}, with the first page already read, by a session that was following the
   * conversation before that page was read (so nothing committed after the read is missed).
   */
  public void resume(Session session, ResumePage read, long lastSeq, String commandId) {
    Conversation conversation = read.conversation();
    if (resumeGap(session, lastSeq, commandId, conversation.lastSeq())) {
      return;
    }
    executors.execute(conversation.id(), () -> replay(session, conversation.id(), lastSeq,
        commandId, conversation.status().wire(), read.messages()));
  }

  private static boolean resumeGap(Session session, long lastSeq, String commandId,
      long storedLastSeq) {
    if (lastSeq <= storedLastSeq) {
      return false;
    }
    session.send(ServerMessage.Error.of(commandId, ErrorCode.RESUME_GAP,
        "lastSeq " + lastSeq + " is past the conversation's newest message " + storedLastSeq
            + "; reload from 0"));
    return true;
  }

  /** On the conversation's executor: sends the page, answers {@code resumed}, catches up. */
  private void replay(Session session, UUID conversationId, long lastSeq, String commandId,
      String status, List<StoredMessage> page) {
    DeliveryCursor cursor = session.cursorOrCreate(conversationId);
    cursor.syncTo(lastSeq);
    for (StoredMessage message : page) {
      if (cursor.advance(message.seq())) {
        sendMessage(session, message);
      }
    }
    boolean more = page.size() == PAGE;
    session.send(new ServerMessage.Resumed(
        commandId, conversationId.toString(), status, cursor.delivered(), more));
    if (!more) {
      catchUp(session, conversationId, cursor);
    }
  }

  // ---- receiving -------------------------------------------------------------------------

  private void onBus(String channel, String payload) {
    BusEnvelope envelope;
    try {
      envelope = BusEnvelope.decode(payload);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring an unreadable bus message on {}: {}", channel, e.getMessage());
      return;
    }
    if (envelope.origin().equals(nodeId)) {
      return;
    }
    switch (envelope.kind()) {
      case USER -> {
        try {
          deliverToUser(RedisKeys.userOfChannel(channel), codec.decodeServer(envelope.json()),
              envelope.json());
        } catch (ProtocolException e) {
          LOG.warn("ignoring an unreadable bus message on {}", channel);
        }
      }
      case MESSAGE -> deliverMessage(RedisKeys.conversationOfChannel(channel), envelope.seq(),
          envelope.json());
      case EVENT -> deliverEvent(RedisKeys.conversationOfChannel(channel), envelope.json(),
          envelope.except());
      case REVOKE -> {
        try {
          sessions.revoke(RedisKeys.userOfChannel(channel), SignOut.decode(envelope.json()));
        } catch (IllegalArgumentException e) {
          LOG.warn("ignoring an unreadable sign-out on {}", channel);
        }
      }
    }
  }

  private void deliverMessage(UUID conversationId, long seq, String json) {
    executors.execute(conversationId, () -> {
      for (Session session : sessions.followers(conversationId)) {
        DeliveryCursor cursor = session.cursor(conversationId);
        if (cursor == null || !session.isOpen()) {
          continue;
        }
        cursor.seen(seq);
        if (!cursor.synced() || seq <= cursor.delivered()) {
          continue;
        }
        if (!cursor.fetching() && cursor.advance(seq)) {
          messagesOut.increment();
          session.sendText(json);
        } else {
          catchUp(session, conversationId, cursor);
        }
      }
    });
  }

  private void deliverEvent(UUID conversationId, String json, String exceptRole) {
    for (Session session : sessions.followers(conversationId)) {
      String side = session.principal().isVisitor() ? "visitor" : "staff";
      if (!side.equals(exceptRole)) {
        session.sendText(json);
      }
    }
  }

  /** Reads every conversation followed here from PostgreSQL: the bus may have missed some. */
  private void refetchAll() {
    for (UUID conversationId : sessions.followedConversations()) {
      executors.execute(conversationId, () -> {
        for (Session session : sessions.followers(conversationId)) {
          DeliveryCursor cursor = session.cursor(conversationId);
          if (cursor != null && cursor.synced()) {
            fetch(session, conversationId, cursor);
          }
        }
      });
    }
  }

  /** Backfills from PostgreSQL while the cursor is behind what it has been told about. */
  private void catchUp(Session session, UUID conversationId, DeliveryCursor cursor) {
    if (cursor.behind()) {
      fetch(session, conversationId, cursor);
    }
  }

  /** Reads the messages after the cursor from PostgreSQL, delivers them, and repeats if needed. */
  private void fetch(Session session, UUID conversationId, DeliveryCursor cursor) {
    if (cursor.fetching() || !session.isOpen()) {
      return;
    }
    cursor.fetching(true);
    long from = cursor.delivered();
    reads.after(conversationId, from).whenComplete((page, error) ->
        executors.execute(conversationId, () -> {
          cursor.fetching(false);
          if (error != null) {
            LOG.warn("backfill of {} failed; it resumes with the next message", conversationId);
            return;
          }
          for (StoredMessage message : page) {
            if (cursor.advance(message.seq())) {
              sendMessage(session, message);
            }
          }
          if (!page.isEmpty()) {
            catchUp(session, conversationId, cursor);
          }
        }));
  }

  private void sendMessage(Session session, StoredMessage message) {
    messagesOut.increment();
    session.sendText(codec.encode(events.of(message)));
  }

  /** Chat messages written to this node's sessions so far (live, replayed and backfilled). */
  public long messagesDelivered() {
    return messagesOut.sum();
  }

  private CompletionStage<Subscription> subscribe(String channel) {
    return subscriptions.computeIfAbsent(channel,
        name -> bus.subscribe(name, payload -> onBus(name, payload)));
  }

  private void unsubscribe(String channel) {
    CompletionStage<Subscription> subscription = subscriptions.remove(channel);
    if (subscription != null) {
      subscription.thenAccept(Subscription::close).exceptionally(error -> {
        LOG.debug("unsubscribe from {} failed: {}", channel, error.toString());
        return null;
      });
    }
  }

  /** For tests and metrics: how many bus channels this node listens to. */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  /** Stops publishing failed messages again. */
  @Override
  public void close() {
    publisher.close();
  }
}
