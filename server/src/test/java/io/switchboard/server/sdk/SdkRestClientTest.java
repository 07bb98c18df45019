package io.switchboard.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.sdk.ChatException;
import io.switchboard.sdk.rest.RestRoute;
import io.switchboard.sdk.rest.SwitchboardRest;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The SDK's REST client against a real node: every route it calls is one the server describes
 * in {@code /v1/openapi.json} (or, on a server without the description, one it registers), an
 * admin signed in with a password works users, teams, queues, sites, contacts, tickets, search
 * and the reports overview, and an API key works within its scope and stops when revoked.
 */
class SdkRestClientTest extends NodeTest {

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static SwitchboardRest admin() {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 2);
    return SwitchboardRest.login(node.http(), admin.email(), admin.password());
  }

  @Test
  void everyRouteTheClientCallsIsDescribedByTheServer() throws Exception {
    Http.Reply description = Http.get(node.http(), "/v1/openapi.json", null);
    Set<String> known = new TreeSet<>();
    if (description.status() == 200) {
      description.body().get("paths").fields().forEachRemaining(path -> path.getValue()
          .fieldNames().forEachRemaining(method -> known.add(
              method.toUpperCase(Locale.ROOT) + " " + shape(path.getKey()))));
    } else {
      node.node().server().endpoints().forEach(endpoint -> known.add(shape(endpoint)));
    }
    assertThat(known).hasSizeGreaterThan(50);
    for (RestRoute route : RestRoute.values()) {
      assertThat(known).as(route.name()).contains(route.method() + " " + shape(route.template()));
    }
  }

  /** A path with its parameter names left out, since the client's names are its own. */
  private static String shape(String path) {
    return path.replaceAll("\\{[^}]*}", "{}");
  }

  @Test
  void anAdminWorksTheAdminAndStaffApiWithAUserToken() {
    SwitchboardRest rest = admin();
    assertThat(rest.me().get("role").asText()).isEqualTo("admin");

    String email = "sdk-" + suffix() + "@example.test";
    JsonNode user = rest.createUser(Map.of("email", email, "name", "Sam SDK", "role", "agent",
        "capacity", 2));
    String userId = user.get("id").asText();
    assertThat(rest.updateUser(userId, Map.of("name", "Sam Renamed")).toString())
        .contains("Sam Renamed");
    assertThat(rest.users().toString()).contains(email);

    String teamId = "sdk-team-" + suffix();
    JsonNode team = rest.createTeam(Map.of("id", teamId, "name", "SDK team",
        "members", List.of(userId), "queues", List.of()));
    assertThat(team.get("id").asText()).isEqualTo(teamId);
    String queueId = "sdk-" + suffix();
    rest.createQueue(Map.of("id", queueId, "siteId", fixtures.siteId, "name", "SDK queue",
        "teamId", teamId));
    assertThat(rest.updateQueue(queueId, Map.of("name", "SDK queue renamed")).toString())
        .contains("SDK queue renamed");
    assertThat(rest.queues().toString()).contains(queueId);
    assertThat(rest.updateTeam(teamId, Map.of("name", "SDK team renamed")).toString())
        .contains("SDK team renamed");
    assertThat(rest.teams().toString()).contains(teamId);

    String siteId = "sdk-site-" + suffix();
    assertThat(rest.createSite(Map.of("id", siteId, "name", "SDK shop")).get("id").asText())
        .isEqualTo(siteId);
    assertThat(rest.updateSite(siteId, Map.of("name", "SDK shop 2")).toString())
        .contains("SDK shop 2");
    assertThat(rest.site(siteId).toString()).contains("SDK shop 2");
    assertThat(rest.sites().toString()).contains(siteId).contains(fixtures.siteId);

    JsonNode contact = rest.createContact(Map.of("siteId", fixtures.siteId,
        "name", "Grace Hopper", "email", "grace-" + suffix() + "@example.test"));
    String contactId = contact.get("id").asText();
    rest.updateContact(contactId, Map.of("phone", "+1 555 0100"));
    assertThat(rest.contact(contactId).get("phone").asText()).isEqualTo("+1 555 0100");
    assertThat(rest.contacts(Map.of("site", fixtures.siteId)).toString()).contains(contactId);

    String word = "zebrafish" + suffix().replaceAll("[0-9]", "q");
    JsonNode ticket = rest.createTicket(fixtures.queueId, "Refund for " + word, "Order A-1",
        contactId);
    String ticketId = ticket.get("id").asText();
    assertThat(ticket.get("number").asLong()).isPositive();
    rest.updateTicket(ticketId, Map.of("priority", "high"));
    rest.replyToTicket(ticketId, "We refunded your order.");
    rest.noteOnTicket(ticketId, "checked with finance");
    rest.setTicketStatus(ticketId, "solved");
    JsonNode read = rest.ticket(ticketId);
    assertThat(read.toString()).contains("We refunded your order.").contains("\"high\"")
        .contains("\"solved\"");
    assertThat(rest.tickets(Map.of("view", "all", "contact", contactId)).toString())
        .contains(ticketId);
    Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(rest.search(word, Map.of("kind", "tickets")).get("results").toString())
            .contains(ticketId));

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    // The report facts follow the event history in the background.
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode overview = rest.reportsOverview(today.minusDays(1), today.plusDays(1), "UTC",
          Map.of("site", fixtures.siteId));
      assertThat(overview.get("tickets").get("created").asLong()).isGreaterThanOrEqualTo(1);
    });

    assertThatThrownBy(() -> rest.ticket(UUID.randomUUID().toString()))
        .isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    rest.deleteTeam(teamId);
    assertThat(rest.teams().toString()).doesNotContain(teamId);
  }

  @Test
  void anApiKeyWorksWithinItsScopeAndStopsWhenRevoked() {
    SwitchboardRest admin = admin();
    JsonNode key = admin.createApiKey("CRM sync " + suffix(), List.of("read", "write"),
        List.of("tickets", "contacts"));
    String secret = key.get("secret").asText();
    assertThat(secret).startsWith(SwitchboardRest.API_KEY_PREFIX);
    assertThat(admin.apiKeys().toString()).contains(key.get("id").asText())
        .doesNotContain(secret);

    SwitchboardRest integration = SwitchboardRest.withApiKey(node.http(), secret);
    JsonNode contact = integration.createContact(Map.of("siteId", fixtures.siteId,
        "name", "Ada 洛芙莱斯"));
    assertThat(integration.contact(contact.get("id").asText()).get("name").asText())
        .isEqualTo("Ada 洛芙莱斯");
    String ticketId = admin.createTicket(fixtures.queueId, "From the CRM", null,
        contact.get("id").asText()).get("id").asText();
    assertThat(integration.tickets(Map.of("contact", contact.get("id").asText())).toString())
        .contains(ticketId);
    integration.updateTicket(ticketId, Map.of("tags", List.of("crm")));
    integration.replyToTicket(ticketId, "Synced from the CRM");
    assertThat(integration.ticket(ticketId).toString()).contains("From the CRM")
        .contains("Synced from the CRM").contains("\"crm\"");
    assertThatThrownBy(integration::users).isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.FORBIDDEN));

    admin.revokeApiKey(key.get("id").asText());
    assertThatThrownBy(() -> integration.tickets(Map.of())).isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code())
            .isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThatThrownBy(() -> SwitchboardRest.withApiKey(node.http(), "not-a-key"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
