package io.switchboard.server.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.contact.ContactHistoryDao;
import io.switchboard.server.store.contact.ContactMergeDao;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.user.User;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merging contacts, refusals, redirects and duplicate suggestions on the real PostgreSQL. */
class ContactMergeTest {
  private static final List<String> TABLES = List.of("conversations", "tickets", "ratings",
      "contact_notes", "attachments");

  private StoreFixture fixture;
  private Jdbi jdbi;
  private ContactService service;
  private ContactRows rows;
  private Principal admin;

  @BeforeEach
  void setUp() {
    fixture = new StoreFixture();
    jdbi = StoreFixture.database().jdbi();
    service = new ContactService(jdbi, Clock.systemUTC());
    rows = new ContactRows(jdbi, fixture.siteId, fixture.queueId);
    User user = fixture.newAgent();
    admin = new Principal(Role.ADMIN, user.id().toString(), null, "Admin", 3, null, null, null);
  }

  private ContactProfile create(String siteId, String name, String email, String phone,
      List<String> otherEmails, List<String> tags) {
    return service.create(admin, new ContactService.NewContact(siteId, name, email, phone,
        otherEmails, List.of(), null, null, null, tags, null, "staff"));
  }

  private ContactProfile create(String name, String email) {
    return create(fixture.siteId, name, email, null, List.of(), List.of());
  }

  @Test
  void mergeMovesEverythingAndJoinsTheFields() {
    ContactProfile keep = create(fixture.siteId, "Keep", "keep@example.com", null,
        List.of(), List.of("vip"));
    ContactProfile gone = create(fixture.siteId, null, "Gone@Example.com", "+86 21 5555",
        List.of("KEEP@example.com", "alt@example.com"), List.of("vip", "churn-risk"));
    rows.conversation(gone.id(), true);
    rows.conversation(gone.id(), false);
    rows.ticket(gone.id());
    rows.rating(gone.id(), 4);
    rows.upload(gone.id());
    service.addNote(admin, gone.id(), "A note");

    ContactProfile survivor = service.merge(admin, keep.id(), gone.id());

    assertThat(survivor.id()).isEqualTo(keep.id());
    assertThat(survivor.name()).isEqualTo("Keep");
    assertThat(survivor.email()).isEqualTo("keep@example.com");
    assertThat(survivor.phone()).isEqualTo("+86 21 5555");
    assertThat(survivor.otherEmails()).containsExactly("Gone@Example.com", "alt@example.com");
    assertThat(survivor.tags()).containsExactly("vip", "churn-risk");
    assertThat(rows.count("conversations", keep.id())).isEqualTo(3);
    assertThat(rows.count("tickets", keep.id())).isEqualTo(1);
    assertThat(rows.count("ratings", keep.id())).isEqualTo(1);
    assertThat(rows.count("contact_notes", keep.id())).isEqualTo(1);
    assertThat(rows.count("attachments", keep.id())).isEqualTo(1);
    for (String table : TABLES) {
      assertThat(rows.count(table, gone.id())).as(table).isZero();
    }
    ContactProfile goneNow = service.profiles().find(gone.id()).orElseThrow();
    assertThat(goneNow.mergedInto()).isEqualTo(keep.id());
    ContactHistoryDao history = new ContactHistoryDao(jdbi);
    assertThat(history.eventKinds(gone.id())).containsExactly("merged");
    assertThat(history.eventKinds(keep.id())).contains("merged", "note_added")
        .filteredOn("created"::equals).hasSize(2);
  }

