package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The loader goes out with its other parts in one function, without whole-line comments and
 * indentation, and nothing else of it is lost: every line of code of every source is in the
 * served text, in order. Its gzip form stays within the 5 KB a shop page may pay for it.
 */
class LoaderScriptTest {
  @Test
  void onlyWholeLineCommentsIndentationAndBlankLinesGo() {
    String source = """
        /*
         * A header.
         */
        (function () {
          // a note
          var url = 'http://www.w3.org/2000/svg'; // kept: next to code

          /* a block */
          /* starts a line */ var kept = 1;
          try { x(); } catch (e) { /* kept */ }
          /** one */ /* two */
          var after = '*/';
        })();
        """;
    assertThat(LoaderScript.compact(source)).isEqualTo("""
        (function () {
        var url = 'http://www.w3.org/2000/svg'; // kept: next to code
        /* starts a line */ var kept = 1;
        try { x(); } catch (e) { /* kept */ }
        /** one */ /* two */
        var after = '*/';
        })();
        """);
  }

  @Test
  void theServedLoaderKeepsEveryLineOfCodeAndIsSmall() throws IOException {
    List<String> sources = new ArrayList<>();
    for (String part : LoaderScript.PARTS) {
      sources.add(resource(part));
    }
    String served = LoaderScript.served(sources);
    List<String> code = new ArrayList<>();
    code.add("(function () {");
    sources.forEach(source -> code.addAll(codeLines(source)));
    code.add("})();");
    assertThat(served.split("\n")).containsExactlyElementsOf(code);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(served.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(zipped.size()).as("the loader, gzip compressed").isLessThanOrEqualTo(5_000);
  }

  private String resource(String name) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The source's lines that are neither comments nor blank, without their indentation. */
  private static List<String> codeLines(String source) {
    List<String> code = new ArrayList<>();
    boolean inBlock = false;
    for (String line : source.split("\n")) {
      String trimmed = line.strip();
      if (inBlock) {
        inBlock = !trimmed.endsWith("*/");
      } else if (trimmed.startsWith("/*") && !trimmed.endsWith("*/")) {
        inBlock = true;
      } else if (!trimmed.isEmpty() && !trimmed.startsWith("//")
          && !(trimmed.startsWith("/*") && trimmed.endsWith("*/"))) {
        code.add(trimmed);
      }
    }
    return code;
  }
}
