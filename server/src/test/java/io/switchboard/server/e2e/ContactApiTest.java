package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Tickets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contacts, companies and contact fields REST contract through a real node. */
class ContactApiTest extends NodeTest {
  private static String admin;
  private static String agent;
  private static Fixtures.Agent agentAccount;
  private static String outsider;
  private static URI base;

  @BeforeAll
  static void logIn() throws Exception {
    base = node.http();
    admin = Http.agentToken(base, fixtures.addUser(Role.ADMIN, 3));
    agentAccount = fixtures.addAgent(3);
    agent = Http.agentToken(base, agentAccount);
    Fixtures otherTeam = Fixtures.create(node.node().database().jdbi());
    outsider = Http.agentToken(base, otherTeam.addAgent(3));
  }

  /** The ids of the objects of a JSON list. */
  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private static JsonNode create(String token, String json) throws Exception {
    return Tickets.expect(201, Http.call("POST", base, "/v1/contacts", token, json));
  }

  private static String contact(String name, String email) {
    return "{\"siteId\":\"" + fixtures.siteId + "\",\"name\":\"" + name + "\",\"email\":\""
        + email + "\"}";
  }

  @Test
  void agentsCreateReadEditAndListTheirSitesContacts() throws Exception {
    JsonNode created = create(agent, contact("Lena", "lena-" + UUID.randomUUID()
        + "@example.com"));
    String id = created.get("id").asText();
    assertThat(created.get("source").asText()).isEqualTo("staff");
    assertThat(created.get("stage").asText()).isEqualTo("visitor");
    assertThat(created.get("company").isNull()).isTrue();
    assertThat(created.get("mergedInto").isNull()).isTrue();
    assertThat(created.get("otherEmails").isArray()).isTrue();

    // A chat's visitor becomes a lead with an owner; the leads view lists them.
    JsonNode lead = Tickets.expect(200, Http.call("PATCH", base, "/v1/contacts/" + id, agent,
        "{\"stage\":\"lead\",\"ownerId\":\"" + agentAccount.id() + "\",\"tags\":[\"trial\"]}"));
    assertThat(lead.get("owner").get("name").asText()).isEqualTo(agentAccount.name());
    JsonNode leads = Tickets.expect(200, Http.get(base, "/v1/contacts?stage=lead&owner="
        + agentAccount.id() + "&site=" + fixtures.siteId, agent));
    assertThat(ids(leads.get("contacts"))).contains(id);
    JsonNode found = Tickets.expect(200, Http.get(base, "/v1/contacts?q=LENA&tag=trial",
        agent));
    assertThat(ids(found.get("contacts"))).containsExactly(id);

    JsonNode note = Tickets.expect(201, Http.call("POST", base, "/v1/contacts/" + id + "/notes",
        agent, "{\"body\":\"Wants a demo\"}"));
    assertThat(note.get("author").get("name").asText()).isEqualTo(agentAccount.name());
    assertThat(Tickets.expect(200, Http.get(base, "/v1/contacts/" + id + "/notes", agent))
        .get("notes")).hasSize(1);

    JsonNode timeline = Tickets.expect(200, Http.get(base, "/v1/contacts/" + id
        + "/timeline?limit=2", agent));
    assertThat(timeline.get("items")).hasSize(2);
    assertThat(timeline.get("items").get(0).get("kind").asText()).isEqualTo("note_added");
    assertThat(timeline.get("items").get(0).get("actor").get("name").asText())
        .isEqualTo(agentAccount.name());
    List<String> kinds = new ArrayList<>(timeline.get("items").findValuesAsText("kind"));
    String next = timeline.get("next").asText();
    JsonNode rest = Tickets.expect(200, Http.get(base, "/v1/contacts/" + id
        + "/timeline?limit=50&before=" + next, agent));
    kinds.addAll(rest.get("items").findValuesAsText("kind"));
    assertThat(kinds).containsExactly("note_added", "edited", "owner_changed",
        "stage_changed", "created");
    assertThat(rest.get("next").isNull()).isTrue();
  }

