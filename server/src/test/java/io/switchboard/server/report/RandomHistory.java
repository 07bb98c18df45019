package io.switchboard.server.report;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes randomized, seeded histories straight into the raw tables, as the state machines would
 * leave them: chats queued, assigned, transferred, requeued, answered or abandoned, closed and
 * rated; tickets created, replied to, solved, reopened, closed and merged, with SLA clocks and
 * ratings; and the availability probe's site with traffic that reports must leave out. Later
 * calls add history on top: new chats, messages of now, late events, reopens, contact merges.
 *
 * <p>Not thread-safe: one test drives it.
 */
final class RandomHistory {
  static final List<String> TAGS = List.of("vip", "refund", "bug");
  static final List<String> CHANNELS = List.of("web_form", "email", "phone", "api", "chat");
  static final List<String> TYPES = List.of("question", "incident", "complaint", "request");
  static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

  final String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
  final List<String> queues = new ArrayList<>();
  final List<UUID> agents = new ArrayList<>();
  final List<UUID> contacts = new ArrayList<>();
  final String teamA = "team-a-" + site;
  final String teamB = "team-b-" + site;
  private final Random random;
  private final List<UUID> tickets = new ArrayList<>();
  private final List<Instant> contactFree = new ArrayList<>();
  private long ticketNumber;

  RandomHistory(long seed) {
    this.random = new Random(seed);
  }

  /** Sites, teams, queues, agents and contacts (and the probe site with one queue). */
  void setUp(Handle handle) {
    handle.execute("INSERT INTO sites (id, name, site_key) VALUES (?, 'Shop', ?)", site,
        "key-" + site);
    handle.execute("""
        INSERT INTO sites (id, name, site_key) VALUES ('switchboard-probe', 'Probe', 'probe-key')
        ON CONFLICT DO NOTHING""");
    handle.execute("INSERT INTO queues (id, site_id, name) VALUES ('probe-q', "
        + "'switchboard-probe', 'Probe') ON CONFLICT DO NOTHING");
    handle.execute("INSERT INTO teams (id, name) VALUES (?, ?), (?, ?)", teamA, teamA, teamB,
        teamB);
    for (int q = 0; q < 3; q++) {
      String queue = site + "-q" + q;
      queues.add(queue);
      handle.execute("INSERT INTO queues (id, site_id, name, team_id) VALUES (?, ?, ?, ?)", queue,
          site, "Queue " + q, q < 2 ? teamA : teamB);
    }
    for (int a = 0; a < 4; a++) {
      UUID id = UUID.randomUUID();
      agents.add(id);
      handle.execute("INSERT INTO users (id, email, display_name, role, password_hash) "
          + "VALUES (?, ?, ?, 'agent', 'x')", id, "a" + id + "@example.test", "Agent " + a);
    }
    for (int c = 0; c < 25; c++) {
      UUID id = UUID.randomUUID();
      contacts.add(id);
      contactFree.add(Instant.EPOCH);
      handle.execute("INSERT INTO contacts (id, site_id, name) VALUES (?, ?, 'C')", id, site);
    }
  }

  /** {@code count} chats starting between {@code from} and {@code until} (closed before now). */
  void chats(Handle handle, int count, Instant from, Instant until, Instant now) {
    for (int i = 0; i < count; i++) {
      int contact = random.nextInt(contacts.size());
      if (contactFree.get(contact).equals(Instant.MAX)) {
        continue;
      }
      Instant start = between(from, until);
      if (start.isBefore(contactFree.get(contact))) {
        start = contactFree.get(contact).plusSeconds(1 + random.nextInt(40_000));
      }
      boolean open = random.nextInt(10) == 0;
      Instant closed = chat(handle, contacts.get(contact), queues.get(random.nextInt(3)), start,
          open, now);
      contactFree.set(contact, closed == null ? Instant.MAX : closed);
    }
    // Probe traffic: never in a report.
    UUID probeContact = UUID.randomUUID();
    handle.execute("INSERT INTO contacts (id, site_id, name) VALUES (?, 'switchboard-probe', 'P')",
        probeContact);
    UUID probe = UUID.randomUUID();
    Instant at = between(from, until);
    handle.execute("INSERT INTO conversations (id, site_id, contact_id, queue_id, status, "
        + "created_at, enqueued_at, closed_at) VALUES (?, 'switchboard-probe', ?, 'probe-q', "
        + "'closed', ?, ?, ?)", probe, probeContact, ts(at), ts(at), ts(at.plusSeconds(5)));
  }

