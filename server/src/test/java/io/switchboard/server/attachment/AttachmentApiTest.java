package io.switchboard.server.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.blob.FileBlobStore;
import io.switchboard.server.store.secret.ServerSecretDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Attachments over REST on a real node: who may upload and fetch, the limits and the allow-list,
 * how files are served, content addressing and the removal of uploads nobody sent.
 */
class AttachmentApiTest extends AttachmentNodeTest {
  @Test
  void aVisitorUploadsAndFetchesTheirFileWhichOthersCannotSee() throws Exception {
    String visitorA = Http.visitorToken(node.http(), fixtures.siteKey);
    String visitorB = Http.visitorToken(node.http(), fixtures.siteKey);
    Uploads.Reply uploaded = Uploads.upload(node.http(), visitorA, "../screen\"shot.png", PNG);
    assertThat(uploaded.status()).as(String.valueOf(uploaded.body())).isEqualTo(201);
    JsonNode file = uploaded.body();
    assertThat(file.get("name").asText()).isEqualTo("screen_shot.png");
    assertThat(file.get("contentType").asText()).isEqualTo("image/png");
    assertThat(file.get("size").asLong()).isEqualTo(PNG.length);
    assertThat(file.get("image").asBoolean()).isTrue();
    String id = file.get("id").asText();

    HttpResponse<byte[]> content = Uploads.download(node.http(), file.get("url").asText());
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(PNG);
    assertThat(content.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("inline; filename=\"screen_shot.png\"");
    assertThat(content.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(content.headers().firstValue("Content-Security-Policy"))
        .contains("sandbox; default-src 'none'");
    assertThat(content.headers().firstValue("Cache-Control").orElseThrow()).startsWith("private");

    assertThat(Http.get(node.http(), "/v1/attachments/" + id, visitorA).status()).isEqualTo(200);
    assertThat(Http.get(node.http(), "/v1/attachments/" + id, visitorB).status()).isEqualTo(404);
    String staff = Http.agentToken(node.http(), fixtures.addAgent(2));
    assertThat(Http.get(node.http(), "/v1/attachments/" + id, staff).status()).isEqualTo(404);
    assertThat(Http.get(node.http(), "/v1/attachments/" + id, null).status()).isEqualTo(401);
  }

  @Test
  void tamperedAndExpiredLinksAreRefused() throws Exception {
    String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
    JsonNode file = Uploads.upload(node.http(), visitor, "a.png", PNG).body();
    String url = file.get("url").asText();
    String tampered = url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA");
    assertThat(Uploads.download(node.http(), tampered).statusCode()).isEqualTo(404);
    String otherExpiry = url.replaceFirst("exp=(\\d+)", "exp=9999999999");
    assertThat(Uploads.download(node.http(), otherExpiry).statusCode()).isEqualTo(404);
    // A correctly signed link whose time has passed.
    byte[] secret = new ServerSecretDao(node.node().database().jdbi())
        .getOrCreate("attachment-links", 32);
    AttachmentLinks past = new AttachmentLinks(secret, Duration.ofMinutes(1),
        java.time.Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC));
    String expired = past.link(UUID.fromString(file.get("id").asText())).url();
    assertThat(Uploads.download(node.http(), expired).statusCode()).isEqualTo(404);
    assertThat(Uploads.download(node.http(), url).statusCode()).isEqualTo(200);
  }

  @Test
  void refusalsNameTheProblem() throws Exception {
    String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
    assertThat(Uploads.upload(node.http(), null, "a.png", PNG).status()).isEqualTo(401);
    assertThat(Uploads.upload(node.http(), "not-a-token", "a.png", PNG).status()).isEqualTo(401);
    Uploads.Reply noName = Uploads.upload(node.http(), visitor, null, PNG);
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.body().at("/error/message").asText()).contains("name");
    Uploads.Reply empty = Uploads.upload(node.http(), visitor, "empty.png", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().at("/error/message").asText()).contains("empty");
    Uploads.Reply html = Uploads.upload(node.http(), visitor, "innocent.png",
        "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8));
    assertThat(html.status()).isEqualTo(415);
    assertThat(html.body().at("/error/message").asText()).contains("text/html");
    Uploads.Reply huge = Uploads.upload(node.http(), visitor, "big.bin", new byte[3 * 1024 * 1024]);
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.body().at("/error/message").asText()).contains("2.0 MiB");

    String admin = Http.agentToken(node.http(),
        fixtures.addUser(io.switchboard.server.access.Role.ADMIN, 1));
    setPolicy(admin, "{\"maxFileBytes\":1000,\"maxMessageBytes\":5000}");
    try {
      Uploads.Reply overSite = Uploads.upload(node.http(), visitor, "text.txt",
          "x".repeat(1001).getBytes(StandardCharsets.UTF_8));
      assertThat(overSite.status()).isEqualTo(413);
      assertThat(overSite.body().at("/error/message").asText()).contains("1000 bytes");
    } finally {
      setPolicy(admin, "{\"maxFileBytes\":2097152,\"maxMessageBytes\":26214400}");
    }
  }