  @Test
  void mergeAnswersTheSurvivorAndTheOldIdRedirects() throws Exception {
    String shared = "dup-" + UUID.randomUUID() + "@example.com";
    String a = create(agent, contact("Ada", shared)).get("id").asText();
    String b = create(agent, contact("Ada L", shared.toUpperCase())).get("id").asText();
    JsonNode pairs = Tickets.expect(200, Http.get(base, "/v1/contacts/duplicates?site="
        + fixtures.siteId, agent)).get("pairs");
    assertThat(pairs).anySatisfy(pair -> {
      assertThat(List.of(pair.get("a").get("id").asText(), pair.get("b").get("id").asText()))
          .containsExactlyInAnyOrder(a, b);
      assertThat(pair.get("reason").asText()).isEqualTo("email");
    });

    JsonNode survivor = Tickets.expect(200, Http.call("POST", base, "/v1/contacts/" + a
        + "/merge", agent, "{\"mergedId\":\"" + b + "\"}"));
    assertThat(survivor.get("id").asText()).isEqualTo(a);
    JsonNode redirected = Tickets.expect(200, Http.get(base, "/v1/contacts/" + b, agent));
    assertThat(redirected.get("id").asText()).isEqualTo(a);
    assertThat(redirected.get("redirectedFrom").asText()).isEqualTo(b);
    JsonNode list = Tickets.expect(200, Http.get(base, "/v1/contacts?site=" + fixtures.siteId
        + "&q=" + shared.substring(0, 12), agent));
    assertThat(ids(list.get("contacts"))).containsExactly(a);

    // Two open chats cannot become one contact's.
    Jdbi jdbi = node.node().database().jdbi();
    String c = create(agent, contact("Cy", "cy-" + UUID.randomUUID() + "@example.com"))
        .get("id").asText();
    for (String id : List.of(a, c)) {
      jdbi.useHandle(h -> h.createUpdate("""
              INSERT INTO conversations (id, site_id, contact_id, queue_id, status)
              VALUES (:id, :site, CAST(:contact AS uuid), :queue, 'queued')""")
          .bind("id", UUID.randomUUID()).bind("site", fixtures.siteId).bind("contact", id)
          .bind("queue", fixtures.queueId).execute());
    }
    Http.Reply refused = Http.call("POST", base, "/v1/contacts/" + a + "/merge", agent,
        "{\"mergedId\":\"" + c + "\"}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("error").get("code").asText()).isEqualTo("conflict");
    assertThat(refused.body().get("error").get("message").asText())
        .startsWith("merge_open_conversations");
  }

  @Test
  void anotherTeamsAgentSeesNothingAndNonAdminsCannotDefineFields() throws Exception {
    String id = create(agent, contact("Hidden", "hidden-" + UUID.randomUUID()
        + "@example.com")).get("id").asText();
    assertThat(Http.get(base, "/v1/contacts/" + id, outsider).status()).isEqualTo(404);
    assertThat(Http.call("PATCH", base, "/v1/contacts/" + id, outsider,
        "{\"name\":\"x\"}").status()).isEqualTo(404);
    assertThat(Http.get(base, "/v1/contacts/" + id + "/timeline", outsider).status())
        .isEqualTo(404);
    assertThat(Http.call("POST", base, "/v1/contacts", outsider, contact("X", "x@example.com"))
        .status()).isEqualTo(404);
    assertThat(Tickets.expect(200, Http.get(base, "/v1/contacts?q=hidden-", outsider))
        .get("contacts")).isEmpty();
    assertThat(Http.get(base, "/v1/contacts/" + id, null).status()).isEqualTo(401);

    String fields = "{\"fields\":[{\"key\":\"plan\",\"labelEn\":\"Plan\",\"labelZh\":\"套餐\","
        + "\"kind\":\"choice\",\"choices\":[\"free\",\"pro\"]}]}";
    String path = "/v1/admin/sites/" + fixtures.siteId + "/contact-fields";
    assertThat(Http.call("PUT", base, path, agent, fields).status()).isEqualTo(403);
    assertThat(Tickets.expect(200, Http.call("PUT", base, path, admin, fields)).get("fields"))
        .hasSize(1);
    assertThat(Tickets.expect(200, Http.get(base, path, agent)).get("fields").get(0)
        .get("labelZh").asText()).isEqualTo("套餐");
    JsonNode withPlan = Tickets.expect(200, Http.call("PATCH", base, "/v1/contacts/" + id, admin,
        "{\"attributes\":{\"plan\":\"pro\"}}"));
    assertThat(withPlan.get("attributes").get("plan").asText()).isEqualTo("pro");
    // An admin's change is in the audit log.
    Jdbi jdbi = node.node().database().jdbi();
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbi.withHandle(h -> h.createQuery(
            "SELECT count(*) FROM audit_log WHERE target_type = 'contacts' AND target_id = :id")
        .bind("id", id).mapTo(Integer.class).one()) > 0);
  }

