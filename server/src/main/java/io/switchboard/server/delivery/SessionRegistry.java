package io.switchboard.server.delivery;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.server.access.Role;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sessions on this node: all of them, by user (staff user id or visitor contact id), and the
 * followers of each conversation. Other nodes' sessions are reached through the bus.
 *
 * <p>Thread-safe. Follow and unfollow report the first and last follower of a conversation (so the
 * caller can subscribe and unsubscribe on the bus) atomically per conversation. The sets of a user's
 * sessions and of a conversation's followers are immutable, replaced inside the map's compute: they
 * hold one to a few sessions, are read on every delivery (without a copy) and change rarely.
 */
public final class SessionRegistry {
  private final ConcurrentHashMap<String, Session> all = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Session>> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UUID, Set<Session>> followers = new ConcurrentHashMap<>();

  public void add(Session session) {
    all.put(session.id(), session);
    byUser.compute(session.principal().id(),
        (id, set) -> set == null ? Set.of(session) : CopyOnWrite.with(set, session));
  }

  public void remove(Session session) {
    all.remove(session.id());
    byUser.computeIfPresent(session.principal().id(), (id, set) -> {
      Set<Session> rest = CopyOnWrite.without(set, session);
      return rest.isEmpty() ? null : rest;
    });
  }

  public int size() {
    return all.size();
  }

  /** How many sessions on this node belong to {@code role} (walks every session: for scrapes). */
  public int count(Role role) {
    int count = 0;
    for (Session session : all.values()) {
      if (session.principal().role() == role) {
        count++;
      }
    }
    return count;
  }

  /** How many distinct staff users hold sessions on this node. */
  public int staffUsers() {
    int count = 0;
    for (Set<Session> sessions : byUser.values()) {
      for (Session session : sessions) {
        if (session.principal().isStaff()) {
          count++;
        }
        break;
      }
    }
    return count;
  }

  public Collection<Session> all() {
    return List.copyOf(all.values());
  }

  /** The user's sessions on this node: an immutable snapshot. */
  public Collection<Session> ofUser(String userId) {
    Set<Session> sessions = byUser.get(userId);
    return sessions == null ? Set.of() : sessions;
  }

  /**
   * Adds a follower; runs {@code onFirst} (inside the per-conversation lock) when it is the
   * conversation's first follower on this node.
   */
  public void follow(UUID conversationId, Session session, Consumer<UUID> onFirst) {
    followers.compute(conversationId, (id, set) -> {
      if (set == null) {
        onFirst.accept(id);
        return Set.of(session);
      }
      return CopyOnWrite.with(set, session);
    });
  }

  /** Removes a follower; runs {@code onLast} when no follower remains on this node. */
  public void unfollow(UUID conversationId, Session session, Consumer<UUID> onLast) {
    followers.computeIfPresent(conversationId, (id, set) -> {
      Set<Session> rest = CopyOnWrite.without(set, session);
      if (rest.isEmpty()) {
        onLast.accept(id);
        return null;
      }
      return rest;
    });
  }

  /** The conversation's followers on this node: an immutable snapshot. */
  public Collection<Session> followers(UUID conversationId) {
    Set<Session> set = followers.get(conversationId);
    return set == null ? Set.of() : set;
  }

  /** The conversations some session on this node follows: a snapshot. */
  public Set<UUID> followedConversations() {
    return Set.copyOf(followers.keySet());
  }

  /** Closes, with 4001, the user's sessions on this node that the sign-out covers. */
  public void revoke(String userId, SignOut signOut) {
    for (Session session : ofUser(userId)) {
      if (signOut.closes(session.principal().tokenHash())) {
        session.close(DisconnectCode.AUTH_REVOKED, "signed out");
      }
    }
  }

  /** Tells every client to reconnect elsewhere (graceful shutdown). */
  public void closeAll(DisconnectCode code, String reason) {
    for (Session session : all()) {
      session.close(code, reason);
    }
  }
}
