package io.switchboard.server.search;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/search} over a real node: a Chinese word inside a sentence, an English word in
 * any case, both at once, the filters, team scope, and refusals of bad input. Each run writes a
 * word of its own, so other tests' data never matches.
 */
class SearchApiTest extends NodeTest {
  private static final String WORD = "parcel" + UUID.randomUUID().toString().substring(0, 6)
      .replaceAll("[^a-z0-9]", "x");
  private static String agentToken;
  private static String outsiderToken;
  private static String adminToken;
  private static String chinese;
  private static long chineseSeq;
  private static String english;
  private static String ticketId;

  @BeforeAll
  static void writeChatsAndTickets() throws Exception {
    agentToken = Http.agentToken(node.http(), fixtures.addAgent(2));
    Fixtures other = Fixtures.create(node.node().database().jdbi());
    outsiderToken = Http.agentToken(node.http(), other.addUser(Role.SUPERVISOR, 2));
    adminToken = Http.agentToken(node.http(), other.addUser(Role.ADMIN, 2));
    try (Participant first = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant second = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      chinese = first.client().start(fixtures.queueId, Map.of("name", "王小明")).get()
          .conversationId();
      first.client().send(chinese, "您好").get();
      chineseSeq = first.client().send(chinese, "我想申请退款可以吗 " + WORD).get().seq();
      english = second.client().start(fixtures.queueId, Map.of("name", "Lena")).get()
          .conversationId();
      second.client().send(english, "Where is my REFUND for the " + WORD + "?").get();
    }
    ticketId = Tickets.open(node.http(), agentToken, fixtures.queueId,
        "Phone call about " + WORD + " 退款").get("id").asText();
  }

  @Test
  void aTwoCharacterChineseWordIsFoundInsideASentence() throws Exception {
    JsonNode results = search(agentToken, "q=退款&kind=messages&site=" + fixtures.siteId);
    JsonNode hit = only(results, chinese);
    assertThat(hit.get("kind").asText()).isEqualTo("message");
    assertThat(hit.get("seq").asLong()).isEqualTo(chineseSeq);
    String snippet = hit.get("snippet").asText();
    JsonNode range = hit.get("highlights").get(0);
    assertThat(snippet.substring(range.get(0).asInt(), range.get(1).asInt())).isEqualTo("退款");
    assertThat(search(agentToken, "q=退货&kind=messages&site=" + fixtures.siteId)).isEmpty();
  }

  @Test
  void anEnglishWordMatchesInAnyCaseAndMixedQueriesNeedEveryWord() throws Exception {
    JsonNode hit = only(search(agentToken, "q=Refund&kind=messages&site=" + fixtures.siteId),
        english);
    String snippet = hit.get("snippet").asText();
    JsonNode range = hit.get("highlights").get(0);
    assertThat(snippet.substring(range.get(0).asInt(), range.get(1).asInt())).isEqualTo("REFUND");
    only(search(agentToken, "q=" + WORD + " 退款&kind=messages"), chinese);
    JsonNode all = search(agentToken, "q=" + WORD);
    // The ticket twice: its subject (no entry) and the first entry of its thread.
    assertThat(kinds(all)).containsExactlyInAnyOrder("message", "message", "ticket", "ticket");
    List<Boolean> withEntry = new ArrayList<>();
    for (JsonNode found : all) {
      if (found.get("kind").asText().equals("ticket")) {
        assertThat(found.get("ticketId").asText()).isEqualTo(ticketId);
        assertThat(found.get("title").asText()).startsWith("Phone call about");
        assertThat(found.get("number").asLong()).isPositive();
        withEntry.add(found.has("entryId"));
      }
    }
    assertThat(withEntry).containsExactlyInAnyOrder(true, false);
  }

