package io.switchboard.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.audit.AuditEntry;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit log: who did what to which target, when, from where, before and after. Entries
 * are appended one at a time across every node (the hash chain never forks) on the store
 * executor; an entry that cannot be written is logged as an error, never silently dropped.
 * Secrets in the recorded JSON (passwords, tokens, signatures) are replaced with {@code
 * "[redacted]"}.
 *
 * <p>Thread-safe.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Set<String> SECRET_FIELDS = Set.of("password", "currentPassword",
      "newPassword", "secret", "token", "visitorToken", "signature", "identity");

  private final AuditDao dao;
  private final BlockingExecutor store;
  private final Clock clock;

  public AuditLog(AuditDao dao, BlockingExecutor store, Clock clock) {
    this.dao = dao;
    this.store = store;
    this.clock = clock;
  }

  /** What happened, by whom and to what; the log adds the time and the chain. */
  public record Event(String actorId, String actorRole, String action, String targetType,
      String targetId, String address, String before, String after) {}

  /** Appends the event; completes with the stored entry. */
  public CompletableFuture<AuditEntry> record(Event event) {
    AuditEntry entry = entry(event);
    return store.call(() -> dao.append(entry)).whenComplete((stored, error) -> {
      if (error != null) {
        LOG.error("audit entry not written: {} by {} on {}/{}: {}", event.action(),
            event.actorId(), event.targetType(), event.targetId(), error.toString());
      }
    });
  }

  /**
   * Appends the event on the calling thread, which must be one that may block on the store, and
   * answers once it is committed: for an entry that must be in the log before the request it
   * records goes on (a GDPR erasure then redacts it like any earlier entry).
   */
  public AuditEntry recordNow(Event event) {
    return dao.append(entry(event));
  }

  private AuditEntry entry(Event event) {
    return new AuditEntry(0, clock.instant(), event.actorId(), event.actorRole(),
        event.action(), event.targetType(), event.targetId(), event.address(), event.before(),
        event.after());
  }

  /** The log's problems (empty: intact) and its size, reading every entry. */
  public CompletableFuture<Verification> verify() {
    return store.call(() -> new Verification(dao.count(), dao.problems()));
  }

  /** The result of walking the whole log. */
  public record Verification(long entries, List<String> problems) {
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  /** A value typed by a caller (such as an email at a failed sign-in), cut to 64 characters. */
  public static String shortened(String value) {
    return value == null || value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }

  /** A small map of what was asked, as the JSON text of an entry's {@code after}. */
  public static String json(java.util.Map<String, ?> values) {
    return JSON.valueToTree(values).toString();
  }

  /** The JSON to record for a request body: a copy with every secret field redacted. */
  public static String redacted(JsonNode body) {
    if (body == null || body.isNull()) {
      return null;
    }
    JsonNode copy = body.deepCopy();
    redact(copy);
    return copy.toString();
  }

  private static void redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String field : List.copyOf(object.properties().stream().map(e -> e.getKey()).toList())) {
        if (SECRET_FIELDS.contains(field)) {
          object.put(field, "[redacted]");
        } else {
          redact(object.get(field));
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(AuditLog::redact);
    }
  }
}