  /**
   * A chat of {@code contact} (of a new contact when null) that starts {@code ago} before now and
   * closes within minutes; answers the contact. A second chat within 24 hours of the first's
   * close is the contact coming back (the first's {@code returned}).
   */
  UUID closedChat(Handle handle, UUID contact, Duration ago, Instant now) {
    UUID who = contact;
    if (who == null) {
      who = UUID.randomUUID();
      handle.execute("INSERT INTO contacts (id, site_id, name) VALUES (?, ?, 'R')", who, site);
    }
    chat(handle, who, queues.get(0), now.minus(ago), false, now);
    return who;
  }

  private Instant chat(Handle handle, UUID contact, String queue, Instant start, boolean open,
      Instant now) {
    UUID id = UUID.randomUUID();
    List<String> tags = randomTags();
    handle.execute("""
        INSERT INTO conversations (id, site_id, contact_id, queue_id, status, created_at,
                                   enqueued_at, tags)
        VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)""", id, site, contact, queue, ts(start), ts(start),
        tags.toArray(String[]::new));
    event(handle, id, "queued", contact.toString(), start);
    Instant t = start;
    long seq = 0;
    t = t.plusMillis(500 + random.nextInt(20_000));
    seq = message(handle, id, seq, "visitor", t);
    UUID agent = null;
    Instant firstAgent = null;
    boolean abandons = random.nextInt(5) == 0;
    if (!abandons || random.nextBoolean()) {
      if (random.nextInt(6) == 0) {
        t = t.plusMillis(random.nextInt(90_000));
        event(handle, id, "assigned", agents.get(0).toString(), t);
        t = t.plusMillis(random.nextInt(30_000));
        event(handle, id, "requeued", null, t);
      }
      t = t.plusMillis(random.nextInt(200_000));
      agent = agents.get(random.nextInt(agents.size()));
      event(handle, id, "assigned", agent.toString(), t);
      if (random.nextInt(5) == 0) {
        t = t.plusMillis(random.nextInt(60_000));
        UUID next = agents.get(random.nextInt(agents.size()));
        event(handle, id, "transferred", agent.toString(), t);
        agent = next;
      }
      if (!abandons) {
        int turns = random.nextInt(5);
        for (int turn = 0; turn <= turns; turn++) {
          t = t.plusMillis(1_000 + random.nextInt(400_000));
          seq = message(handle, id, seq, "agent", t);
          firstAgent = firstAgent == null ? t : firstAgent;
          if (random.nextInt(3) == 0) {
            t = t.plusMillis(1_000 + random.nextInt(10_000));
            seq = message(handle, id, seq, "agent", t);
          }
          t = t.plusMillis(1_000 + random.nextInt(100_000));
          seq = message(handle, id, seq, "visitor", t);
          if (random.nextInt(4) == 0) {
            seq = message(handle, id, seq, "system", t.plusMillis(10));
          }
        }
        if (random.nextBoolean()) {
          t = t.plusMillis(1_000 + random.nextInt(400_000));
          seq = message(handle, id, seq, "agent", t);
        }
      }
    }
    Instant closed = open || t.isAfter(now.minusSeconds(3600)) ? null
        : t.plusMillis(random.nextInt(600_000));
    handle.execute("""
        UPDATE conversations SET status = ?, agent_id = ?, first_agent_response_at = ?,
               closed_at = ?, last_seq = ?, assigned_at = ?
        WHERE id = ?""", closed != null ? "closed" : agent == null ? "queued" : "assigned", agent,
        ts(firstAgent), ts(closed), seq, agent == null ? null : ts(start), id);
    if (closed != null) {
      event(handle, id, "closed", agent == null ? contact.toString() : agent.toString(), closed);
      if (firstAgent != null && random.nextInt(3) > 0) {
        handle.execute("INSERT INTO ratings (conversation_id, contact_id, score, comment, "
            + "created_at) VALUES (?, ?, ?, ?, ?)", id, contact, 1 + random.nextInt(5),
            random.nextBoolean() ? "comment " + id : null, ts(closed.plusSeconds(30)));
      }
    }
    return closed;
  }

  /** {@code count} tickets created between {@code from} and {@code until}. */
  void tickets(Handle handle, int count, Instant from, Instant until) {
    for (int i = 0; i < count; i++) {
      ticket(handle, between(from, until));
    }
  }

