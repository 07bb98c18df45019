package io.switchboard.server.store.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.testing.StoreFixture;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final GroupCommitMessageWriter writer =
      new GroupCommitMessageWriter(StoreFixture.database().dataSource());

  @AfterEach
  void closeWriter() {
    writer.close();
  }

  @Test
  void readsMessagesAfterASeqInOrderAndCountsThem() {
    Conversation conversation = fixture.newConversation();
    String visitor = conversation.contactId().toString();
    CompletableFuture<?>[] sends = new CompletableFuture<?>[10];
    for (int i = 0; i < sends.length; i++) {
      sends[i] = writer.append(new AppendRequest(
          conversation.id(), "m" + i, "visitor", visitor, "message " + i));
    }
    CompletableFuture.allOf(sends).join();

    var page = fixture.messages.after(conversation.id(), 3, 4);
    assertThat(page).extracting(StoredMessage::seq).containsExactly(4L, 5L, 6L, 7L);
    assertThat(page).extracting(StoredMessage::body)
        .containsExactly("message 3", "message 4", "message 5", "message 6");
    assertThat(page.getFirst().clientMsgId()).isEqualTo("m3");
    assertThat(page.getFirst().senderRole()).isEqualTo("visitor");
    assertThat(page.getFirst().senderId()).isEqualTo(visitor);
    assertThat(page.getFirst().createdAt()).isNotNull();
    assertThat(fixture.messages.after(conversation.id(), 0, 100)).hasSize(10);
    assertThat(fixture.messages.after(conversation.id(), 10, 100)).isEmpty();
    assertThat(fixture.messages.count(conversation.id())).isEqualTo(10);
    assertThat(fixture.messages.count(UUID.randomUUID())).isZero();
    assertThat(fixture.conversations.find(conversation.id()).orElseThrow().lastSeq())
        .isEqualTo(10);
  }
}
