package io.switchboard.checker;

import io.switchboard.checker.StoredHistory.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks what clients saw against what PostgreSQL stored (Jepsen style: a history, then a
 * verdict). It finds acknowledged messages that were lost or stored under another seq, duplicate
 * seqs and clientMsgIds, stored seqs that are not 1..n, client views that are not a gap-free
 * prefix of the transcript (or, when asked, not all of it), conversations assigned to two agents
 * at once and agents over capacity.
 *
 * <p>A client that receives seq 1 again after later seqs has reloaded the conversation (after
 * {@code resume_gap}): each such view is checked on its own, and the reloads are counted.
 *
 * <p>Stateless and thread-safe.
 */
public final class HistoryChecker {
  private HistoryChecker() {}

  /**
   * Checks a run. With {@code requireCaughtUp}, every client's last view of every conversation
   * it received anything from must be the whole transcript.
   */
  public static CheckReport check(ClientHistory clients, StoredHistory stored,
      boolean requireCaughtUp) {
    List<Violation> violations = new ArrayList<>();
    long duplicated = checkTranscripts(stored, violations);
    Map<String, Long> acks = new LinkedHashMap<>();
    Set<String> sent = new HashSet<>();
    long lost = 0;
    long reloads = 0;
    for (var entry : clients.byClient().entrySet()) {
      Map<String, List<ClientEvent>> received = new LinkedHashMap<>();
      for (ClientEvent event : entry.getValue()) {
        String key = event.conversationId() + "/" + event.clientMsgId();
        switch (event.kind()) {
          case SENT -> sent.add(key);
          case ACKED -> {
            Long earlier = acks.putIfAbsent(key, event.seq());
            if (earlier != null && earlier != event.seq()) {
              duplicated++;
              violations.add(new Violation(Violation.Kind.DUPLICATE_CLIENT_MSG_ID,
                  event.conversationId(), "clientMsgId " + event.clientMsgId()
                      + " acknowledged as seq " + earlier + " and as seq " + event.seq()));
            } else if (earlier == null && !checkAck(event, stored, violations)) {
              lost++;
            }
          }
          case RECEIVED -> received.computeIfAbsent(event.conversationId(), id -> new ArrayList<>())
              .add(event);
        }
      }
      for (var view : received.entrySet()) {
        reloads += checkViews(entry.getKey(), view.getKey(), view.getValue(), stored,
            requireCaughtUp, violations);
      }
    }
    checkAssignments(stored, violations);
    long unacknowledged = sent.stream().filter(key -> !acks.containsKey(key)).count();
    return new CheckReport(violations, sent.size(), acks.size(), lost, duplicated, unacknowledged,
        reloads);
  }

  /** Duplicate seqs and clientMsgIds, and seqs that are not 1..last_seq; returns duplicates. */
  private static long checkTranscripts(StoredHistory stored, List<Violation> violations) {
    long duplicated = 0;
    for (var entry : stored.transcripts().entrySet()) {
      String id = entry.getKey().toString();
      Set<Long> seqs = new HashSet<>();
      Set<String> clientMsgIds = new HashSet<>();
      long expected = 1;
      boolean gapReported = false;
      for (StoredMessage message : entry.getValue()) {
        if (!seqs.add(message.seq())) {
          duplicated++;
          violations.add(new Violation(Violation.Kind.DUPLICATE_SEQ, id,
              "seq " + message.seq() + " stored more than once"));
          continue;
        }
        if (!clientMsgIds.add(message.clientMsgId())) {
          duplicated++;
          violations.add(new Violation(Violation.Kind.DUPLICATE_CLIENT_MSG_ID, id,
              "clientMsgId " + message.clientMsgId() + " stored again as seq " + message.seq()));
        }
        if (message.seq() != expected && !gapReported) {
          gapReported = true;
          violations.add(new Violation(Violation.Kind.TRANSCRIPT_GAP, id,
              "expected seq " + expected + ", found " + message.seq()));
        }
        expected = message.seq() + 1;
      }
      long lastSeq = stored.lastSeqs().getOrDefault(entry.getKey(), 0L);
      if (lastSeq != seqs.size() && !gapReported) {
        violations.add(new Violation(Violation.Kind.TRANSCRIPT_GAP, id,
            "last_seq is " + lastSeq + " but " + seqs.size() + " messages are stored"));
      }
    }
    return duplicated;
  }