  private void ticket(Handle handle, Instant created) {
    UUID id = UUID.randomUUID();
    UUID contact = contacts.get(random.nextInt(contacts.size()));
    String priority = PRIORITIES.get(random.nextInt(4));
    String type = TYPES.get(random.nextInt(4));
    UUID assignee = random.nextInt(5) == 0 ? null : agents.get(random.nextInt(agents.size()));
    String queue = random.nextInt(8) == 0 ? null : queues.get(random.nextInt(3));
    handle.execute("""
        INSERT INTO tickets (id, site_id, contact_id, queue_id, number, subject, channel, type,
                             priority, assignee_id, tags, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'Help', ?, ?, ?, ?, ?, 'new', ?, ?)""", id, site, contact, queue,
        ++ticketNumber, CHANNELS.get(random.nextInt(5)), type, priority, assignee,
        randomTags().toArray(String[]::new), ts(created), ts(created));
    ticketEvent(handle, id, "created", created, null, null);
    Instant t = created;
    entry(handle, id, "customer", t);
    String status = "new";
    Instant solved = null;
    int rounds = random.nextInt(4);
    for (int round = 0; round < rounds; round++) {
      t = t.plusMillis(60_000 + random.nextInt(20_000_000));
      entry(handle, id, random.nextInt(5) == 0 ? "note" : "reply", t);
      if (random.nextInt(3) == 0) {
        t = t.plusMillis(60_000 + random.nextInt(5_000_000));
        entry(handle, id, "customer", t);
      }
      if (random.nextInt(3) == 0) {
        t = t.plusMillis(1_000 + random.nextInt(1_000_000));
        ticketEvent(handle, id, "status", t, status, "solved");
        status = "solved";
        solved = t;
        if (random.nextInt(3) == 0) {
          t = t.plusMillis(1_000 + random.nextInt(1_000_000));
          ticketEvent(handle, id, "status", t, "solved", "open");
          status = "open";
        }
      }
    }
    if (status.equals("solved") && random.nextBoolean()) {
      t = t.plusMillis(1_000 + random.nextInt(1_000_000));
      ticketEvent(handle, id, "status", t, "solved", "closed");
      status = "closed";
    }
    UUID mergedInto = null;
    if (!status.equals("closed") && !tickets.isEmpty() && random.nextInt(10) == 0) {
      mergedInto = tickets.get(random.nextInt(tickets.size()));
      t = t.plusSeconds(60);
      ticketEvent(handle, id, "merged", t, null, null);
      status = "closed";
    }
    handle.execute("""
        UPDATE tickets SET status = ?, solved_at = ?, merged_into = ?,
               closed_at = CASE WHEN ? = 'closed' THEN CAST(? AS timestamptz) END
        WHERE id = ?""", status, ts(solved), mergedInto, status, ts(t), id);
    clocks(handle, id, created);
    if (solved != null && random.nextBoolean()) {
      handle.execute("INSERT INTO ticket_ratings (ticket_id, contact_id, score, comment, "
          + "created_at) VALUES (?, ?, ?, ?, ?)", id, contact, 1 + random.nextInt(5),
          random.nextBoolean() ? "ticket comment" : null, ts(solved.plusSeconds(600)));
    }
    tickets.add(id);
  }

  private void clocks(Handle handle, UUID ticket, Instant created) {
    for (String metric : List.of("first_response", "next_response", "initial_solution",
        "resolution")) {
      int cycles = metric.equals("next_response") ? random.nextInt(3) : 1;
      for (int cycle = 1; cycle <= cycles; cycle++) {
        int state = random.nextInt(5);
        boolean breached = state == 1 || (state == 3 && random.nextBoolean());
        String name = switch (state) {
          case 0, 2 -> "met";
          case 1 -> "breached";
          case 3 -> breached ? "breached" : "running";
          default -> "cancelled";
        };
        Instant started = created.plusSeconds(cycle * 3_600L);
        Instant stopped = name.equals("running") ? null
            : started.plusMillis(random.nextInt(50_000_000));
        handle.execute("""
            INSERT INTO sla_clocks (ticket_id, metric, cycle, state, started_at, stopped_at,
                                    target_seconds, elapsed_seconds, breached)
            VALUES (?, ?, ?, ?, ?, ?, 3600, 100, ?)""", ticket, metric, cycle, name, ts(started),
            ts(stopped), breached);
      }
    }
  }