  @Test
  void svgAndHtmlAreServedAsDownloadsWithNosniff() throws Exception {
    String admin = Http.agentToken(node.http(),
        fixtures.addUser(io.switchboard.server.access.Role.ADMIN, 1));
    setPolicy(admin, "{\"allowedTypes\":[\"image/*\",\"text/html\"]}");
    try {
      String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
      byte[] svg = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">"
          + "<script>alert(1)</script></svg>").getBytes(StandardCharsets.UTF_8);
      byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>"
          .getBytes(StandardCharsets.UTF_8);
      for (byte[] bytes : new byte[][] {svg, html}) {
        JsonNode file = Uploads.upload(node.http(), visitor, "picture.png", bytes).body();
        assertThat(file.get("image").asBoolean()).isFalse();
        HttpResponse<byte[]> served = Uploads.download(node.http(), file.get("url").asText());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
            .startsWith("attachment;");
        assertThat(served.headers().firstValue("Content-Type"))
            .contains("application/octet-stream");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      }
    } finally {
      setPolicy(admin, "{\"allowedTypes\":" + new com.fasterxml.jackson.databind.ObjectMapper()
          .writeValueAsString(io.switchboard.server.store.attachment.AttachmentPolicy
              .DEFAULT_TYPES) + "}");
    }
  }

  @Test
  void theSameBytesAreStoredOnceAndUnsentUploadsAreRemovedAfterADay() throws Exception {
    String visitorA = Http.visitorToken(node.http(), fixtures.siteKey);
    String visitorB = Http.visitorToken(node.http(), fixtures.siteKey);
    byte[] bytes = ("same report " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    JsonNode first = Uploads.upload(node.http(), visitorA, "r.txt", bytes).body();
    JsonNode second = Uploads.upload(node.http(), visitorB, "r.txt", bytes).body();
    assertThat(first.get("id").asText()).isNotEqualTo(second.get("id").asText());
    String sha = sha256(bytes);
    assertThat(blobFiles(sha)).hasSize(1);

    MutableClock clock = new MutableClock(Instant.now());
    AttachmentDao dao = new AttachmentDao(node.node().database().jdbi());
    FileBlobStore blobs = new FileBlobStore(dataDir.resolve("attachments"));
    UnreferencedSweep sweep = new UnreferencedSweep(dao, blobs, Duration.ofDays(1), clock,
        blobs.incoming());
    // An upload whose node died while it arrived left its file behind.
    Path abandoned = Files.createTempFile(blobs.incoming(), "upload-", ".part");
    Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(
        Instant.now().minus(Duration.ofHours(2))));
    sweep.sweep();
    assertThat(dao.find(UUID.fromString(first.get("id").asText()))).isPresent();
    assertThat(abandoned).exists();
    clock.set(Instant.now().plus(Duration.ofDays(1)).plusSeconds(60));
    sweep.sweep();
    assertThat(dao.find(UUID.fromString(first.get("id").asText()))).isEmpty();
    assertThat(dao.find(UUID.fromString(second.get("id").asText()))).isEmpty();
    assertThat(blobFiles(sha)).isEmpty();
    assertThat(abandoned).doesNotExist();
  }

  @Test
  void ticketEntriesCarryFilesOnlyForThoseWhoMaySeeThem() throws Exception {
    String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
    String other = Http.visitorToken(node.http(), fixtures.siteKey);
    Http.Reply created = Http.call("POST", node.http(), "/v1/tickets", visitor,
        "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"message\":\"Broken screen\"}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    String ticket = created.body().get("ticketId").asText();
    String agent = Http.agentToken(node.http(), fixtures.addAgent(2));
    String outsider = Http.agentToken(node.http(),
        Fixtures.create(node.node().database().jdbi()).addAgent(2));

    String replyFile = Uploads.upload(node.http(), agent, "fix.png", PNG).body().get("id").asText();
    String noteFile = Uploads.upload(node.http(), agent, "internal.txt",
        "internal".getBytes(StandardCharsets.UTF_8)).body().get("id").asText();
    assertThat(Http.call("POST", node.http(), "/v1/tickets/" + ticket + "/replies", agent,
        "{\"text\":\"See the picture\",\"attachments\":[\"" + replyFile + "\"]}").status())
        .isEqualTo(201);
    assertThat(Http.call("POST", node.http(), "/v1/tickets/" + ticket + "/notes", agent,
        "{\"text\":\"Internal\",\"attachments\":[\"" + noteFile + "\"]}").status())
        .isEqualTo(201);
    // An upload goes on one entry only.
    assertThat(Http.call("POST", node.http(), "/v1/tickets/" + ticket + "/replies", agent,
        "{\"text\":\"Again\",\"attachments\":[\"" + replyFile + "\"]}").status())
        .isEqualTo(409);

    JsonNode own = Http.get(node.http(), "/v1/visitor/tickets/" + ticket, visitor).body();
    JsonNode reply = own.get("entries").get(1);
    assertThat(reply.get("attachments")).hasSize(1);
    JsonNode shown = reply.get("attachments").get(0);
    assertThat(shown.get("id").asText()).isEqualTo(replyFile);
    assertThat(shown.get("image").asBoolean()).isTrue();
    assertThat(Uploads.download(node.http(), shown.get("url").asText()).body()).isEqualTo(PNG);
    assertThat(own.get("entries")).hasSize(2);

    assertThat(Http.get(node.http(), "/v1/attachments/" + replyFile, visitor).status())
        .isEqualTo(200);
    assertThat(Http.get(node.http(), "/v1/attachments/" + noteFile, visitor).status())
        .isEqualTo(404);
    assertThat(Http.get(node.http(), "/v1/attachments/" + replyFile, other).status())
        .isEqualTo(404);
    assertThat(Http.get(node.http(), "/v1/attachments/" + replyFile, outsider).status())
        .isEqualTo(404);
    String teammate = Http.agentToken(node.http(), fixtures.addAgent(2));
    assertThat(Http.get(node.http(), "/v1/attachments/" + noteFile, teammate).status())
        .isEqualTo(200);

    String customerFile = Uploads.upload(node.http(), visitor, "photo.png", PNG).body()
        .get("id").asText();
    assertThat(Http.call("POST", node.http(), "/v1/visitor/tickets/" + ticket + "/replies",
        visitor, "{\"text\":\"Here\",\"attachments\":[\"" + customerFile + "\"]}").status())
        .isEqualTo(201);
    JsonNode staffView = Http.get(node.http(), "/v1/tickets/" + ticket, agent).body();
    assertThat(staffView.get("entries")).anySatisfy(entry -> assertThat(
        entry.path("attachments").path(0).path("id").asText()).isEqualTo(customerFile));
    // Another visitor cannot put someone's upload on their own reply.
    assertThat(Http.call("POST", node.http(), "/v1/visitor/tickets/" + ticket + "/replies",
        other, "{\"text\":\"Mine\",\"attachments\":[\"" + customerFile + "\"]}").status())
        .isEqualTo(404);
  }

  /** The admin changes the site's attachment rules. */
  private static void setPolicy(String admin, String json) throws Exception {
    Http.Reply reply = Http.call("PUT", node.http(),
        "/v1/admin/sites/" + fixtures.siteId + "/attachments", admin, json);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
  }

  private static java.util.List<Path> blobFiles(String sha) throws Exception {
    Path dir = dataDir.resolve("attachments").resolve(sha.substring(0, 2))
        .resolve(sha.substring(2, 4));
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().equals(sha)).toList();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
