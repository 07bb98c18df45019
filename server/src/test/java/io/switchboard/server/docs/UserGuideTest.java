package io.switchboard.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The user guide ({@code docs/guide.md} and its Chinese twin) shows only pictures that a browser
 * test takes: each picture is in the repository, is named in {@code docs/guide/screenshots.tsv}
 * with the test class and the screenshot file it comes from, and that test really takes that
 * screenshot (its method and step are in the test's source). Both languages show a picture at
 * the same places, each in its own language.
 */
class UserGuideTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Path TESTS = Path.of("src/test/java/io/switchboard/server/browser");
  private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]+]\\(guide/img/([^)]+)\\)");

  @Test
  void everyPictureIsTakenByABrowserTestInItsLanguage() throws IOException {
    Map<String, String[]> sources = sources();
    List<String> english = images("guide.md");
    List<String> chinese = images("guide.zh-CN.md");
    assertThat(english).isNotEmpty().allMatch(image -> image.endsWith("-en.png"));
    assertThat(chinese).allMatch(image -> image.endsWith("-zh.png"));
    assertThat(chinese).containsExactlyElementsOf(
        english.stream().map(image -> image.replace("-en.png", "-zh.png")).toList());
    List<String> all = new ArrayList<>(english);
    all.addAll(chinese);
    for (String image : all) {
      assertThat(DOCS.resolve("guide/img").resolve(image)).as(image).isRegularFile();
      String[] source = sources.get(image);
      assertThat(source).as(image + " in screenshots.tsv").isNotNull();
      String test = Files.readString(TESTS.resolve(source[0] + ".java"));
      String file = source[1].replaceFirst("\\.png$", "");
      String method = file.substring(0, file.indexOf('-'));
      assertThat(test).as(source[0] + " has " + method).contains("void " + method + "(");
      String step = file.substring(method.length() + 1);
      String stepStart = step.split("-")[0];
      assertThat(Pattern.compile("screenshot\\(\\w+, \\w+, \"" + Pattern.quote(stepStart))
          .matcher(test).find()).as(source[0] + " takes the screenshot " + step).isTrue();
    }
  }

  /** Picture name to {test class, screenshot file}, from docs/guide/screenshots.tsv. */
  private static Map<String, String[]> sources() throws IOException {
    Map<String, String[]> sources = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOCS.resolve("guide/screenshots.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t");
      assertThat(cells).as(line).hasSize(3);
      sources.put(cells[0], new String[] {cells[1], cells[2]});
    }
    return sources;
  }

  private static List<String> images(String guide) throws IOException {
    Matcher found = IMAGE.matcher(Files.readString(DOCS.resolve(guide)));
    List<String> images = new ArrayList<>();
    while (found.find()) {
      images.add(found.group(1));
    }
    return images;
  }
}