  /** History added later: late events, messages of now, reopens, merges, ratings, new rows. */
  void change(Handle handle, Instant now) {
    List<UUID> closedChats = handle.createQuery("""
            SELECT id FROM conversations WHERE site_id = :site AND status = 'closed'
              AND first_agent_response_at IS NOT NULL ORDER BY id LIMIT 12""")
        .bind("site", site).mapTo(UUID.class).list();
    for (int i = 0; i < 4; i++) {
      // A late transfer: its time is in the past, its id new.
      Instant at = handle.createQuery("SELECT created_at FROM conversations WHERE id = :id")
          .bind("id", closedChats.get(i)).mapTo(Instant.class).one().plusSeconds(30);
      event(handle, closedChats.get(i), "transferred", agents.get(1).toString(), at);
    }
    for (int i = 4; i < 8; i++) {
      long seq = handle.createQuery("SELECT last_seq FROM conversations WHERE id = :id")
          .bind("id", closedChats.get(i)).mapTo(Long.class).one();
      seq = message(handle, closedChats.get(i), seq, "agent", now.minusSeconds(50));
      seq = message(handle, closedChats.get(i), seq, "visitor", now.minusSeconds(40));
      seq = message(handle, closedChats.get(i), seq, "agent", now.minusSeconds(10));
      handle.execute("UPDATE conversations SET last_seq = ? WHERE id = ?", seq,
          closedChats.get(i));
    }
    // A contact merge moves a contact's chats and tickets to another contact.
    UUID from = contacts.get(0);
    UUID to = contacts.get(1);
    handle.execute("UPDATE conversations SET contact_id = ? WHERE contact_id = ? "
        + "AND status = 'closed'", to, from);
    handle.execute("UPDATE tickets SET contact_id = ? WHERE contact_id = ?", to, from);
    handle.execute("INSERT INTO contact_events (contact_id, kind, actor, at) "
        + "VALUES (?, 'merged', 'system', ?)", to, ts(now));
    // Reopen solved tickets now.
    List<UUID> solved = handle.createQuery("""
            SELECT id FROM tickets WHERE site_id = :site AND status = 'solved' ORDER BY id
            LIMIT 3""").bind("site", site).mapTo(UUID.class).list();
    for (UUID ticket : solved) {
      ticketEvent(handle, ticket, "status", now.minusSeconds(5), "solved", "open");
      handle.execute("UPDATE tickets SET status = 'open' WHERE id = ?", ticket);
    }
    chats(handle, 15, now.minus(Duration.ofDays(2)), now.minusSeconds(7_200), now);
    tickets(handle, 10, now.minus(Duration.ofDays(2)), now.minusSeconds(600));
  }

  private long message(Handle handle, UUID conversation, long seq, String role, Instant at) {
    long next = seq + 1;
    handle.execute("""
        INSERT INTO messages (conversation_id, seq, client_msg_id, sender_role, sender_id, body,
                              created_at) VALUES (?, ?, ?, ?, 'x', 'hello', ?)""", conversation,
        next, "m" + next, role, ts(at));
    return next;
  }

  private void event(Handle handle, UUID conversation, String kind, String actor, Instant at) {
    handle.execute("INSERT INTO conversation_events (conversation_id, kind, actor_id, at) "
        + "VALUES (?, ?, ?, ?)", conversation, kind, actor, ts(at));
  }

  private void ticketEvent(Handle handle, UUID ticket, String kind, Instant at, String from,
      String to) {
    handle.execute("INSERT INTO ticket_events (ticket_id, kind, actor, detail, at) "
        + "VALUES (?, ?, 'x', CAST(? AS jsonb), ?)", ticket, kind, from == null ? "{}"
        : "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}", ts(at));
  }

  private void entry(Handle handle, UUID ticket, String kind, Instant at) {
    handle.execute("INSERT INTO ticket_entries (ticket_id, kind, author_id, body, created_at) "
        + "VALUES (?, ?, 'x', 'text', ?)", ticket, kind, ts(at));
  }

  private List<String> randomTags() {
    List<String> tags = new ArrayList<>();
    TAGS.forEach(tag -> {
      if (random.nextInt(4) == 0) {
        tags.add(tag);
      }
    });
    return tags;
  }

  private Instant between(Instant from, Instant until) {
    return from.plusMillis((long) (random.nextDouble() * Duration.between(from, until).toMillis()));
  }

  static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