  /** True when the acknowledged message is stored under the acknowledged seq. */
  private static boolean checkAck(ClientEvent ack, StoredHistory stored, List<Violation> violations) {
    List<StoredMessage> transcript = stored.transcript(UUID.fromString(ack.conversationId()));
    for (StoredMessage message : transcript) {
      if (message.clientMsgId().equals(ack.clientMsgId())) {
        if (message.seq() != ack.seq()) {
          violations.add(new Violation(Violation.Kind.ACK_SEQ_MISMATCH, ack.conversationId(),
              ack.client() + " was acknowledged seq " + ack.seq() + " for " + ack.clientMsgId()
                  + ", stored as seq " + message.seq()));
        }
        return true;
      }
    }
    violations.add(new Violation(Violation.Kind.LOST_ACK, ack.conversationId(),
        ack.client() + " was acknowledged seq " + ack.seq() + " for " + ack.clientMsgId()
            + ", which is not stored"));
    return false;
  }

  /** Checks each view a client had of a conversation; returns how many reloads it made. */
  private static int checkViews(String client, String conversationId, List<ClientEvent> received,
      StoredHistory stored, boolean requireCaughtUp, List<Violation> violations) {
    Map<Long, String> bySeq = new HashMap<>();
    List<StoredMessage> transcript = stored.transcript(UUID.fromString(conversationId));
    transcript.forEach(message -> bySeq.putIfAbsent(message.seq(), message.clientMsgId()));
    int reloads = 0;
    long last = 0;
    boolean broken = false;
    for (ClientEvent event : received) {
      if (event.seq() == 1 && last > 0) {
        reloads++;
        last = 0;
      }
      String problem = null;
      if (event.seq() != last + 1) {
        problem = (event.seq() <= last ? "received seq " + event.seq() + " again after " + last
            : "skipped from seq " + last + " to " + event.seq());
      } else if (!event.clientMsgId().equals(bySeq.get(event.seq()))) {
        problem = "received seq " + event.seq() + " as " + event.clientMsgId() + ", stored as "
            + bySeq.get(event.seq());
      }
      if (problem != null && !broken) {
        broken = true;
        violations.add(new Violation(Violation.Kind.VIEW_NOT_PREFIX, conversationId,
            client + " " + problem));
      }
      last = Math.max(last, event.seq());
    }
    if (requireCaughtUp && !broken && last < transcript.size()) {
      violations.add(new Violation(Violation.Kind.VIEW_BEHIND, conversationId,
          client + " has seq 1.." + last + " of " + transcript.size()));
    }
    return reloads;
  }

  /** Replays the assignment history in event order: one holder per conversation, capacity kept. */
  private static void checkAssignments(StoredHistory stored, List<Violation> violations) {
    Map<UUID, UUID> holders = new HashMap<>();
    Map<UUID, Integer> held = new HashMap<>();
    Set<UUID> reportedOver = new HashSet<>();
    for (StoredHistory.AssignmentEvent event : stored.events()) {
      UUID previous = holders.get(event.conversationId());
      UUID next = switch (event.kind()) {
        case "assigned" -> {
          if (previous != null) {
            violations.add(new Violation(Violation.Kind.DOUBLE_ASSIGNMENT,
                event.conversationId().toString(), "assigned to " + event.agentId()
                    + " (event " + event.id() + ") while " + previous + " held it"));
          }
          yield event.agentId();
        }
        case "transferred" -> event.agentId();
        case "requeued", "closed" -> null;
        default -> previous;
      };
      if (java.util.Objects.equals(previous, next)) {
        continue;
      }
      if (previous != null) {
        held.merge(previous, -1, Integer::sum);
      }
      holders.put(event.conversationId(), next);
      if (next != null) {
        int count = held.merge(next, 1, Integer::sum);
        Integer capacity = stored.capacities().get(next);
        if (capacity != null && count > capacity && reportedOver.add(next)) {
          violations.add(new Violation(Violation.Kind.OVER_CAPACITY,
              event.conversationId().toString(), "agent " + next + " held " + count
                  + " conversations with capacity " + capacity + " (event " + event.id() + ")"));
        }
      }
    }
  }
}
