package io.switchboard.server.exchange;

import io.switchboard.server.store.exchange.ImportedConversation;
import io.switchboard.server.store.exchange.TranscriptImportDao;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Imports transcripts into one site as closed conversations, each in its own transaction with
 * its messages in time order (ties keep file order) numbered 1..n, once per source id: a repeat
 * is {@code unchanged}. A transcript is {@code refused} (with the reasons) when it has no id, no
 * contact email or external id, a bad time, a close before its start, an unknown queue, or a
 * message without text or with an unknown author kind.
 *
 * <p>Not thread-safe: one instance runs one import on one thread.
 */
public final class TranscriptImport {
  private static final Set<String> AUTHORS = Set.of("visitor", "agent", "system");

  private final TranscriptImportDao dao;
  private final Clock clock;
  private final String siteId;

  public TranscriptImport(TranscriptImportDao dao, Clock clock, String siteId) {
    this.dao = dao;
    this.clock = clock;
    this.siteId = siteId;
  }

  public List<RowOutcome> run(List<TranscriptDraft> drafts, boolean dryRun, String actor,
      IntConsumer progress) {
    List<RowOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      TranscriptDraft d = drafts.get(i);
      List<String> reasons = new ArrayList<>();
      Instant started = time(d.started(), "started", reasons);
      Instant closed = time(d.closed(), "closed", reasons);
      if (d.id() == null || d.id().length() > 200) {
        reasons.add("missing_id: every conversation needs an id of 1-200 characters");
      }
      if (d.contactExternalId() == null && d.contactEmail() == null) {
        reasons.add("missing_key: the contact needs an external id or an email");
      }
      if (d.contactEmail() != null && !ContactRowReader.isEmail(d.contactEmail())) {
        reasons.add("invalid_email: " + d.contactEmail());
      }
      if (started != null && closed != null && closed.isBefore(started)) {
        reasons.add("bad_time: closed before it started");
      }
      Optional<String> queue = dao.queue(siteId, d.queue());
      if (queue.isEmpty()) {
        reasons.add("unknown_queue: " + (d.queue() == null ? "the site has no queue"
            : d.queue()));
      }
      List<ImportedConversation.Message> messages = messages(d, started, reasons);
      RowOutcome outcome;
      if (!reasons.isEmpty()) {
        outcome = new RowOutcome(i + 1, "refused", d.id(), String.join("; ", reasons));
      } else if (dryRun) {
        outcome = new RowOutcome(i + 1, "created", d.id(), null);
      } else {
        Instant now = clock.instant();
        UUID contact = dao.contact(siteId, d.contactExternalId(), d.contactEmail(),
            d.contactName(), actor, now);
        Optional<UUID> agent = d.agent() != null && ContactRowReader.isEmail(d.agent())
            ? dao.staff(d.agent()) : Optional.empty();
        String agentName = agent.isPresent() ? null : d.agent();
        List<ImportedConversation.Message> senders = messages.stream().map(m ->
            new ImportedConversation.Message(m.role(), sender(m, contact, agent, agentName),
                m.at(), m.text())).toList();
        boolean stored = dao.store(siteId, new ImportedConversation(d.id(), contact,
            queue.get(), agent.orElse(null), agentName, d.channel(), started, closed,
            d.disposition(), d.tags(), senders), now);
        outcome = new RowOutcome(i + 1, stored ? "created" : "unchanged", d.id(), null);
      }
      outcomes.add(outcome);
      if ((i + 1) % 100 == 0 || i + 1 == drafts.size()) {
        progress.accept(i + 1);
      }
    }
    return outcomes;
  }

  private static String sender(ImportedConversation.Message m, UUID contact,
      Optional<UUID> agent, String agentName) {
    return switch (m.role()) {
      case "visitor" -> contact.toString();
      case "agent" -> agent.map(UUID::toString).orElse("import:"
          + (m.senderId() != null ? m.senderId() : agentName == null ? "" : agentName));
      default -> "system";
    };
  }

  private static List<ImportedConversation.Message> messages(TranscriptDraft d, Instant started,
      List<String> reasons) {
    List<ImportedConversation.Message> messages = new ArrayList<>();
    for (TranscriptDraft.Line line : d.lines()) {
      if (line.author() == null || !AUTHORS.contains(line.author())) {
        reasons.add("bad_author: " + line.author() + " (visitor, agent or system)");
        return List.of();
      }
      if (line.text() == null || line.text().length() > 8000) {
        reasons.add("bad_text: every message needs a text of at most 8000 characters");
        return List.of();
      }
      Instant at = line.at() == null ? started : time(line.at(), "at", reasons);
      if (at == null) {
        return List.of();
      }
      messages.add(new ImportedConversation.Message(line.author(), line.authorName(), at,
          line.text()));
    }
    return messages.stream().sorted(Comparator.comparing(ImportedConversation.Message::at))
        .toList();
  }

  private static Instant time(String text, String field, List<String> reasons) {
    if (text == null) {
      reasons.add("bad_time: " + field + " is missing");
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      reasons.add("bad_time: " + field + " " + text + " is not an ISO-8601 time with offset");
      return null;
    }
  }
}
