package io.switchboard.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.logging.ConsoleLogEncoder;
import io.switchboard.server.logging.JsonLogEncoder;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * JSON logs: a node logs into a captured appender with the JSON encoder while an agent signs in
 * and chats with a visitor. Every line is a JSON object; session lines carry the session and
 * user ids, conversation lines the conversation id; no token, password or message text appears.
 * And {@code SWITCHBOARD_LOG_FORMAT} picks that encoder in the shipped {@code logback.xml}.
 */
class JsonLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyLineIsJsonWithItsIdsAndNothingSecret() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("captured-json");
    JsonLogEncoder encoder = new JsonLogEncoder();
    encoder.setContext(context);
    encoder.start();
    appender.setEncoder(encoder);
    appender.setOutputStream(captured);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    String secretText = "my card number is 4111 1111 1111 1111";
    String agentToken;
    String visitorToken;
    String conversationId;
    Fixtures.Agent account;
    try (TestNode node = TestNode.start()) {
      Fixtures fixtures = Fixtures.create(node.node().database().jdbi());
      account = fixtures.addAgent(2);
      Http.post(node.http(), "/v1/agents/login", "{\"email\":\"" + account.email()
          + "\",\"password\":\"" + account.password() + "-wrong\"}");
      agentToken = Http.agentToken(node.http(), account);
      visitorToken = Http.visitorToken(node.http(), fixtures.siteKey);
      try (Participant visitor = Participant.connect(node.ws(), visitorToken, event -> { });
          Participant agent = Participant.connect(node.ws(), agentToken, event -> { })) {
        conversationId = visitor.client().start(fixtures.queueId, Map.of()).get()
            .conversationId();
        agent.client().setStatus("online").get();
        agent.await(ServerMessage.Assigned.class);
        agent.client().accept(conversationId).get();
        visitor.client().send(conversationId, secretText).get();
        agent.client().send(conversationId, "reply: " + secretText).get();
        String id = conversationId;
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.messages(id).size() == 2);
        agent.client().close(conversationId, "resolved").get();
      }
    } finally {
      root.detachAppender(appender);
      appender.stop();
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        JsonNode parsed = JSON.readTree(line);
        assertThat(parsed.isObject()).as(line).isTrue();
        lines.add(parsed);
      }
    }
    assertThat(lines).isNotEmpty();
    assertThat(output).doesNotContain(agentToken).doesNotContain(visitorToken)
        .doesNotContain(account.password()).doesNotContain("4111 1111");

    List<JsonNode> sessionLines = withMessage(lines, "session opened");
    assertThat(sessionLines).hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode line : sessionLines) {
      assertThat(line.path("mdc").path("sessionId").asText()).isNotBlank();
      assertThat(line.path("mdc").path("userId").asText()).isNotBlank();
    }
    assertThat(sessionLines).anySatisfy(line ->
        assertThat(line.path("mdc").path("userId").asText()).isEqualTo(account.id().toString()));
    assertThat(withMessage(lines, "session closed")).allSatisfy(line ->
        assertThat(line.path("mdc").path("sessionId").asText()).isNotBlank());
    for (String conversationLine : List.of("conversation queued", "conversation closed")) {
      // The availability probe starts and closes conversations of its own meanwhile.
      List<JsonNode> found = withMessage(lines, conversationLine);
      assertThat(found).as(conversationLine).allSatisfy(line ->
          assertThat(line.path("mdc").path("conversationId").asText()).isNotBlank());
      assertThat(found).as(conversationLine).anySatisfy(line ->
          assertThat(line.path("mdc").path("conversationId").asText()).isEqualTo(conversationId));
    }
    assertThat(withMessage(lines, "sign-in succeeded")).anySatisfy(line ->
        assertThat(line.path("mdc").path("userId").asText()).isEqualTo(account.id().toString()));
    assertThat(withMessage(lines, "sign-in failed")).isNotEmpty();
    for (JsonNode line : lines) {
      assertThat(line.has("timestamp") && line.has("level") && line.has("loggerName"))
          .as(line.toString()).isTrue();
    }
  }

  @Test
  void theShippedConfigurationPicksTheFormatFromTheVariable() throws Exception {
    assertThat(rootEncoder("json")).isInstanceOf(JsonLogEncoder.class);
    assertThat(rootEncoder("text")).isInstanceOf(LayoutWrappingEncoder.class);
    assertThat(rootEncoder("JSON")).isInstanceOf(JsonLogEncoder.class);
  }

  private static Object rootEncoder(String format) throws Exception {
    LoggerContext context = new LoggerContext();
    context.putProperty("SWITCHBOARD_LOG_FORMAT", format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(JsonLogTest.class.getResource("/logback.xml"));
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender("console");
    assertThat(appender).as("the console appender").isNotNull();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .as("logback has nothing to warn about").allMatch(status -> status.getLevel() < 1);
    Object encoder = ((ConsoleLogEncoder) appender.getEncoder()).delegate();
    context.stop();
    return encoder;
  }

  private static List<JsonNode> withMessage(List<JsonNode> lines, String start) {
    return lines.stream()
        .filter(line -> line.path("formattedMessage").asText().startsWith(start)).toList();
  }
}
