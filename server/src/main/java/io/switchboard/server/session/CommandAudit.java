package io.switchboard.server.session;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.delivery.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records in the audit log the conversation changes that supervisors and admins make over the
 * WebSocket (closing, transferring, notes; their whispers, joins and monitoring are recorded by
 * the supervision service), as REST writes are by the REST layer. Agents' own work is not audited:
 * the conversation's history has it.
 *
 * <p>Thread-safe.
 */
final class CommandAudit {
  private final AuditLog audit;

  CommandAudit(AuditLog audit) {
    this.audit = audit;
  }

  /** Called after the command succeeded. */
  void succeeded(Session session, ClientMessage command) {
    Principal who = session.principal();
    if (who.role() != Role.SUPERVISOR && who.role() != Role.ADMIN) {
      return;
    }
    Map<String, Object> asked = new LinkedHashMap<>();
    String conversationId;
    String action;
    switch (command) {
      case ClientMessage.Close close -> {
        conversationId = close.conversationId();
        action = "ws close";
        asked.put("disposition", close.disposition());
        asked.put("tags", close.tags());
      }
      case ClientMessage.Transfer transfer -> {
        conversationId = transfer.conversationId();
        action = "ws transfer";
        asked.put("toAgentId", transfer.toAgentId());
        asked.put("toQueue", transfer.toQueue());
      }
      case ClientMessage.Note note -> {
        conversationId = note.conversationId();
        action = "ws note";
      }
      default -> {
        return;
      }
    }
    asked.values().removeIf(value -> value == null);
    audit.record(new AuditLog.Event(who.id(), who.role().wire(), action, "conversation",
        conversationId, session.clientAddress(), null,
        asked.isEmpty() ? null : AuditLog.json(asked)));
  }
}
