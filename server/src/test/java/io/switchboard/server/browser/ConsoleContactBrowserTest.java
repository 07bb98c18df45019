package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared steps of the contact screen tests: contacts made over REST, a chat whose visitor
 * becomes a contact with a chat and a ticket in their timeline, and the site's custom contact
 * fields. The checks every screen must pass come from {@link ConsoleTicketBrowserTest}.
 *
 * <p>Not thread-safe: JUnit runs these tests one at a time.
 */
abstract class ConsoleContactBrowserTest extends ConsoleTicketBrowserTest {

  /** A chat the visitor started and closed, and the contact it belongs to. */
  protected record Chat(String conversationId, String contactId) {}

  /** Creates a contact on the fixtures' site over REST; answers it. */
  protected JsonNode createContact(String token, String name, String email) throws Exception {
    typed.addAll(List.of(name, email));
    Http.Reply reply = Http.call("POST", node.http(), "/v1/contacts", token, "{\"siteId\":\""
        + fixtures.siteId + "\",\"name\":\"" + name + "\",\"email\":\"" + email + "\"}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
    return reply.body();
  }

  /** Any contact call, checked for the expected HTTP status; answers the body. */
  protected JsonNode contactCall(String token, String method, String path, String json,
      int expected) throws Exception {
    Http.Reply reply = Http.call(method, node.http(), path, token, json);
    assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(expected);
    return reply.body();
  }

  /**
   * A visitor named {@code name} chats with the signed-in agent on {@code page} (who must be
   * online), says {@code text}, and the visitor closes the chat.
   */
  protected Chat chat(Page page, String name, String email, String text) throws Exception {
    typed.addAll(List.of(name, email, text));
    try (Participant visitor = Participant.connect(node.ws(),
        Http.visitorToken(node.http(), fixtures.siteKey), event -> { })) {
      String id = visitor.client().start(fixtures.queueId, Map.of("name", name, "email", email))
          .get().conversationId();
      visitor.client().send(id, text).get();
      page.locator(".conv-item", new Page.LocatorOptions().setHasText(name)).click();
      assertThat(page.getByRole(AriaRole.LOG)).containsText(text);
      UUID contact = new ConversationDao(jdbi()).find(UUID.fromString(id)).orElseThrow()
          .contactId();
      return new Chat(id, contact.toString());
    }
  }

  /** Defines the site's custom contact fields: a plan (choice) and seats (number). */
  protected void definePlanAndSeats(String adminToken) throws Exception {
    Http.Reply reply = Http.call("PUT", node.http(),
        "/v1/admin/sites/" + fixtures.siteId + "/contact-fields", adminToken,
        "[{\"key\":\"plan\",\"labelEn\":\"Plan\",\"labelZh\":\"套餐\",\"kind\":\"choice\","
            + "\"choices\":[\"basic\",\"pro\"]},{\"key\":\"seats\",\"labelEn\":\"Seats\","
            + "\"labelZh\":\"席位\",\"kind\":\"number\",\"choices\":[]}]");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isBetween(200, 204);
    typed.addAll(List.of("basic", "pro"));
  }

  /** No serious axe findings, no sideways scrolling. */
  protected void assertClean(Page page) {
    assertThat(problems(page)).isEmpty();
  }
}