  @Test
  void filtersNarrowTheKindsAndTimes() throws Exception {
    assertThat(kinds(search(agentToken, "q=" + WORD + "&kind=tickets")))
        .containsExactly("ticket", "ticket");
    assertThat(kinds(search(agentToken, "q=" + WORD + "&status=queued")))
        .containsExactly("message", "message");
    assertThat(kinds(search(agentToken, "q=" + WORD + "&status=new")))
        .containsExactly("ticket", "ticket");
    assertThat(kinds(search(agentToken, "q=" + WORD + "&channel=api")))
        .containsExactly("ticket", "ticket");
    assertThat(kinds(search(agentToken, "q=" + WORD + "&team=" + fixtures.teamId))).hasSize(4);
    assertThat(search(agentToken, "q=" + WORD + "&team=no-such-team")).isEmpty();
    assertThat(search(agentToken, "q=" + WORD + "&tag=vip")).isEmpty();
    assertThat(search(agentToken, "q=" + WORD + "&rating=5")).isEmpty();
    assertThat(search(agentToken, "q=" + WORD + "&to=2020-01-01T00:00:00Z")).isEmpty();
    String later = Instant.now().plusSeconds(3600).toString();
    assertThat(search(agentToken, "q=" + WORD + "&from=" + later)).isEmpty();
    List<String> pages = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page = expect(200, Http.get(node.http(), "/v1/search?limit=1&q=" + WORD
          + cursor, agentToken));
      page.get("results").forEach(hit -> pages.add(hit.get("kind").asText()));
      cursor = page.get("next").isNull() ? null : "&cursor=" + page.get("next").asText();
    } while (cursor != null);
    assertThat(pages).containsExactlyInAnyOrder("message", "message", "ticket", "ticket");
  }

  @Test
  void staffFindOnlyWhatTheirTeamsMayOpen() throws Exception {
    assertThat(search(outsiderToken, "q=" + WORD)).isEmpty();
    assertThat(search(outsiderToken, "q=小明&kind=contacts")).isEmpty();
    assertThat(kinds(search(adminToken, "q=" + WORD))).hasSize(4);
    JsonNode contact = find(search(adminToken, "q=小明&kind=contacts&site=" + fixtures.siteId),
        "contact");
    assertThat(contact.get("title").asText()).isEqualTo("王小明");
  }

  @Test
  void badInputIsRefusedWithTheFieldNamed() throws Exception {
    assertRefused("q=", "q:");
    assertRefused("q=" + "a".repeat(201), "q:");
    assertRefused("q=!!!", "q:");
    assertRefused("q=x&kind=everything", "kind:");
    assertRefused("q=x&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from:");
    assertRefused("q=x&from=yesterday", "from:");
    assertRefused("q=x&status=lost", "status:");
    assertRefused("q=x&cursor=nonsense", "cursor:");
    assertThat(Http.get(node.http(), "/v1/search?q=x", null).status()).isEqualTo(401);
  }

  private static void assertRefused(String query, String field) throws Exception {
    Http.Reply reply = Http.get(node.http(), "/v1/search?" + encode(query), agentToken);
    assertThat(reply.status()).as(query).isEqualTo(400);
    assertThat(reply.body().get("error").get("message").asText()).as(query).startsWith(field);
  }

  private static JsonNode search(String token, String query) throws Exception {
    return expect(200, Http.get(node.http(), "/v1/search?" + encode(query), token))
        .get("results");
  }

  /** Encodes each value of a query string written plainly. */
  private static String encode(String query) {
    List<String> parts = new ArrayList<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      parts.add(pair.substring(0, equals + 1)
          + URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  private static JsonNode only(JsonNode results, String conversationId) {
    assertThat(results).hasSize(1);
    assertThat(results.get(0).get("conversationId").asText()).isEqualTo(conversationId);
    return results.get(0);
  }

  private static JsonNode find(JsonNode results, String kind) {
    for (JsonNode hit : results) {
      if (hit.get("kind").asText().equals(kind)) {
        return hit;
      }
    }
    throw new AssertionError("no " + kind + " in " + results);
  }

  private static List<String> kinds(JsonNode results) {
    List<String> kinds = new ArrayList<>();
    results.forEach(hit -> kinds.add(hit.get("kind").asText()));
    return kinds;
  }
}
