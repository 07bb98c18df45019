package io.switchboard.server.store.ticket;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.util.SwitchboardException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The transitions of a ticket. Each runs in one transaction that locks the ticket's row, checks
 * the status it is allowed from (also in the {@code WHERE} clause of the update), changes it and
 * records the matching events with actor and time. A transition whose check fails changes nothing
 * and answers empty; the state machine, which checked first, reads that as a race lost.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class TicketWrites {
  /** What a transition did: the ticket before and after, and the entry it added, if any. */
  public record Outcome(Ticket before, Ticket after, TicketEntry entry) {}

  /**
   * Changes to a ticket's fields; a null field is left alone. {@code assignee} and
   * {@code queueId} are set when their {@code set...} flag is true (so they can be cleared).
   */
  public record Changes(TicketPriority priority, TicketType type, String subject,
      List<String> tags, boolean setQueue, String queueId, boolean setAssignee, UUID assignee) {}

  /**
   * Told of every entry added to a thread, inside the transaction that adds it, so what it writes
   * commits or rolls back with the entry (the mail outbox queues a reply's mail this way).
   */
  public interface EntryHook {
    void added(Handle handle, Ticket ticket, TicketEntry entry, Instant at);
  }

  private final Jdbi jdbi;
  private final EntryHook hook;

  TicketWrites(Jdbi jdbi, EntryHook hook) {
    this.jdbi = jdbi;
    this.hook = hook;
  }

  /** Moves the ticket to {@code to} if it is in one of {@code from}. */
  public Optional<Outcome> changeStatus(UUID id, Set<TicketStatus> from, TicketStatus to,
      String actor, Instant at) {
    return StoreFailures.call("change ticket status", () -> jdbi.inTransaction(handle -> {
      Optional<Ticket> before = lock(handle, id).filter(t -> from.contains(t.status()));
      if (before.isEmpty() || !moveStatus(handle, before.get(), from, to, actor, at)) {
        return Optional.empty();
      }
      return Optional.of(new Outcome(before.get(), TicketDao.read(handle, id).orElseThrow(), null));
    }));
  }

  /**
   * Adds an entry to the thread of a ticket in one of {@code writable}, and, when its status is
   * in {@code moveFrom}, moves it to {@code moveTo} in the same transaction.
   */
  public Optional<Outcome> addEntry(UUID id, Set<TicketStatus> writable, TicketDao.NewEntry entry,
      String eventKind, Set<TicketStatus> moveFrom, TicketStatus moveTo, String actor,
      Instant at) {
    return StoreFailures.call("add to ticket thread", () -> jdbi.inTransaction(handle -> {
      Optional<Ticket> before = lock(handle, id).filter(t -> writable.contains(t.status()));
      if (before.isEmpty()) {
        return Optional.empty();
      }
      TicketEntry added = insertEntry(handle, id, entry, at);
      if (!AttachmentDao.linkToEntry(handle, entry.attachments(), id, added.id(),
          before.get().siteId(), at)) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "attachments: an upload is gone or already on another entry; upload it again");
      }
      TicketRows.record(handle, id, eventKind, actor, Map.of("entry", added.id()), at);
      hook.added(handle, before.get(), added, at);
      if (moveTo != null && moveFrom.contains(before.get().status())) {
        moveStatus(handle, before.get(), moveFrom, moveTo, actor, at);
      } else {
        touch(handle, id, at);
      }
      return Optional.of(new Outcome(before.get(), TicketDao.read(handle, id).orElseThrow(),
          added));
    }));
  }

  /** Changes fields of a ticket in one of {@code writable}; each change is one event. */
  public Optional<Outcome> update(UUID id, Set<TicketStatus> writable, Changes changes,
      String actor, Instant at) {
    return StoreFailures.call("change ticket", () -> jdbi.inTransaction(handle -> {
      Optional<Ticket> locked = lock(handle, id).filter(t -> writable.contains(t.status()));
      if (locked.isEmpty()) {
        return Optional.empty();
      }
      Ticket before = locked.get();
      Map<String, Object> set = new LinkedHashMap<>();
      if (changes.priority() != null && changes.priority() != before.priority()) {
        set.put("priority", changes.priority().wire());
        event(handle, id, "priority", actor, before.priority().wire(), changes.priority().wire(), at);
      }
      if (changes.type() != null && changes.type() != before.type()) {
        set.put("type", changes.type().wire());
        event(handle, id, "type", actor, before.type().wire(), changes.type().wire(), at);
      }
      if (changes.subject() != null && !changes.subject().equals(before.subject())) {
        set.put("subject", changes.subject());
        event(handle, id, "subject", actor, before.subject(), changes.subject(), at);
      }
      if (changes.setQueue() && !java.util.Objects.equals(changes.queueId(), before.queueId())) {
        set.put("queue_id", changes.queueId());
        event(handle, id, "queue", actor, before.queueId(), changes.queueId(), at);
      }
      if (changes.setAssignee()
          && !java.util.Objects.equals(changes.assignee(), before.assigneeId())) {
        set.put("assignee_id", changes.assignee());
        event(handle, id, changes.assignee() == null ? "unassigned" : "assigned", actor,
            before.assigneeId(), changes.assignee(), at);
      }
      if (changes.tags() != null && !changes.tags().equals(before.tags())) {
        handle.createUpdate("UPDATE tickets SET tags = :tags WHERE id = :id")
            .bind("id", id).bindArray("tags", String.class, changes.tags().toArray()).execute();
        event(handle, id, "tags", actor, String.join(",", before.tags()),
            String.join(",", changes.tags()), at);
      }
      set.forEach((column, value) -> handle.createUpdate(
              "UPDATE tickets SET " + column + " = :value WHERE id = :id")
          .bind("id", id).bind("value", value).execute());
      touch(handle, id, at);
      return Optional.of(new Outcome(before, TicketDao.read(handle, id).orElseThrow(), null));
    }));
  }

  /**
   * Merges {@code source} into {@code target}: the thread and the chat links move, the source is
   * closed and points to the target. Both must be in {@code open} and on the same site.
   */
  public Optional<Outcome> merge(UUID source, UUID target, Set<TicketStatus> open, String actor,
      Instant at) {
    return StoreFailures.call("merge tickets", () -> jdbi.inTransaction(handle -> {
      // Lock in id order, so two merges of the same pair cannot deadlock.
      boolean sourceFirst = source.compareTo(target) < 0;
      Optional<Ticket> first = lock(handle, sourceFirst ? source : target);
      Optional<Ticket> second = lock(handle, sourceFirst ? target : source);
      Optional<Ticket> from = sourceFirst ? first : second;
      Optional<Ticket> into = sourceFirst ? second : first;
      if (from.isEmpty() || into.isEmpty() || !open.contains(from.get().status())
          || !open.contains(into.get().status())
          || !from.get().siteId().equals(into.get().siteId())) {
        return Optional.empty();
      }
      handle.createUpdate("UPDATE ticket_entries SET ticket_id = :target WHERE ticket_id = :source")
          .bind("source", source).bind("target", target).execute();
      handle.createUpdate("""
              INSERT INTO ticket_links (ticket_id, conversation_id, relation, created_at)
              SELECT :target, conversation_id, relation, created_at FROM ticket_links
              WHERE ticket_id = :source ON CONFLICT DO NOTHING""")
          .bind("source", source).bind("target", target).execute();
      handle.createUpdate("DELETE FROM ticket_links WHERE ticket_id = :source")
          .bind("source", source).execute();
      handle.createUpdate("""
              UPDATE tickets SET status = 'closed', merged_into = :target, closed_at = :at,
                  updated_at = :at, next_deadline = NULL
              WHERE id = :source""")
          .bind("source", source).bind("target", target).bind("at", StoreRows.timestamp(at))
          .execute();
      TicketRows.record(handle, source, "merged", actor, Map.of("into", target,
          "from", from.get().status().wire()), at);
      TicketRows.record(handle, target, "merged_from", actor, Map.of("ticket", source,
          "number", from.get().number()), at);
      touch(handle, target, at);
      return Optional.of(new Outcome(from.get(), TicketDao.read(handle, target).orElseThrow(),
          null));
    }));
  }

  /** Links a chat to the ticket (once). */
  public void link(UUID ticketId, UUID conversationId, String relation, String actor, Instant at) {
    StoreFailures.run("link chat to ticket", () -> jdbi.useTransaction(handle -> {
      if (insertLink(handle, ticketId, conversationId, relation, at)) {
        TicketRows.record(handle, ticketId, "linked", actor,
            Map.of("conversation", conversationId, "relation", relation), at);
      }
    }));
  }

  static TicketEntry insertEntry(Handle handle, UUID id, TicketDao.NewEntry entry, Instant at) {
    return handle.createQuery("""
            INSERT INTO ticket_entries (ticket_id, kind, author_id, body, proposed_solution,
                call, created_at)
            VALUES (:ticket, :kind, :author, :body, :proposed, CAST(:call AS jsonb), :at)
            RETURNING *""")
        .bind("ticket", id).bind("kind", entry.kind().wire()).bind("author", entry.authorId())
        .bind("body", entry.body()).bind("proposed", entry.proposedSolution())
        .bind("call", entry.call() == null ? null : StoreRows.toJson(entry.call()))
        .bind("at", StoreRows.timestamp(at))
        .map((rs, ctx) -> TicketRows.entry(rs)).one();
  }

  static boolean insertLink(Handle handle, UUID ticketId, UUID conversationId, String relation,
      Instant at) {
    return handle.createUpdate("""
            INSERT INTO ticket_links (ticket_id, conversation_id, relation, created_at)
            VALUES (:ticket, :conversation, :relation, :at) ON CONFLICT DO NOTHING""")
        .bind("ticket", ticketId).bind("conversation", conversationId)
        .bind("relation", relation).bind("at", StoreRows.timestamp(at)).execute() > 0;
  }

  private static boolean moveStatus(Handle handle, Ticket before, Set<TicketStatus> from,
      TicketStatus to, String actor, Instant at) {
    int updated = handle.createUpdate("""
            UPDATE tickets SET status = :to, updated_at = :at,
                solved_at = CASE WHEN :to = 'solved' THEN :at ELSE solved_at END,
                closed_at = CASE WHEN :to = 'closed' THEN :at ELSE closed_at END,
                next_deadline = CASE WHEN :to = 'closed' THEN NULL ELSE next_deadline END
            WHERE id = :id AND status = ANY(:from)""")
        .bind("id", before.id()).bind("to", to.wire()).bind("at", StoreRows.timestamp(at))
        .bindArray("from", String.class, from.stream().map(TicketStatus::wire).toArray())
        .execute();
    if (updated > 0) {
      event(handle, before.id(), "status", actor, before.status().wire(), to.wire(), at);
    }
    return updated > 0;
  }

  private static void event(Handle handle, UUID id, String kind, String actor, Object from,
      Object to, Instant at) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("from", from);
    detail.put("to", to);
    TicketRows.record(handle, id, kind, actor, detail, at);
  }

  private static void touch(Handle handle, UUID id, Instant at) {
    handle.createUpdate("UPDATE tickets SET updated_at = :at WHERE id = :id")
        .bind("id", id).bind("at", StoreRows.timestamp(at)).execute();
  }

  private static Optional<Ticket> lock(Handle handle, UUID id) {
    return handle.createQuery("SELECT " + TicketRows.COLUMNS
            + " FROM tickets t WHERE t.id = :id FOR UPDATE")
        .bind("id", id)
        .map((rs, ctx) -> TicketRows.ticket(rs)).findOne();
  }
}
