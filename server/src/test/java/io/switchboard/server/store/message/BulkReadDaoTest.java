package io.switchboard.server.store.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.message.BulkReadDao.ContactRef;
import io.switchboard.server.store.message.BulkReadDao.Since;
import io.switchboard.server.testing.StoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkReadDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final BulkReadDao bulk = new BulkReadDao(StoreFixture.database().jdbi());
  private final GroupCommitMessageWriter writer =
      new GroupCommitMessageWriter(StoreFixture.database().dataSource());

  @AfterEach
  void closeWriter() {
    writer.close();
  }

  private Conversation withMessages(int count) {
    Conversation conversation = fixture.newConversation();
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sends.add(writer.append(new AppendRequest(conversation.id(), "b" + i, "visitor",
          conversation.contactId().toString(), "bulk " + i)));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    return fixture.conversations.find(conversation.id()).orElseThrow();
  }

  @Test
  void eachPositionGetsTheSamePageAsASingleRead() {
    Conversation a = withMessages(9);
    Conversation b = withMessages(3);
    Conversation empty = withMessages(0);
    List<Since> positions = List.of(new Since(a.id(), 0), new Since(a.id(), 5),
        new Since(b.id(), 1), new Since(b.id(), 3), new Since(empty.id(), 0),
        new Since(UUID.randomUUID(), 0));

    Map<Since, List<StoredMessage>> pages = bulk.afterEach(positions, 4);

    assertThat(pages).hasSize(positions.size());
    for (Since p : positions) {
      assertThat(pages.get(p)).as("page after %s", p)
          .isEqualTo(fixture.messages.after(p.conversationId(), p.afterSeq(), 4));
    }
    assertThat(pages.get(positions.get(0))).extracting(StoredMessage::seq)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(pages.get(positions.get(1))).extracting(StoredMessage::seq)
        .containsExactly(6L, 7L, 8L, 9L);
    assertThat(pages.get(positions.get(3))).isEmpty();
    assertThat(bulk.afterEach(List.of(), 4)).isEmpty();
  }

  @Test
  void aResumePageHoldsTheConversationAsItIsAndItsPage() {
    Conversation a = withMessages(8);
    Conversation empty = withMessages(0);
    Since unknown = new Since(UUID.randomUUID(), 0);
    List<Since> positions = List.of(new Since(a.id(), 2), new Since(a.id(), 8),
        new Since(empty.id(), 0), unknown);

    Map<Since, ResumePage> pages = bulk.resumePages(positions, 4);

    assertThat(pages).doesNotContainKey(unknown).hasSize(3);
    ResumePage page = pages.get(positions.get(0));
    assertThat(page.conversation()).isEqualTo(a);
    assertThat(page.conversation().lastSeq()).isEqualTo(8);
    assertThat(page.messages()).isEqualTo(fixture.messages.after(a.id(), 2, 4));
    assertThat(page.messages()).extracting(StoredMessage::seq).containsExactly(3L, 4L, 5L, 6L);
    assertThat(pages.get(positions.get(1)).messages()).isEmpty();
    assertThat(pages.get(positions.get(2)).conversation()).isEqualTo(empty);
    assertThat(pages.get(positions.get(2)).messages()).isEmpty();
  }

  @Test
  void openConversationsAreFoundPerContactAndSite() {
    Conversation open = fixture.newConversation();
    Conversation closed = fixture.newConversation();
    fixture.conversations.close(closed.id(), "agent", null);
    ContactRef withOpen = new ContactRef(open.siteId(), open.contactId());
    ContactRef withClosed = new ContactRef(closed.siteId(), closed.contactId());
    ContactRef otherSite = new ContactRef("some-other-site", open.contactId());
    ContactRef unknown = new ContactRef(open.siteId(), UUID.randomUUID());

    Map<ContactRef, Conversation> found =
        bulk.openForContacts(List.of(withOpen, withClosed, otherSite, unknown));

    assertThat(found).containsOnlyKeys(withOpen);
    assertThat(found.get(withOpen)).isEqualTo(open);
    assertThat(bulk.openForContacts(List.of())).isEmpty();
  }
}
