package io.switchboard.server.mail;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Support addresses over REST: admins only, refusals naming the field, one owner per address,
 * the IMAP password sealed in storage and never returned (kept when a change leaves it out), and
 * every write in the audit log with the password redacted.
 */
class MailAddressApiTest extends NodeTest {
  private static String admin;

  @BeforeAll
  static void login() throws Exception {
    admin = MailTesting.admin(node.http(), fixtures);
  }

  @Test
  void onlyAdminsManageAddresses() throws Exception {
    String agent = Http.agentToken(node.http(), fixtures.addAgent(3));
    assertThat(Http.get(node.http(), "/v1/admin/mail-addresses", agent).status()).isEqualTo(403);
    assertThat(Http.call("POST", node.http(), "/v1/admin/mail-addresses", agent,
        body("a@support.test", fixtures.queueId, null)).status()).isEqualTo(403);
    assertThat(Http.get(node.http(), "/v1/admin/mail-ignored", null).status()).isEqualTo(401);
  }

  @Test
  void refusalsNameTheField() throws Exception {
    assertThat(error(body("not an address", fixtures.queueId, null))).startsWith("address:");
    assertThat(error(body(unique(), "no-such-queue", null))).startsWith("queue:");
    assertThat(error(body(unique(), fixtures.queueId, "{\"host\":\"imap.example.com\"}")))
        .startsWith("imap.user:");
    assertThat(error(body(unique(), fixtures.queueId,
        "{\"host\":\"h\",\"user\":\"u\",\"password\":\"p\",\"port\":70000}")))
        .startsWith("imap.port:");
    assertThat(error(body(unique(), fixtures.queueId, "{\"host\":\"h\",\"user\":\"u\"}")))
        .startsWith("imap.password:");
    assertThat(error("{\"address\":\"" + unique() + "\",\"queue\":\"" + fixtures.queueId + "\"}"))
        .startsWith("siteId:");
  }

  @Test
  void anAddressBelongsToOneSiteAndItsPasswordNeverComesBack() throws Exception {
    String address = unique();
    JsonNode created = expect(201, Http.call("POST", node.http(), "/v1/admin/mail-addresses",
        admin, body(address.toUpperCase(java.util.Locale.ROOT), fixtures.queueId,
            "{\"host\":\"imap.example.com\",\"user\":\"box\",\"password\":\"s3cret-pass\"}")));
    String id = created.get("id").asText();
    assertThat(created.get("address").asText()).isEqualTo(address);
    assertThat(created.get("imap").get("port").asInt()).isEqualTo(993);
    assertThat(created.get("imap").get("folder").asText()).isEqualTo("INBOX");
    assertThat(created.toString()).doesNotContain("s3cret-pass");
    String stored = storedPassword(id);
    assertThat(stored).startsWith("v1:").doesNotContain("s3cret-pass");

    assertThat(Http.call("POST", node.http(), "/v1/admin/mail-addresses", admin,
        body(address, fixtures.queueId, null)).status()).isEqualTo(409);

    JsonNode changed = expect(200, Http.call("PUT", node.http(), "/v1/admin/mail-addresses/"
        + id, admin, "{\"displayName\":\"Billing\",\"imap\":{\"host\":\"imap2.example.com\","
        + "\"user\":\"box\",\"tls\":false}}"));
    assertThat(changed.get("displayName").asText()).isEqualTo("Billing");
    assertThat(changed.get("imap").get("port").asInt()).isEqualTo(143);
    assertThat(changed.get("imap").get("passwordSet").asBoolean()).isTrue();
    assertThat(storedPassword(id)).isEqualTo(stored);
    assertThat(expect(200, Http.call("PUT", node.http(), "/v1/admin/mail-addresses/" + id,
        admin, null)).get("displayName").asText()).as("no body changes nothing").isEqualTo("Billing");

    // The audit log is written after the answer: wait for the change to be in it.
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        expect(200, Http.get(node.http(), "/v1/admin/audit?targetType=mail-addresses&limit=500",
            admin)).toString())
        .contains("POST /v1/admin/mail-addresses")
        .contains("PUT /v1/admin/mail-addresses/" + id).contains("[redacted]")
        .doesNotContain("s3cret-pass"));

    expect(204, Http.call("DELETE", node.http(), "/v1/admin/mail-addresses/" + id, admin, null));
    assertThat(Http.call("DELETE", node.http(), "/v1/admin/mail-addresses/" + id, admin, null)
        .status()).isEqualTo(404);
  }

  private static String storedPassword(String id) {
    return node.node().database().jdbi().withHandle(handle -> handle
        .createQuery("SELECT imap_password FROM mail_addresses WHERE id = :id")
        .bind("id", UUID.fromString(id)).mapTo(String.class).one());
  }

  private static String error(String json) throws Exception {
    Http.Reply reply = Http.call("POST", node.http(), "/v1/admin/mail-addresses", admin, json);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(400);
    assertThat(reply.body().get("error").get("code").asText()).isEqualTo("invalid_field");
    return reply.body().get("error").get("message").asText();
  }

  private static String body(String address, String queue, String imap) {
    return "{\"siteId\":\"" + fixtures.siteId + "\",\"address\":\"" + address
        + "\",\"queue\":\"" + queue + "\"" + (imap == null ? "" : ",\"imap\":" + imap) + "}";
  }

  private static String unique() {
    return "box-" + UUID.randomUUID().toString().substring(0, 8) + "@support.test";
  }
}