  @Test
  void mergeIsRefusedWhenBothHaveAnOpenConversationOrTheSitesDiffer() {
    ContactProfile a = create("A", null);
    ContactProfile b = create("B", null);
    rows.conversation(a.id(), true);
    rows.conversation(b.id(), true);
    assertThatThrownBy(() -> service.merge(admin, a.id(), b.id()))
        .isInstanceOf(SwitchboardException.class)
        .hasMessageStartingWith(ContactMerger.OPEN_CONVERSATIONS)
        .extracting(e -> ((SwitchboardException) e).code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(rows.count("conversations", a.id())).isEqualTo(1);
    assertThat(service.profiles().find(b.id()).orElseThrow().mergedInto()).isNull();

    StoreFixture other = new StoreFixture();
    ContactProfile elsewhere = create(other.siteId, "C", null, null, List.of(), List.of());
    assertThatThrownBy(() -> service.merge(admin, a.id(), elsewhere.id()))
        .hasMessageStartingWith(ContactMerger.DIFFERENT_SITES);
    assertThatThrownBy(() -> service.merge(admin, a.id(), a.id()))
        .hasMessageContaining("mergedId");
  }

  @Test
  void mergedIdsAndVerifiedVisitorsLeadToTheFinalSurvivor() {
    UUID first = fixture.contacts.verified(fixture.siteId, "user-" + UUID.randomUUID(), "V",
        "v@example.com");
    ContactProfile middle = create("Middle", null);
    ContactProfile last = create("Last", null);
    String externalId = service.profiles().find(first).orElseThrow().externalId();
    service.merge(admin, middle.id(), first);
    service.merge(admin, last.id(), middle.id());

    ContactService.Found found = service.find(admin, first);
    assertThat(found.contact().id()).isEqualTo(last.id());
    assertThat(found.redirectedFrom()).isEqualTo(first);
    assertThat(found.contact().externalId()).isEqualTo(externalId);
    assertThat(fixture.contacts.verified(fixture.siteId, externalId, null, null))
        .isEqualTo(last.id());
    // A merged id on either side stands for its survivor; both leading to one is refused.
    assertThatThrownBy(() -> service.merge(admin, first, last.id()))
        .hasMessageStartingWith(ContactMerger.SAME_CONTACT);
  }

  @Test
  void duplicatesShareAnEmailAPhoneOrAnExternalId() {
    ContactProfile a = create(fixture.siteId, "A", "Same@Example.com", null, List.of(),
        List.of());
    ContactProfile b = create(fixture.siteId, "B", null, null, List.of("same@example.COM"),
        List.of());
    ContactProfile c = create(fixture.siteId, "C", null, "+1 (555) 010-9999", List.of(),
        List.of());
    ContactProfile d = create(fixture.siteId, "D", null, "+15550109999", List.of(), List.of());
    create("E", "alone@example.com");
    List<ContactMergeDao.DuplicatePair> pairs = service.duplicates(admin, fixture.siteId, 100);
    assertThat(pairs).hasSize(2);
    assertThat(pairs).anySatisfy(p -> {
      assertThat(List.of(p.a(), p.b())).containsExactlyInAnyOrder(a.id(), b.id());
      assertThat(p.reason()).isEqualTo("email");
      assertThat(p.value()).isEqualTo("same@example.com");
    });
    assertThat(pairs).anySatisfy(p -> {
      assertThat(List.of(p.a(), p.b())).containsExactlyInAnyOrder(c.id(), d.id());
      assertThat(p.reason()).isEqualTo("phone");
    });
    service.merge(admin, a.id(), b.id());
    assertThat(service.duplicates(admin, fixture.siteId, 100)).hasSize(1);
  }

  /**
   * Random contacts with random conversations, tickets, ratings, notes and uploads, merged in
   * random pairs: each survivor ends with exactly what its merged contacts had, as computed from
   * scratch by following who was merged into whom.
   */
  @Test
  void randomMergesMoveExactlyWhatTheMergedContactsOwned() {
    Random random = new Random(20261205L ^ System.nanoTime());
    List<UUID> ids = new ArrayList<>();
    Map<UUID, int[]> owned = new HashMap<>();
    for (int i = 0; i < 24; i++) {
      UUID id = create("R" + i, null).id();
      ids.add(id);
      int[] counts = new int[TABLES.size()];
      boolean open = random.nextInt(4) == 0;
      if (open) {
        rows.conversation(id, true);
        counts[0]++;
      }
      for (int c = random.nextInt(3); c > 0; c--) {
        rows.conversation(id, false);
        counts[0]++;
      }
      for (int t = random.nextInt(3); t > 0; t--) {
        rows.ticket(id);
        counts[1]++;
      }
      for (int r = random.nextInt(2); r > 0; r--) {
        rows.rating(id, 1 + random.nextInt(5));
        counts[0]++;
        counts[2]++;
      }
      for (int n = random.nextInt(3); n > 0; n--) {
        service.addNote(admin, id, "note " + n);
        counts[3]++;
      }
      for (int u = random.nextInt(2); u > 0; u--) {
        rows.upload(id);
        counts[4]++;
      }
      owned.put(id, counts);
    }
    Map<UUID, UUID> mergedInto = new HashMap<>();
    int merges = 0;
    int refusals = 0;
    for (int attempt = 0; attempt < 40; attempt++) {
      UUID a = ids.get(random.nextInt(ids.size()));
      UUID b = ids.get(random.nextInt(ids.size()));
      UUID survivorA = follow(mergedInto, a);
      UUID survivorB = follow(mergedInto, b);
      if (survivorA.equals(survivorB)) {
        continue;
      }
      try {
        service.merge(admin, a, b);
        mergedInto.put(survivorB, survivorA);
        merges++;
      } catch (SwitchboardException e) {
        assertThat(e.getMessage()).startsWith(ContactMerger.OPEN_CONVERSATIONS);
        assertThat(hasOpen(survivorA) && hasOpen(survivorB)).isTrue();
        refusals++;
      }
    }
    assertThat(merges).isPositive();
    Map<UUID, int[]> expected = new HashMap<>();
    for (UUID id : ids) {
      int[] into = expected.computeIfAbsent(follow(mergedInto, id), k -> new int[TABLES.size()]);
      for (int t = 0; t < TABLES.size(); t++) {
        into[t] += owned.get(id)[t];
      }
    }
    for (UUID id : ids) {
      int[] want = expected.getOrDefault(id, new int[TABLES.size()]);
      for (int t = 0; t < TABLES.size(); t++) {
        assertThat(rows.count(TABLES.get(t), id)).as(TABLES.get(t) + " of " + id)
            .isEqualTo(want[t]);
      }
      assertThat(service.profiles().survivor(id)).contains(follow(mergedInto, id));
    }
    assertThat(merges + refusals).isPositive();
  }

  private boolean hasOpen(UUID contactId) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT count(*) FROM conversations WHERE contact_id = :id AND status <> 'closed'""")
        .bind("id", contactId).mapTo(Integer.class).one()) > 0;
  }

  private static UUID follow(Map<UUID, UUID> mergedInto, UUID id) {
    UUID at = id;
    while (mergedInto.containsKey(at)) {
      at = mergedInto.get(at);
    }
    return at;
  }
}
