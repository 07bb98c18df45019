package io.switchboard.server.exchange;

import io.switchboard.server.store.exchange.ContactImportDao;
import io.switchboard.server.store.exchange.ContactState;
import io.switchboard.server.store.exchange.FieldDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Imports the rows of one file as contacts of one site, in batches of {@link #BATCH}: each batch
 * is checked, matched against the stored contacts (by external id, else by email ignoring case)
 * and written in one transaction, unless it is a dry run, which writes nothing. A row that would
 * change nothing is {@code unchanged}, so importing a file twice changes nothing the second time.
 * Mapped values replace stored ones; lists (other emails and phones, tags) and attributes are
 * merged into what is stored; empty cells leave a field as it is.
 *
 * <p>Not thread-safe: one instance runs one import on one thread.
 */
public final class ContactImport {
  static final int BATCH = 2000;

  private final ContactImportDao dao;
  private final Clock clock;
  private final String siteId;
  private final ContactRowReader reader;
  private final Set<String> seenKeys = new HashSet<>();
  private final List<RowOutcome> outcomes = new ArrayList<>();

  public ContactImport(ContactImportDao dao, Clock clock, String siteId, ContactMapping mapping,
      Map<String, FieldDefinition> fields) {
    this.dao = dao;
    this.clock = clock;
    this.siteId = siteId;
    this.reader = new ContactRowReader(mapping, fields);
  }

  /**
   * Runs the import of {@code rows}, telling {@code progress} the rows done after each batch;
   * answers each row's outcome in file order. {@code actor} and {@code jobId} go into the
   * contacts' history.
   */
  public List<RowOutcome> run(List<Map<String, String>> rows, boolean dryRun, String actor,
      UUID jobId, IntConsumer progress) {
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<ContactDraft> drafts = new ArrayList<>();
      for (int i = from; i < Math.min(rows.size(), from + BATCH); i++) {
        ContactRowReader.Checked checked = reader.read(i + 1, rows.get(i));
        if (checked.draft() == null) {
          outcomes.add(new RowOutcome(i + 1, "refused", null, String.join("; ",
              checked.reasons())));
        } else if (!seenKeys.add(checked.draft().key())) {
          outcomes.add(new RowOutcome(i + 1, "refused", checked.draft().key(),
              "duplicate_key: an earlier row of the file has " + checked.draft().key()));
        } else {
          drafts.add(checked.draft());
          outcomes.add(null);
        }
      }
      batch(drafts, dryRun, actor, jobId);
      progress.accept(Math.min(rows.size(), from + BATCH));
    }
    return List.copyOf(outcomes);
  }

  private void batch(List<ContactDraft> drafts, boolean dryRun, String actor, UUID jobId) {
    Map<String, UUID> owners = dao.staffByEmail(drafts.stream().map(ContactDraft::ownerEmail)
        .filter(Objects::nonNull).distinct().toList());
    Map<String, UUID> companies = dao.companies(siteId, drafts.stream()
        .map(ContactDraft::company).filter(Objects::nonNull).distinct().toList());
    List<ContactState> stored = dao.existing(siteId,
        drafts.stream().map(ContactDraft::externalId).filter(Objects::nonNull).toList(),
        drafts.stream().map(ContactDraft::email).filter(Objects::nonNull)
            .map(ContactRowReader::lower).toList());
    Map<String, ContactState> byExternalId = new HashMap<>();
    Map<String, ContactState> byEmail = new HashMap<>();
    for (ContactState s : stored) {
      if (s.externalId() != null) {
        byExternalId.put(s.externalId(), s);
      }
      if (s.email() != null && s.externalId() == null) {
        byEmail.putIfAbsent(ContactRowReader.lower(s.email()), s);
      }
    }
    Set<UUID> claimed = new HashSet<>();
    List<ContactState> created = new ArrayList<>();
    List<ContactState> updated = new ArrayList<>();
    for (ContactDraft d : drafts) {
      RowOutcome outcome;
      if (d.ownerEmail() != null && !owners.containsKey(d.ownerEmail())) {
        outcome = new RowOutcome(d.row(), "refused", d.key(),
            "unknown_owner: no staff member has the email " + d.ownerEmail());
      } else {
        ContactState before = d.externalId() != null ? byExternalId.get(d.externalId()) : null;
        if (before == null && d.email() != null) {
          before = byEmail.get(ContactRowReader.lower(d.email()));
        }
        if (before != null && !claimed.add(before.id())) {
          before = null;
        }
        ContactState next = ContactMerge.merge(before, d, owners.get(d.ownerEmail()),
            d.company() == null ? null : companies.get(ContactRowReader.lower(d.company())));
        if (before == null) {
          created.add(next);
          outcome = new RowOutcome(d.row(), "created", d.key(), null);
        } else if (before.sameAs(next)) {
          outcome = new RowOutcome(d.row(), "unchanged", d.key(), null);
        } else {
          updated.add(next);
          outcome = new RowOutcome(d.row(), "updated", d.key(), null);
        }
      }
      outcomes.set(d.row() - 1, outcome);
    }
    if (!dryRun) {
      dao.write(siteId, created, updated, actor, jobId, clock.instant());
    }
  }
}
