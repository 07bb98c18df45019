package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.identity.IdentityTestKeys;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Visitor identity verification over the real node: a host page's signed identity gets the same
 * contact (and the same open conversation) on every device, forged or stale signatures are
 * refused, keys rotate with an overlap, and once a site enforces verified identities an
 * anonymous visitor can neither get a token, connect, nor use a token it held before.
 */
class IdentityVerificationTest extends NodeTest {
  private Fixtures site;
  private String admin;

  @BeforeEach
  void site() throws Exception {
    site = Fixtures.create(node.node().database().jdbi());
    admin = Http.agentToken(node.http(), site.addUser(Role.ADMIN, 3));
  }

  @Test
  void aSignedIdentityIsTheSameContactOnEveryDeviceAndForgeriesAreRefused() throws Exception {
    String secret = addKey("{\"kind\":\"secret\",\"keyId\":\"web-1\"}").get("secret").asText();
    String signature = IdentityTestKeys.hmac(secret, "u-1\nada@example.com\nAda Lovelace");
    String identity = "{\"userId\":\"u-1\",\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\","
        + "\"signature\":\"" + signature + "\"}";

    Http.Reply laptop = visitors(identity, null);
    assertThat(laptop.status()).as(String.valueOf(laptop.body())).isEqualTo(200);
    Http.Reply phone = visitors(identity, null);
    assertThat(phone.body().get("contactId")).isEqualTo(laptop.body().get("contactId"));

    try (Participant first = Participant.connect(node.ws(), token(laptop), event -> { });
        Participant second = Participant.connect(node.ws(), token(phone), event -> { })) {
      String conversation = first.client().start(site.queueId, Map.of()).get().conversationId();
      assertThat(second.client().start(site.queueId, Map.of()).get().conversationId())
          .as("the second device gets the open conversation back").isEqualTo(conversation);
    }

    String forged = identity.replace("ada@example.com", "eve@example.com");
    assertThat(visitors(forged, null).status()).isEqualTo(401);
    // One hex digit changed (a signature that began with "00" stayed valid once in 256 runs).
    String tampered = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    assertThat(visitors(identity.replace(signature, tampered), null).status()).isEqualTo(401);
    assertThat(visitors("{\"userId\":\"u-1\"}", null).status()).isEqualTo(400);
    assertThat(visitors("\"u-1\"", null).status()).isEqualTo(400);
    // A verified token is never handed back for a page that no longer identifies its visitor.
    Http.Reply anonymous = visitors(null, token(laptop));
    assertThat(anonymous.body().get("contactId")).isNotEqualTo(laptop.body().get("contactId"));
  }

  @Test
  void rs256TokensVerifyAndRotationKeepsTheOldKeyForTheOverlapOnly() throws Exception {
    KeyPair pair = IdentityTestKeys.rsa();
    addKey("{\"kind\":\"RS256\",\"keyId\":\"app-1\",\"publicKey\":" + quoted(IdentityTestKeys.pem(pair))
        + "}");
    String jwt = jwt(pair, "app-1", "u-2");
    assertThat(visitors("{\"token\":\"" + jwt + "\"}", null).status()).isEqualTo(200);

    KeyPair next = IdentityTestKeys.rsa();
    addKey("{\"kind\":\"RS256\",\"keyId\":\"app-2\",\"overlapSeconds\":3600,\"publicKey\":"
        + quoted(IdentityTestKeys.pem(next)) + "}");
    assertThat(visitors("{\"token\":\"" + jwt + "\"}", null).status())
        .as("the old key during the overlap").isEqualTo(200);
    assertThat(visitors("{\"token\":\"" + jwt(next, "app-2", "u-2") + "\"}", null).status())
        .isEqualTo(200);

    addKey("{\"kind\":\"RS256\",\"keyId\":\"app-3\",\"overlapSeconds\":0,\"publicKey\":"
        + quoted(IdentityTestKeys.pem(IdentityTestKeys.rsa())) + "}");
    assertThat(visitors("{\"token\":\"" + jwt(next, "app-2", "u-2") + "\"}", null).status())
        .as("no overlap: the older keys end at once").isEqualTo(401);
    JsonNode described = Http.get(node.http(), identityPath(), admin).body();
    assertThat(described.get("keys")).hasSize(3);
    assertThat(described.toString()).doesNotContain("secret\":\"").doesNotContain("BEGIN");
    assertThat(addKeyReply("{\"kind\":\"RS256\",\"publicKey\":\"nope\"}").status()).isEqualTo(400);
  }

