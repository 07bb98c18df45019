package io.switchboard.server.access;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;

/**
 * The one permission policy: whether a principal may take an action, given their role and how
 * they stand to the conversation it is about. REST handlers and WebSocket commands call it the
 * same way, so the same request gets the same answer on both; the rules are the table in
 * {@link Action}. Team scope is the relation {@link Relation#TEAM}: a supervisor oversees the
 * queues their teams own, and the conversations in them.
 *
 * <p>Stateless and thread-safe.
 */
public final class AccessPolicy {
  /** The refusal of someone whose role may act, but not on this conversation. */
  public static final String NOT_YOURS = "this conversation is not yours";

  private AccessPolicy() {}

  /** Whether the principal's role may ever take the action (before any conversation is read). */
  public static boolean mayEver(Principal principal, Action action) {
    return action.allows(principal.role());
  }

  /** Whether the principal may take the action, standing in {@code relation}. */
  public static boolean permits(Principal principal, Action action, Relation relation) {
    return action.allows(principal.role(), relation);
  }

  /**
   * Throws {@link ErrorCode#FORBIDDEN} unless the principal's role may ever take the action: for
   * checks that need no conversation, and to refuse early before one is read.
   */
  public static void requireRole(Principal principal, Action action) {
    if (!mayEver(principal, action)) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, action.refusal());
    }
  }

  /** How the principal stands to a queue: {@link Relation#TEAM} when one of their teams owns it. */
  public static Relation queueRelation(Principal principal, String queueId) {
    return principal.isStaff() && principal.inTeamQueue(queueId) ? Relation.TEAM : Relation.NONE;
  }

  /** Throws {@link ErrorCode#FORBIDDEN} unless the principal may take the action on the queue. */
  public static void requireQueue(Principal principal, Action action, String queueId) {
    requireRole(principal, action);
    if (!permits(principal, action, queueRelation(principal, queueId))) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "this queue is not one of your teams'");
    }
  }

  /** Whether the principal may take the action on the queue (for filtering lists). */
  public static boolean permitsQueue(Principal principal, Action action, String queueId) {
    return permits(principal, action, queueRelation(principal, queueId));
  }

  /** Throws {@link ErrorCode#FORBIDDEN} unless {@link #permits} allows it. */
  public static void require(Principal principal, Action action, Relation relation) {
    requireRole(principal, action);
    if (!permits(principal, action, relation)) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN,
          action == Action.READ_CONTACT_HISTORY ? action.refusal() : NOT_YOURS);
    }
  }

  /**
   * Throws {@link ErrorCode#FORBIDDEN} unless an API key with this scope may call a route with
   * this method that reaches {@code needed} resources: a read needs {@link KeyScope#READ}, any
   * other method {@link KeyScope#WRITE}, and every needed resource must be in the scope. A route
   * that needs nothing (empty) is not for keys (sign-in, one's own account, the widget's routes,
   * the keys themselves).
   */
  public static void requireKeyScope(KeyScope scope, String method, java.util.Set<String> needed) {
    if (needed.isEmpty()) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "API keys cannot use this endpoint");
    }
    String access = KeyScope.writes(method) ? KeyScope.WRITE : KeyScope.READ;
    if (!scope.access().contains(access)) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "this API key may not " + access);
    }
    for (String resource : needed) {
      if (!scope.resources().contains(resource)) {
        throw new SwitchboardException(ErrorCode.FORBIDDEN,
            "this API key may not reach " + resource);
      }
    }
  }
}