  @Test
  void badInputIsRefusedWithTheFieldNamed() throws Exception {
    String id = create(agent, contact("Bad", "bad-" + UUID.randomUUID() + "@example.com"))
        .get("id").asText();
    for (String[] call : new String[][] {
        {"PATCH", "/v1/contacts/" + id, "{\"stage\":\"prospect\"}", "stage"},
        {"PATCH", "/v1/contacts/" + id, "{\"attributes\":{\"nope\":1}}", "attributes.nope"},
        {"PATCH", "/v1/contacts/" + id, "{\"email\":\"not-an-email\"}", "email"},
        {"PATCH", "/v1/contacts/" + id, "{\"companyId\":\"x\"}", "companyId"},
        {"PATCH", "/v1/contacts/" + id, "{}", "body"},
        {"GET", "/v1/contacts/not-an-id", null, "id"},
        {"GET", "/v1/contacts?cursor=bm90LWEtY3Vyc29y", null, "cursor"},
        {"GET", "/v1/contacts?stage=nope", null, "stage"},
        {"POST", "/v1/contacts", "{\"name\":\"No site\"}", "siteId"},
        {"POST", "/v1/contacts/" + id + "/merge", "{}", "mergedId"},
        {"POST", "/v1/contacts/" + id + "/notes", "{\"body\":\"\"}", "body"},
        {"POST", "/v1/companies", "{\"siteId\":\"" + fixtures.siteId + "\",\"name\":\"A\","
            + "\"domain\":\"not a domain\"}", "domain"}}) {
      Http.Reply reply = Http.call(call[0], base, call[1], agent, call[2]);
      assertThat(reply.status()).as(call[1] + " " + call[2]).isEqualTo(400);
      assertThat(reply.body().get("error").get("code").asText()).isEqualTo("invalid_field");
      assertThat(reply.body().get("error").get("message").asText()).startsWith(call[3]);
    }
  }

  @Test
  void companiesGroupContactsWithTheirOpenWork() throws Exception {
    String name = "Acme " + UUID.randomUUID().toString().substring(0, 6);
    JsonNode company = Tickets.expect(201, Http.call("POST", base, "/v1/companies", agent,
        "{\"siteId\":\"" + fixtures.siteId + "\",\"name\":\"" + name
            + "\",\"domain\":\"Acme.example\"}"));
    String companyId = company.get("id").asText();
    assertThat(company.get("domain").asText()).isEqualTo("acme.example");
    JsonNode member = create(agent, "{\"siteId\":\"" + fixtures.siteId + "\",\"name\":\"Mo\","
        + "\"companyId\":\"" + companyId + "\"}");
    assertThat(member.get("company").get("name").asText()).isEqualTo(name);
    Jdbi jdbi = node.node().database().jdbi();
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO tickets (id, site_id, contact_id, queue_id, number, subject, status,
                updated_at, created_at)
            VALUES (:id, :site, CAST(:contact AS uuid), :queue,
                (SELECT coalesce(max(number), 0) + 1000 FROM tickets WHERE site_id = :site),
                'Broken', 'open', now(), now())""")
        .bind("id", UUID.randomUUID()).bind("site", fixtures.siteId)
        .bind("contact", member.get("id").asText()).bind("queue", fixtures.queueId).execute());

    JsonNode detail = Tickets.expect(200, Http.get(base, "/v1/companies/" + companyId, agent));
    assertThat(detail.get("contacts")).hasSize(1);
    assertThat(detail.get("contacts").get(0).get("openTickets").asInt()).isEqualTo(1);
    assertThat(detail.get("openTickets").asInt()).isEqualTo(1);
    assertThat(detail.get("openConversations").asInt()).isZero();
    assertThat(detail.get("tickets").get(0).get("subject").asText()).isEqualTo("Broken");
    JsonNode renamed = Tickets.expect(200, Http.call("PATCH", base, "/v1/companies/"
        + companyId, agent, "{\"name\":\"" + name + " Ltd\"}"));
    assertThat(renamed.get("name").asText()).isEqualTo(name + " Ltd");
    JsonNode listed = Tickets.expect(200, Http.get(base, "/v1/companies?site=" + fixtures.siteId
        + "&q=" + name.substring(5), agent));
    assertThat(ids(listed.get("companies"))).containsExactly(companyId);
    assertThat(Http.get(base, "/v1/companies/" + companyId, outsider).status()).isEqualTo(404);
    assertThat(Tickets.expect(200, Http.get(base, "/v1/contacts?company=" + companyId, agent))
        .get("contacts")).hasSize(1);
  }
}
