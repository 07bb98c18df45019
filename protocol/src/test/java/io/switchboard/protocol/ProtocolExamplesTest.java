package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps PROTOCOL.md honest: every JSON example in it equals a file under {@code examples/}, every
 * such file is shown in the document, and every client and server example survives a
 * decode/encode round trip through {@link ProtocolCodec}. The error and disconnect tables and the
 * changelog are checked against {@link ErrorCode}, {@link DisconnectCode} and
 * {@link ProtocolCodec#FEATURE_LEVEL}.
 */
class ProtocolExamplesTest {
  private static final Pattern JSON_FENCE = Pattern.compile("^```json(?:\\s+example=(\\S+))?\\s*$");
  private static final Pattern EXAMPLE_NAME =
      Pattern.compile("^(client|server)-([a-z_]+)(?:-[a-z0-9-]+)?\\.json$|^http-[a-z0-9-]+\\.json$");
  private static final Pattern ERROR_ROW = Pattern.compile("^\\| `([a-z_]+)` \\| (yes|no) \\|");
  private static final Pattern DISCONNECT_ROW =
      Pattern.compile("^\\| (\\d{4}) \\| `([A-Z_]+)` \\| (yes|no) \\|");
  private static final Pattern CHANGELOG_ROW = Pattern.compile("^\\| (\\d+) \\|");

  private final ObjectMapper json = new ObjectMapper();
  private final ProtocolCodec codec = new ProtocolCodec();

  /** One fenced {@code json example=NAME} block of the document. */
  private record DocExample(String name, int line, String text) {}

  @TestFactory
  Stream<DynamicTest> everyDocExampleEqualsItsResource() throws IOException {
    return docExamples().stream().map(example -> DynamicTest.dynamicTest(
        example.name() + " (PROTOCOL.md line " + example.line() + ")", () -> {
          Path resource = examplesDir().resolve(example.name());
          assertThat(resource).as("resource for the example at line " + example.line()).exists();
          assertThat(json.readTree(example.text()))
              .as("PROTOCOL.md line %d vs %s", example.line(), example.name())
              .isEqualTo(json.readTree(Files.readString(resource, StandardCharsets.UTF_8)));
        }));
  }

  @Test
  void everyResourceIsShownInTheDocOnceAndWellNamed() throws IOException {
    List<String> shown = docExamples().stream().map(DocExample::name).toList();
    assertThat(shown).as("examples shown twice in PROTOCOL.md").doesNotHaveDuplicates();
    Set<String> resources = resourceNames();
    assertThat(resources).as("resources not shown in PROTOCOL.md").isSubsetOf(shown);
    assertThat(resources).allSatisfy(name -> assertThat(name).matches(EXAMPLE_NAME));
  }

  @TestFactory
  Stream<DynamicTest> everyResourceRoundTripsThroughTheCodec() throws IOException {
    return resourceNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      String text = Files.readString(examplesDir().resolve(name), StandardCharsets.UTF_8);
      JsonNode original = json.readTree(text);
      assertThat(original.isObject()).as(name + " is a JSON object").isTrue();
      Matcher matcher = EXAMPLE_NAME.matcher(name);
      assertThat(matcher.matches()).isTrue();
      if (matcher.group(1) == null) {
        return; // http-*: an HTTP body, not a WebSocket message
      }
      assertThat(original.path("type").asText()).as(name + " type").isEqualTo(matcher.group(2));
      String reencoded = matcher.group(1).equals("client")
          ? codec.encode(codec.decodeClient(text))
          : codec.encode(codec.decodeServer(text));
      assertThat(json.readTree(reencoded)).as(name + " after decode and encode").isEqualTo(original);
    }));
  }

  @Test
  void everyMessageTypeHasAnExample() throws IOException {
    Set<String> resources = resourceNames();
    for (String type : typeNames(ClientMessage.class)) {
      assertThat(resources).contains("client-" + type + ".json");
    }
    for (String type : typeNames(ServerMessage.class)) {
      assertThat(resources).contains("server-" + type + ".json");
    }
  }

  @Test
  void errorTableMatchesErrorCode() throws IOException {
    Map<String, Boolean> table = new HashMap<>();
    for (String row : section("## 6.", "## 7.")) {
      Matcher matcher = ERROR_ROW.matcher(row);
      if (matcher.find()) {
        assertThat(table.put(matcher.group(1), matcher.group(2).equals("yes")))
            .as("error code listed twice: " + matcher.group(1)).isNull();
      }
    }
    Map<String, Boolean> expected = Arrays.stream(ErrorCode.values())
        .collect(Collectors.toMap(ErrorCode::wire, ErrorCode::temporary));
    assertThat(table).isEqualTo(expected);
  }

  @Test
  void disconnectTableMatchesDisconnectCode() throws IOException {
    Map<Integer, String> table = new HashMap<>();
    for (String row : section("## 7.", "## 8.")) {
      Matcher matcher = DISCONNECT_ROW.matcher(row);
      if (matcher.find()) {
        assertThat(table.put(Integer.parseInt(matcher.group(1)),
            matcher.group(2) + " " + matcher.group(3)))
            .as("close code listed twice: " + matcher.group(1)).isNull();
      }
    }
    Map<Integer, String> expected = Arrays.stream(DisconnectCode.values())
        .collect(Collectors.toMap(
            DisconnectCode::code, code -> code.name() + " " + (code.reconnect() ? "yes" : "no")));
    assertThat(table).isEqualTo(expected);
  }

  @Test
  void changelogEndsAtTheCurrentFeatureLevel() throws IOException {
    List<Integer> levels = new ArrayList<>();
    for (String row : section("## 9.", null)) {
      Matcher matcher = CHANGELOG_ROW.matcher(row);
      if (matcher.find()) {
        levels.add(Integer.parseInt(matcher.group(1)));
      }
    }
    assertThat(levels).isNotEmpty().isSorted();
    assertThat(levels.getLast()).isEqualTo(ProtocolCodec.FEATURE_LEVEL);
  }

  /** Every {@code json} fence of the document; each must name its resource file. */
  private static List<DocExample> docExamples() throws IOException {
    List<String> lines = Files.readAllLines(document(), StandardCharsets.UTF_8);
    List<DocExample> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("```")) {
        continue;
      }
      Matcher fence = JSON_FENCE.matcher(lines.get(i));
      int start = i;
      StringBuilder body = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        body.append(lines.get(i)).append('\n');
      }
      assertThat(i).as("unclosed code block at line " + (start + 1)).isLessThan(lines.size());
      if (fence.matches()) {
        assertThat(fence.group(1))
            .as("the json block at PROTOCOL.md line %d must name its file: ```json example=NAME",
                start + 1)
            .isNotNull();
        examples.add(new DocExample(fence.group(1), start + 1, body.toString()));
      }
    }
    assertThat(examples).isNotEmpty();
    return examples;
  }

  /** The lines from the heading starting with {@code from} up to the one starting with {@code to}. */
  private static List<String> section(String from, String to) throws IOException {
    List<String> lines = Files.readAllLines(document(), StandardCharsets.UTF_8);
    int start = -1;
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (start < 0 && lines.get(i).startsWith(from)) {
        start = i;
      } else if (start >= 0 && to != null && lines.get(i).startsWith(to)) {
        end = i;
        break;
      }
    }
    assertThat(start).as("section " + from).isNotNegative();
    return lines.subList(start, end);
  }

  private static Set<String> typeNames(Class<?> sealedInterface) {
    return Arrays.stream(sealedInterface.getAnnotation(JsonSubTypes.class).value())
        .map(JsonSubTypes.Type::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> resourceNames() throws IOException {
    try (Stream<Path> files = Files.list(examplesDir())) {
      return files.map(path -> path.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Path examplesDir() {
    try {
      return Path.of(ProtocolExamplesTest.class.getResource("/examples").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path document() {
    return Path.of(System.getProperty("basedir", ".")).resolve("PROTOCOL.md");
  }
}