  @Test
  void anEnforcingSiteRefusesAnonymousVisitorsEverywhere() throws Exception {
    String heldBefore = token(visitors(null, null));
    assertThat(Http.call("PUT", node.http(), identityPath(), admin, "{\"enforced\":true}").status())
        .as("no key yet").isEqualTo(409);
    String secret = addKey("{\"kind\":\"secret\"}").get("secret").asText();
    Http.Reply enforced = Http.call("PUT", node.http(), identityPath(), admin,
        "{\"enforced\":true}");
    assertThat(enforced.body().get("enforced").asBoolean()).isTrue();

    assertThat(visitors(null, null).status()).isEqualTo(401);
    assertThat(visitors(null, heldBefore).status()).isEqualTo(401);
    awaitHandshakeRefused(heldBefore);
    assertThat(Http.call("POST", node.http(), "/v1/tickets", heldBefore,
        "{\"name\":\"A\",\"email\":\"a@example.com\",\"message\":\"hi\"}").status())
        .isEqualTo(401);

    String identity = "{\"userId\":\"u-3\",\"signature\":\""
        + IdentityTestKeys.hmac(secret, "u-3\n\n") + "\"}";
    try (Participant verified = Participant.connect(node.ws(), token(visitors(identity, null)),
        event -> { })) {
      assertThat(verified.client().start(site.queueId, Map.of()).get().conversationId()).isNotBlank();
    }

    String agent = Http.agentToken(node.http(), site.addUser(Role.SUPERVISOR, 3));
    assertThat(Http.call("PUT", node.http(), identityPath(), agent, "{\"enforced\":false}")
        .status()).isEqualTo(403);
    assertThat(Http.get(node.http(), identityPath(), agent).status()).isEqualTo(403);
  }

  private void awaitHandshakeRefused(String token) {
    // Sites are cached for about a second on each node.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
            .subprotocols("switchboard.v1.json")
            .buildAsync(URI.create(node.ws() + "?token=" + token), new WebSocket.Listener() {})
            .join())
            .isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(WebSocketHandshakeException.class)
            .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse()
                .statusCode()).isEqualTo(401)));
  }

  private Http.Reply visitors(String identity, String visitorToken) throws Exception {
    return Http.post(node.http(), "/v1/visitors", "{\"siteKey\":\"" + site.siteKey + "\""
        + (visitorToken == null ? "" : ",\"visitorToken\":\"" + visitorToken + "\"")
        + (identity == null ? "" : ",\"identity\":" + identity) + "}");
  }

  private JsonNode addKey(String body) throws Exception {
    Http.Reply reply = addKeyReply(body);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
    return reply.body();
  }

  private Http.Reply addKeyReply(String body) throws Exception {
    return Http.call("POST", node.http(), identityPath() + "/keys", admin, body);
  }

  private String identityPath() {
    return "/v1/admin/sites/" + site.siteId + "/identity";
  }

  private static String token(Http.Reply reply) {
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    return reply.body().get("visitorToken").asText();
  }

  private static String jwt(KeyPair pair, String kid, String subject) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
        new JWTClaimsSet.Builder().subject(subject)
            .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
    jwt.sign(new RSASSASigner(pair.getPrivate()));
    return jwt.serialize();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }
}
