package io.switchboard.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.server.availability.ProbeOutcome;
import io.switchboard.server.availability.VisitorProbe;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestCertificates;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.transport.ServerTls;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node serving HTTPS and WSS with a certificate from a certificate authority made here: the
 * console and the REST API over HTTPS with HSTS, a chat through the Java SDK over WSS, only
 * TLS 1.2 and 1.3 (an OpenSSL client asking for TLS 1.1 is refused), and a new certificate
 * picked up without a restart by new connections while open ones keep theirs; the availability
 * probe reaches the node over TLS.
 */
class TlsNodeTest {
  @TempDir
  static Path files;
  private static TestCertificates authority;
  private static Path certificateFile;
  private static Path keyFile;
  private static TestNode node;
  private static Fixtures fixtures;
  private static HttpClient client;

  @BeforeAll
  static void startNode() throws Exception {
    authority = TestCertificates.authority("Switchboard Test CA");
    certificateFile = files.resolve("server.crt");
    keyFile = files.resolve("server.key");
    TestCertificates.write(authority.issue(BigInteger.valueOf(1)), certificateFile, keyFile);
    // The files are checked only when the test asks (reloadIfChanged), never on a timer here.
    node = TestNode.start(Map.of("SWITCHBOARD_TLS_CERT", certificateFile.toString(),
        "SWITCHBOARD_TLS_KEY", keyFile.toString(), "SWITCHBOARD_TLS_RELOAD_SECONDS", "86400"));
    fixtures = Fixtures.create(node.node().database().jdbi());
    client = HttpClient.newBuilder().sslContext(authority.trustingContext())
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stopNode() {
    node.close();
    client.close();
  }

  private static URI https(String path) {
    return URI.create("https://localhost:" + node.port() + path);
  }

  @Test
  void theConsoleAndTheApiAreServedOverHttpsWithHsts() throws Exception {
    for (String path : List.of("/console", "/widget/frame.html?site=" + fixtures.siteKey,
        "/healthz")) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(https(path)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path)
          .hasValue("max-age=31536000");
      assertThat(response.sslSession()).as(path).get()
          .extracting(session -> session.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }
  }

  @Test
  void aVisitorChatsOverWss() throws Exception {
    HttpResponse<String> token = client.send(HttpRequest.newBuilder(https("/v1/visitors"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"siteKey\":\"" + fixtures.siteKey + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).isEqualTo(200);
    String visitorToken = token.body().replaceAll(".*\"visitorToken\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    try (ChatClient visitor = ChatClient.builder(
        URI.create("wss://localhost:" + node.port() + "/v1/ws"))
        .token(visitorToken).httpClient(client).build()) {
      visitor.connect().get(15, TimeUnit.SECONDS);
      ServerMessage.Started started = visitor.start(fixtures.queueId, Map.of("name", "Mia"))
          .get(15, TimeUnit.SECONDS);
      ServerMessage.Ack ack = visitor.send(started.conversationId(), "Hello over TLS")
          .get(15, TimeUnit.SECONDS);
      assertThat(ack.seq()).isEqualTo(1);
    }
  }

  @Test
  void theAvailabilityProbeActsAsAVisitorOverTls() {
    // As the node probes itself without a public URL: its listening address, its own certificate.
    try (VisitorProbe probe = VisitorProbe.ofOwnTlsPort(
        () -> URI.create("https://127.0.0.1:" + node.port()), Duration.ofSeconds(10),
        certificateFile)) {
      ProbeOutcome outcome = probe.run();
      assertThat(outcome.ok()).as(String.valueOf(outcome.failure())).isTrue();
    }
    try (VisitorProbe plain = new VisitorProbe(
        () -> URI.create("http://127.0.0.1:" + node.port()), Duration.ofSeconds(5))) {
      assertThat(plain.run().ok()).as("plain HTTP to the TLS port").isFalse();
    }
  }

  @Test
  void plainHttpOnTheTlsPortIsNotAnswered() throws Exception {
    try (Socket plain = new Socket("127.0.0.1", node.port())) {
      plain.setSoTimeout(10_000);
      plain.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      byte[] answer = plain.getInputStream().readAllBytes();
      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
    }
  }

  @Test
  void onlyTls12And13AreOffered() throws Exception {
    assertThat(openssl("-tls1_3")).contains("TLSv1.3");
    assertThat(openssl("-tls1_2")).contains("TLSv1.2");
    // SECLEVEL=0 lets the OpenSSL client itself offer TLS 1.1; the node answers with an alert.
    String refused = openssl("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertThat(refused).containsIgnoringCase("alert protocol version");
    assertThat(refused).doesNotContain("Protocol version");
  }

  @Test
  void aNewCertificateReachesNewConnectionsWhileOpenOnesKeepTheirs() throws Exception {
    ServerTls tls = node.node().server().tls().orElseThrow();
    try (SSLSocket before = open()) {
      assertThat(serial(before)).isEqualTo(BigInteger.valueOf(1));
      TestCertificates.write(authority.issue(BigInteger.valueOf(2)), certificateFile, keyFile);
      touch(Duration.ofSeconds(10));
      assertThat(tls.reloadIfChanged()).isTrue();
      assertThat(tls.reloadIfChanged()).as("unchanged files are not loaded again").isFalse();
      try (SSLSocket after = open()) {
        assertThat(serial(after)).isEqualTo(BigInteger.valueOf(2));
      }
      // The connection opened before the rotation still works, with its old certificate.
      assertThat(healthOver(before)).startsWith("HTTP/1.1 200");
      assertThat(serial(before)).isEqualTo(BigInteger.valueOf(1));

      // A broken file is refused: new connections keep getting the last good certificate.
      Files.writeString(certificateFile, "not a certificate\n");
      touch(Duration.ofSeconds(20));
      assertThat(tls.reloadIfChanged()).isFalse();
      try (SSLSocket broken = open()) {
        assertThat(serial(broken)).isEqualTo(BigInteger.valueOf(2));
      }
      TestCertificates.write(authority.issue(BigInteger.valueOf(3)), certificateFile, keyFile);
      touch(Duration.ofSeconds(30));
      assertThat(tls.reloadIfChanged()).isTrue();
      try (SSLSocket fixed = open()) {
        assertThat(serial(fixed)).isEqualTo(BigInteger.valueOf(3));
      }
    }
  }

  /** Moves both files' modification times forward (a renewal writes them later than before). */
  private static void touch(Duration later) throws Exception {
    FileTime time = FileTime.fromMillis(System.currentTimeMillis() + later.toMillis());
    Files.setLastModifiedTime(certificateFile, time);
    Files.setLastModifiedTime(keyFile, time);
  }

  private static SSLSocket open() throws Exception {
    SSLSocket socket = (SSLSocket) authority.trustingContext().getSocketFactory()
        .createSocket("localhost", node.port());
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  private static BigInteger serial(SSLSocket socket) throws Exception {
    return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
  }

  private static String healthOver(SSLSocket socket) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return new BufferedReader(new InputStreamReader(socket.getInputStream(),
        StandardCharsets.US_ASCII)).readLine();
  }

  /** Runs {@code openssl s_client} against the node with extra options; returns all it printed. */
  private static String openssl(String... options) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect",
        "127.0.0.1:" + node.port(), "-servername", "localhost", "-brief"));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return output;
  }
}
