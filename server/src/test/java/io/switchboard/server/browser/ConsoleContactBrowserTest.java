package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.util.ArrayList;
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

  /** A chat the visitor started, and the contact it belongs to. */
  protected record Chat(String conversationId, String contactId) {}

  /** A signed-in user with their REST token and console page. */
  protected record SignedIn(Fixtures.Agent user, String token, Page page) {}

  /** Two contacts of the fixtures' site with the same (fresh) email. */
  protected record Duplicates(String email, JsonNode first, JsonNode second) {}

  /** An admin who defined the plan and seats fields, signed in at {@code locale}, {@code width}. */
  protected SignedIn adminWithFields(String locale, int width) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 2);
    String token = token(admin);
    definePlanAndSeats(token);
    return new SignedIn(admin, token, signIn(admin, locale, width));
  }

  /** Two contacts named {@code first} and {@code second} sharing an email. */
  protected Duplicates duplicates(String token, String first, String second) throws Exception {
    String email = "dup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    return new Duplicates(email, createContact(token, first, email),
        createContact(token, second, email));
  }

  /** Goes online, has a visitor chat with the user ({@link #chat}), and goes offline again. */
  protected Chat chatWhileOnline(Page page, String name, String email, String text)
      throws Exception {
    setStatus(page, "online");
    try {
      return chat(page, name, email, text);
    } finally {
      setStatus(page, "offline");
    }
  }

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
        "{\"fields\":[{\"key\":\"plan\",\"labelEn\":\"Plan\",\"labelZh\":\"套餐\","
            + "\"kind\":\"choice\","
            + "\"choices\":[\"basic\",\"pro\"]},{\"key\":\"seats\",\"labelEn\":\"Seats\","
            + "\"labelZh\":\"席位\",\"kind\":\"number\",\"choices\":[]}]}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isBetween(200, 204);
    typed.addAll(List.of("basic", "pro"));
  }

  /**
   * English words left on a Chinese screen, with the data of every contact and company the
   * caller sees (names, emails, phones, tags, custom values) and every site taken out as well.
   */
  @Override
  protected List<String> english(Page page, String token, List<String> extra) throws Exception {
    List<String> data = new ArrayList<>(extra);
    for (JsonNode contact : Http.get(node.http(), "/v1/contacts?limit=200", token).body()
        .path("contacts")) {
      for (String field : List.of("name", "email", "phone")) {
        data.add(contact.path(field).asText());
      }
      contact.path("tags").forEach(tag -> data.add(tag.asText()));
      contact.path("attributes").forEach(value -> data.add(value.asText()));
    }
    for (JsonNode company : Http.get(node.http(), "/v1/companies?limit=200", token).body()
        .path("companies")) {
      data.addAll(List.of(company.path("name").asText(), company.path("domain").asText()));
    }
    // The site pickers name every site (this database holds other test classes' sites too).
    String admin = token(fixtures.addUser(Role.ADMIN, 1));
    for (JsonNode site : Http.get(node.http(), "/v1/admin/sites", admin).body()) {
      data.addAll(List.of(site.path("id").asText(), site.path("name").asText()));
    }
    data.removeIf(String::isEmpty);
    return super.english(page, token, data);
  }

  /** No serious axe findings, no sideways scrolling. */
  protected void assertClean(Page page) {
    assertThat(problems(page)).isEmpty();
  }
}
