package io.switchboard.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which test proves that a real receiver gets each webhook event type: every type PROTOCOL.md
 * 3.19 lists is a type the server knows, and each is named by a test here that exists and
 * checks a delivery of that type.
 *
 * <p>Not thread-safe (JUnit runs it on one thread).
 */
class WebhookEventCoverageTest {
  private static final String CHAT = "WebhookDeliveryTest#"
      + "eventsOfAChatArriveSignedAndInOrderThroughFailures";
  private static final String EVERY_KIND = "WebhookApiTest#"
      + "everyKindOfEventReachesTheReceiverWithItsData";
  private static final String SLA = "WebhookSlaRatingTest#"
      + "anSlaClockAtRiskAndBreachedReachTheReceiverBeforeWhatTheBreachChanged";
  private static final String RATINGS = "WebhookSlaRatingTest#"
      + "aVisitorsChatRatingAndARequestersTicketRatingReachTheReceiver";

  /** The test that receives each event type for real. */
  private static final Map<String, String> COVERED_BY = Map.ofEntries(
      Map.entry("conversation.started", CHAT), Map.entry("conversation.assigned", CHAT),
      Map.entry("conversation.closed", CHAT), Map.entry("message.created", CHAT),
      Map.entry("ticket.created", EVERY_KIND), Map.entry("ticket.solved", EVERY_KIND),
      Map.entry("ticket.updated", SLA), Map.entry("sla.at_risk", SLA),
      Map.entry("sla.breached", SLA), Map.entry("rating.submitted", RATINGS),
      Map.entry("contact.created", EVERY_KIND), Map.entry("contact.merged", EVERY_KIND));

  @Test
  void everyDocumentedEventTypeIsReceivedByATest() throws Exception {
    Set<String> documented = documentedTypes();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(WebhookEvents.ALL);
    assertThat(COVERED_BY.keySet()).containsExactlyInAnyOrderElementsOf(documented);
    for (Map.Entry<String, String> entry : COVERED_BY.entrySet()) {
      String[] named = entry.getValue().split("#");
      Class<?> test = Class.forName(WebhookEvents.class.getPackageName() + "." + named[0]);
      Method method = test.getDeclaredMethod(named[1]);
      assertThat(method.isAnnotationPresent(Test.class)).as(entry.getValue()).isTrue();
      assertThat(methodSource(named[0], named[1])).as("%s checks %s", entry.getValue(),
          entry.getKey()).contains("\"" + entry.getKey() + "\"");
    }
  }

  /** The event types in the first column of PROTOCOL.md 3.19's table of events. */
  private static Set<String> documentedTypes() throws IOException {
    String protocol = Files.readString(Path.of("..", "protocol", "PROTOCOL.md"));
    String section = protocol.substring(protocol.indexOf("### 3.19 Webhooks"));
    section = section.substring(section.indexOf("**Events and their `data`.**"),
        section.indexOf("\n### "));
    Set<String> types = new LinkedHashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| (`[a-z_.]+`(?:, `[a-z_.]+`)*) \\|").matcher(section);
    while (row.find()) {
      Matcher type = Pattern.compile("`([a-z_.]+)`").matcher(row.group(1));
      while (type.find()) {
        types.add(type.group(1));
      }
    }
    return types;
  }

  /** The text of a test method, from its name to the next test method of the file. */
  private static String methodSource(String testClass, String method) throws IOException {
    String source = Files.readString(Path.of("src", "test", "java", "io", "switchboard",
        "server", "webhook", testClass + ".java"));
    int start = source.indexOf("void " + method + "(");
    assertThat(start).as(testClass + "#" + method).isNotNegative();
    int end = source.indexOf("@Test", start);
    return source.substring(start, end < 0 ? source.length() : end);
  }
}
