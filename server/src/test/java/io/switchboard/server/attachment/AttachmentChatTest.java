package io.switchboard.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatException;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.sdk.UploadedAttachment;
import io.switchboard.server.store.attachment.Attachment;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Files in a chat through the Java SDK on a real node: uploaded first, sent by id, stored and
 * linked with the message before its ack, delivered with a signed link, kept across a reconnect
 * and a resume, and retried safely (the same upload id, the same clientMsgId).
 */
class AttachmentChatTest extends AttachmentNodeTest {
  @Test
  void aFileInAChatSurvivesAReconnect() throws Exception {
    String token = SwitchboardHttp.requestVisitorToken(node.http(), fixtures.siteKey, null)
        .visitorToken();
    Path file = Files.write(dataDir.resolve("photo.png"), PNG);
    String conversationId;
    UploadedAttachment upload;
    try (Participant visitor = Participant.connect(node.ws(), token, event -> { })) {
      conversationId = visitor.client().start(fixtures.queueId, Map.of("name", "Lena",
          "email", "lena@example.com")).get().conversationId();
      upload = SwitchboardHttp.uploadAttachment(node.http(), token, file, "photo.png", "up-1");
      // The same upload id again (a retry after a lost answer) is the same upload.
      assertThat(SwitchboardHttp.uploadAttachment(node.http(), token, file, "photo.png", "up-1")
          .id()).isEqualTo(upload.id());
      assertThat(upload.contentType()).isEqualTo("image/png");
      assertThat(upload.image()).isTrue();

      ServerMessage.Ack ack = visitor.client()
          .send(conversationId, "m-1", "", List.of(upload.id())).get();
      // Acknowledged means stored and linked.
      Attachment stored = new AttachmentDao(node.node().database().jdbi())
          .find(UUID.fromString(upload.id())).orElseThrow();
      assertThat(stored.conversationId()).isEqualTo(UUID.fromString(conversationId));
      assertThat(stored.messageSeq()).isEqualTo(ack.seq());
      // A retried clientMsgId with the same files answers the original seq (I2).
      assertThat(visitor.client().send(conversationId, "m-1", "", List.of(upload.id())).get()
          .seq()).isEqualTo(ack.seq());
      // The same upload on another message is refused.
      assertThatThrownBy(() -> visitor.client()
          .send(conversationId, "m-2", "again", List.of(upload.id())).get())
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ChatException.class)
          .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.CONFLICT));
      await().atMost(Duration.ofSeconds(10))
          .until(() -> !visitor.messages(conversationId).isEmpty());
      assertThat(visitor.messages(conversationId).get(0).attachments()).hasSize(1);
    }

    // A new connection resumes the conversation: the message and its file are there.
    try (Participant back = Participant.connect(node.ws(), token, event -> { })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !back.messages(conversationId).isEmpty());
      ServerMessage.Message message = back.messages(conversationId).get(0);
      assertThat(message.text()).isEmpty();
      assertThat(message.attachments()).singleElement().satisfies(attachment -> {
        assertThat(attachment.id()).isEqualTo(upload.id());
        assertThat(attachment.name()).isEqualTo("photo.png");
        assertThat(attachment.size()).isEqualTo(PNG.length);
        assertThat(attachment.image()).isTrue();
      });
      String url = message.attachments().get(0).url();
      assertThat(Uploads.download(node.http(), url).body()).isEqualTo(PNG);
    }
    // Only those who may see the conversation get it.
    String stranger = Http.visitorToken(node.http(), fixtures.siteKey);
    assertThat(Http.get(node.http(), "/v1/attachments/" + upload.id(), stranger).status())
        .isEqualTo(404);
    String outsider = Http.agentToken(node.http(),
        Fixtures.create(node.node().database().jdbi()).addAgent(2));
    assertThat(Http.get(node.http(), "/v1/attachments/" + upload.id(), outsider).status())
        .isEqualTo(404);
    assertThat(Http.get(node.http(), "/v1/attachments/" + upload.id(), token).status())
        .isEqualTo(200);
  }

  @Test
  void aFileOverTheSiteRulesIsRefusedWhenSent() throws Exception {
    String token = SwitchboardHttp.requestVisitorToken(node.http(), fixtures.siteKey, null)
        .visitorToken();
    String other = SwitchboardHttp.requestVisitorToken(node.http(), fixtures.siteKey, null)
        .visitorToken();
    Path file = Files.write(dataDir.resolve("other.png"), PNG);
    UploadedAttachment notMine = SwitchboardHttp.uploadAttachment(node.http(), other, file,
        "other.png", null);
    try (Participant visitor = Participant.connect(node.ws(), token, event -> { })) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of("name", "Max",
          "email", "max@example.com")).get().conversationId();
      assertThatThrownBy(() -> visitor.client()
          .send(conversationId, "x-1", "", List.of(notMine.id())).get())
          .cause().isInstanceOf(ChatException.class)
          .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
  }
}
