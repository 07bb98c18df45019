package io.switchboard.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.TestNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every command in the operations manual ({@code docs/operations.md}, and the same commands in
 * its Chinese twin) is one that something really runs: a script of {@code scripts/} given only
 * options it parses, the server jar as {@code scripts/run.sh} starts it, or a {@code curl} of an
 * endpoint that a running node answers with 2xx (this test asks one).
 */
class OperationsManualTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern OPTION = Pattern.compile("(?<=\\s)--[a-z][a-z-]*");
  private static final Pattern CURL =
      Pattern.compile("^curl (?:-[a-zA-Z]+ )*'?http://127\\.0\\.0\\.1:8080(/[^\\s']*)'?");

  @Test
  void bothLanguagesGiveTheSameCommands() throws IOException {
    assertThat(commands("docs/operations.zh-CN.md"))
        .containsExactlyElementsOf(commands("docs/operations.md"));
  }

  @Test
  void everyCommandIsOneThatIsRun() throws Exception {
    List<String> commands = commands("docs/operations.md");
    assertThat(commands).isNotEmpty();
    List<String> paths = new ArrayList<>();
    for (String command : commands) {
      Matcher curl = CURL.matcher(command);
      if (curl.find()) {
        paths.add(curl.group(1));
      } else if (command.startsWith("scripts/")) {
        String script = command.split("\\s+")[0];
        Path file = ROOT.resolve(script);
        assertThat(Files.isExecutable(file)).as(script + " exists and runs").isTrue();
        String text = Files.readString(file);
        Matcher option = OPTION.matcher(command);
        while (option.find()) {
          assertThat(text).as(script + " parses " + option.group()).contains(option.group());
        }
      } else if (command.startsWith("java -jar server/target/switchboard-server.jar")) {
        assertThat(Files.readString(ROOT.resolve("scripts/run.sh")))
            .contains("-jar server/target/switchboard-server.jar");
      } else {
        throw new AssertionError("a command nothing runs: " + command);
      }
    }
    if (!paths.isEmpty()) {
      try (TestNode node = TestNode.start()) {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : paths) {
          URI uri = node.http().resolve(path);
          int status = client.send(HttpRequest.newBuilder(uri).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
          assertThat(status).as("GET " + path).isBetween(200, 299);
        }
      }
    }
  }

  /** The manual's shell commands in order: continuation lines joined, variables left out. */
  static List<String> commands(String manual) throws IOException {
    String text = Files.readString(ROOT.resolve(manual));
    List<String> commands = new ArrayList<>();
    Matcher block = SH_BLOCK.matcher(text);
    while (block.find()) {
      String joined = block.group(1).replaceAll("\\\\\\n\\s*", " ");
      for (String line : joined.split("\\n")) {
        String command = line.replaceFirst("\\s+#.*$", "").trim();
        while (command.matches("^[A-Z_]+=('[^']*'|\\S*)\\s+.*")) {
          command = command.replaceFirst("^[A-Z_]+=('[^']*'|\\S*)\\s+", "");
        }
        if (!command.isEmpty() && !command.startsWith("#")) {
          commands.add(command);
        }
      }
    }
    return commands;
  }
}
