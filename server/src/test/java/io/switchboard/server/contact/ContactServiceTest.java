package io.switchboard.server.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.contact.ContactField;
import io.switchboard.server.store.contact.ContactHistoryDao;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.contact.ContactQuery;
import io.switchboard.server.store.contact.TimelineItem;
import io.switchboard.server.store.user.User;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contacts through {@link ContactService} on the real test PostgreSQL. */
class ContactServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreFixture fixture;
  private Jdbi jdbi;
  private ContactService service;
  private Principal admin;
  private User user;

  @BeforeEach
  void setUp() {
    fixture = new StoreFixture();
    jdbi = StoreFixture.database().jdbi();
    service = new ContactService(jdbi, Clock.systemUTC());
    user = fixture.newAgent();
    admin = new Principal(Role.ADMIN, user.id().toString(), null, "Admin", 3, null, null, null);
    service.replaceFields(admin, fixture.siteId, List.of(
        new ContactField("plan", "Plan", "套餐", "choice", List.of("free", "pro")),
        new ContactField("seats", "Seats", "席位", "number", List.of()),
        new ContactField("renewal", "Renewal", "续约", "date", List.of()),
        new ContactField("vip", "VIP", "贵宾", "boolean", List.of()),
        new ContactField("notes", "Notes", "备注", "text", List.of())));
  }

  private ContactProfile create(String name, String email) {
    return service.create(admin, new ContactService.NewContact(fixture.siteId, name, email, null,
        List.of(), List.of(), null, null, null, List.of(), null, "staff"));
  }

  private static ContactPatch patch(Set<String> given, String name, String stage, UUID owner,
      JsonNode attributes) {
    return new ContactPatch(given, name, null, null, null, null, null, owner, stage, null,
        attributes);
  }

  @Test
  void everyEditIsRecordedWithItsActorAndTheFieldsBeforeAndAfter() throws Exception {
    ContactProfile contact = create("Ann", "ann@example.com");
    service.edit(admin, contact.id(), patch(Set.of("name", "stage", "ownerId"), "Ann Lee",
        "lead", user.id(), null));
    ContactProfile after = service.edit(admin, contact.id(),
        patch(Set.of("attributes"), null, null, null, JSON.readTree("{\"plan\":\"pro\"}")));

    assertThat(after.name()).isEqualTo("Ann Lee");
    assertThat(after.stage()).isEqualTo("lead");
    assertThat(after.ownerId()).isEqualTo(user.id());
    assertThat(new ContactHistoryDao(jdbi).eventKinds(contact.id())).containsExactly(
        "created", "stage_changed", "owner_changed", "edited", "edited");
    List<TimelineItem> items = service.timeline(admin, contact.id(), null, null, 50);
    TimelineItem nameEdit = items.stream().filter(i -> i.kind().equals("edited")
        && i.detail().contains("Ann Lee")).findFirst().orElseThrow();
    JsonNode changes = JSON.readTree(nameEdit.detail()).get("changes");
    assertThat(changes.get("name").get("before").asText()).isEqualTo("Ann");
    assertThat(changes.get("name").get("after").asText()).isEqualTo("Ann Lee");
    assertThat(nameEdit.actorId()).isEqualTo(user.id().toString());
    assertThat(nameEdit.actorName()).isEqualTo(user.displayName());
    TimelineItem stage = items.stream().filter(i -> i.kind().equals("stage_changed"))
        .findFirst().orElseThrow();
    assertThat(JSON.readTree(stage.detail()).get("to").asText()).isEqualTo("lead");
    // An edit that changes nothing records nothing.
    service.edit(admin, contact.id(), patch(Set.of("name"), "Ann Lee", null, null, null));
    assertThat(new ContactHistoryDao(jdbi).eventKinds(contact.id())).hasSize(5);
  }

  @Test
  void attributesAreCheckedAgainstTheSiteFields() throws Exception {
    ContactProfile contact = create("Bo", null);
    ContactProfile edited = service.edit(admin, contact.id(), patch(Set.of("attributes"), null,
        null, null, JSON.readTree("""
            {"plan":"free","seats":12.5,"renewal":"2027-01-31","vip":true,"notes":"likes tea"}
            """)));
    assertThat(service.visibleAttributes(edited).toString())
        .contains("\"plan\":\"free\"", "\"seats\":12.5", "\"vip\":true");

    for (String bad : List.of("{\"plan\":\"gold\"}", "{\"seats\":\"12\"}",
        "{\"renewal\":\"31/01/2027\"}", "{\"vip\":\"yes\"}",
        "{\"notes\":\"" + "x".repeat(2001) + "\"}", "{\"unknown\":1}")) {
      assertThatThrownBy(() -> service.edit(admin, contact.id(), patch(Set.of("attributes"),
          null, null, null, JSON.readTree(bad))))
          .as(bad).isInstanceOf(SwitchboardException.class)
          .extracting(e -> ((SwitchboardException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    // A removed field's value stays stored but is no longer shown.
    service.replaceFields(admin, fixture.siteId, List.of(
        new ContactField("plan", "Plan", "套餐", "choice", List.of("free", "pro"))));
    ContactProfile reread = service.find(admin, contact.id()).contact();
    assertThat(service.visibleAttributes(reread).toString()).isEqualTo("{\"plan\":\"free\"}");
    assertThat(reread.attributes()).contains("likes tea");
  }

  @Test
  void badFieldsAreRefusedAndNothingIsStored() {
    ContactProfile contact = create("Cy", "cy@example.com");
    assertThatThrownBy(() -> service.edit(admin, contact.id(),
        patch(Set.of("stage"), null, "prospect", null, null)))
        .hasMessageContaining("stage");
    assertThatThrownBy(() -> service.edit(admin, contact.id(),
        patch(Set.of("ownerId"), null, null, UUID.randomUUID(), null)))
        .hasMessageContaining("ownerId");
    assertThatThrownBy(() -> create("Dee", "not an email")).hasMessageContaining("email");
    assertThat(service.find(admin, contact.id()).contact().stage()).isEqualTo("visitor");
    assertThat(new ContactHistoryDao(jdbi).eventKinds(contact.id())).containsExactly("created");
  }

  @Test
  void staffSeeOnlyTheContactsOfTheirTeamsSites() {
    ContactProfile contact = create("Eve", "eve@example.com");
    Principal ownTeam = new Principal(Role.AGENT, user.id().toString(), null, "A", 3, null,
        null, Set.of(fixture.queueId));
    StoreFixture other = new StoreFixture();
    Principal otherTeam = new Principal(Role.AGENT, user.id().toString(), null, "A", 3, null,
        null, Set.of(other.queueId));

    assertThat(service.find(ownTeam, contact.id()).contact().id()).isEqualTo(contact.id());
    service.edit(ownTeam, contact.id(), patch(Set.of("name"), "Eve B", null, null, null));
    assertThatThrownBy(() -> service.find(otherTeam, contact.id()))
        .extracting(e -> ((SwitchboardException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThatThrownBy(() -> service.addNote(otherTeam, contact.id(), "hello"))
        .extracting(e -> ((SwitchboardException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(service.list(otherTeam, new ContactQuery(null, null, "eve", null, null, null,
        null, null, null, 50))).noneMatch(c -> c.id().equals(contact.id()));
    assertThat(service.list(ownTeam, new ContactQuery(null, fixture.siteId, "EVE@", null, null,
        null, null, null, null, 50))).extracting(ContactProfile::id).containsExactly(contact.id());
  }

  @Test
  void notesAreKeptAndRecorded() {
    ContactProfile contact = create("Fay", null);
    service.addNote(admin, contact.id(), "Called about the invoice");
    assertThat(service.notes(admin, contact.id(), 10)).singleElement()
        .satisfies(note -> assertThat(note.authorName()).isEqualTo(user.displayName()));
    assertThat(new ContactHistoryDao(jdbi).eventKinds(contact.id())).contains("note_added");
    assertThatThrownBy(() -> service.addNote(admin, contact.id(), " "))
        .hasMessageContaining("body");
  }

  @Test
  void listPagesByKeysetWithoutGapsOrRepeats() {
    for (int i = 0; i < 7; i++) {
      create("Page " + i, "page" + i + "@example.com");
    }
    List<UUID> seen = new java.util.ArrayList<>();
    ContactProfile last = null;
    do {
      List<ContactProfile> page = service.list(admin, new ContactQuery(null, fixture.siteId,
          null, null, null, null, null, last == null ? null : last.createdAt(),
          last == null ? null : last.id(), 3));
      page.forEach(c -> seen.add(c.id()));
      last = page.size() == 3 ? page.get(2) : null;
    } while (last != null);
    assertThat(seen).hasSize(7).doesNotHaveDuplicates();
  }
}
