package io.switchboard.server.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.contact.ContactProfile;
import io.switchboard.server.store.contact.TimelineItem;
import io.switchboard.server.store.user.User;
import io.switchboard.server.testing.StoreFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A contact's timeline: one list from every table, newest first, in pages without gaps. */
class ContactTimelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theTimelineReadsChatsTicketsRatingsMailsAndHistoryAcrossAMerge() throws Exception {
    StoreFixture fixture = new StoreFixture();
    Jdbi jdbi = StoreFixture.database().jdbi();
    ContactService service = new ContactService(jdbi, Clock.systemUTC());
    ContactRows rows = new ContactRows(jdbi, fixture.siteId, fixture.queueId);
    User user = fixture.newAgent();
    Principal admin = new Principal(Role.ADMIN, user.id().toString(), null, "A", 3, null, null,
        null);
    ContactProfile keep = service.create(admin, new ContactService.NewContact(fixture.siteId,
        "Keep", null, null, List.of(), List.of(), null, null, null, List.of(), null, "staff"));
    ContactProfile gone = service.create(admin, new ContactService.NewContact(fixture.siteId,
        "Gone", null, null, List.of(), List.of(), null, null, null, List.of(), null, "staff"));
    rows.conversation(keep.id(), false);
    UUID ticket = rows.ticket(gone.id());
    rows.mailIn(ticket, "Still broken");
    rows.rating(gone.id(), 5);
    service.addNote(admin, gone.id(), "Called");
    service.merge(admin, keep.id(), gone.id());

    List<TimelineItem> all = new ArrayList<>();
    TimelineItem last = null;
    do {
      List<TimelineItem> page = service.timeline(admin, gone.id(),
          last == null ? null : last.at(), last == null ? null : last.key(), 3);
      all.addAll(page);
      last = page.size() == 3 ? page.get(2) : null;
    } while (last != null);

    assertThat(all).extracting(TimelineItem::kind).containsOnlyOnce("ticket.created", "mail",
        "rating", "note_added", "merged").contains("conversation.started", "conversation.closed");
    assertThat(all).extracting(TimelineItem::kind).filteredOn("created"::equals).hasSize(2);
    assertThat(all).extracting(TimelineItem::key).doesNotHaveDuplicates();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).at()).isBeforeOrEqualTo(all.get(i - 1).at());
    }
    JsonNode mail = JSON.readTree(all.stream().filter(i -> i.kind().equals("mail"))
        .findFirst().orElseThrow().detail());
    assertThat(mail.get("subject").asText()).isEqualTo("Still broken");
    JsonNode rating = JSON.readTree(all.stream().filter(i -> i.kind().equals("rating"))
        .findFirst().orElseThrow().detail());
    assertThat(rating.get("score").asInt()).isEqualTo(5);
    TimelineItem merged = all.stream().filter(i -> i.kind().equals("merged")).findFirst()
        .orElseThrow();
    assertThat(merged.actorName()).isEqualTo(user.displayName());
    assertThat(JSON.readTree(merged.detail()).get("moved").get("tickets").asInt()).isEqualTo(1);
  }
}
