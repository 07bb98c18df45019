package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.store.message.AppendRequest;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.RawSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** I5 on the wire: resume replays exactly the messages after lastSeq, in order, in pages. */
class ResumeTest extends NodeTest {
  private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");


  @Test
  void resumeReturnsExactlyTheMissingMessagesInOrderAndPages() throws Exception {
    String token = Http.visitorToken(node.http(), fixtures.siteKey);
    String conversationId;
    try (RawSocket socket = RawSocket.connect(node.ws(), token)) {
      socket.next("welcome");
      socket.sendText("{\"type\":\"start\",\"id\":\"s\"}");
      conversationId = socket.next("started").replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
    }
    // 620 messages stored directly, more than one resume page of 500.
    String contactId = contactOf(token);
    try (GroupCommitMessageWriter writer =
        new GroupCommitMessageWriter(node.node().database().dataSource())) {
      for (int i = 1; i <= 620; i++) {
        writer.append(new AppendRequest(UUID.fromString(conversationId), "m" + i, "visitor",
            contactId, "message " + i)).join();
      }
    }
    try (RawSocket socket = RawSocket.connect(node.ws(), token)) {
      assertThat(socket.next("welcome")).contains(conversationId).contains("\"lastSeq\":620");
      socket.sendText(resume("r1", conversationId, 5));
      List<Long> seqs = new ArrayList<>();
      String frame;
      while (!(frame = socket.next()).contains("\"type\":\"resumed\"")) {
        if (frame.contains("\"type\":\"message\"")) {
          seqs.add(seq(frame));
        }
      }
      assertThat(frame).contains("\"id\":\"r1\"").contains("\"lastSeq\":505").contains("\"more\":true");
      assertThat(seqs).containsExactlyElementsOf(range(6, 505));

      socket.sendText(resume("r2", conversationId, 505));
      seqs.clear();
      while (!(frame = socket.next()).contains("\"type\":\"resumed\"")) {
        if (frame.contains("\"type\":\"message\"")) {
          seqs.add(seq(frame));
        }
      }
      assertThat(frame).contains("\"lastSeq\":620").contains("\"more\":false");
      assertThat(seqs).containsExactlyElementsOf(range(506, 620));

      socket.sendText(resume("r3", conversationId, 900));
      assertThat(socket.next("error")).contains("\"id\":\"r3\"").contains("resume_gap");
    }
  }

  @Test
  void originOutsideTheAllowListIsRefusedWith403ButSameOriginIsAccepted() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    new SiteDao(node.node().database().jdbi()).create(new Site("locked-" + suffix, "Locked",
        "locked-key-" + suffix, List.of("https://shop.example"), null));
    String token = Http.visitorToken(node.http(), "locked-key-" + suffix);
    URI uri = URI.create(node.ws() + "?token=" + token);
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
            .header("Origin", "https://evil.example")
            .buildAsync(uri, new WebSocket.Listener() {}).join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
            .isEqualTo(403));
    for (String origin : List.of("https://shop.example", "http://127.0.0.1:" + node.port())) {
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .header("Origin", origin).buildAsync(uri, new WebSocket.Listener() {}).join();
      socket.abort();
    }
  }

  private static String contactOf(String visitorToken) throws Exception {
    return Http.post(node.http(), "/v1/visitors", "{\"siteKey\":\"" + fixtures.siteKey
        + "\",\"visitorToken\":\"" + visitorToken + "\"}").body().get("contactId").asText();
  }

  private static String resume(String id, String conversationId, long lastSeq) {
    return "{\"type\":\"resume\",\"id\":\"" + id + "\",\"conversationId\":\"" + conversationId
        + "\",\"lastSeq\":" + lastSeq + "}";
  }

  private static long seq(String frame) {
    Matcher matcher = SEQ.matcher(frame);
    if (!matcher.find()) {
      throw new AssertionError("no seq in " + frame);
    }
    return Long.parseLong(matcher.group(1));
  }

  private static List<Long> range(long from, long to) {
    List<Long> values = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      values.add(i);
    }
    return values;
  }
}
