package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher's labels that a shop page's first view gets from the server are the frame's own,
 * read from the widget's {@code i18n.js} as the node serves it, in both languages; and the
 * language is chosen as the frame chooses it.
 */
class LauncherLabelsTest {
  /** Each label and the key of the frame's text it is. */
  private static final Map<String, String> KEYS = Map.of("open", "launcher.open",
      "close", "launcher.close", "unread", "unread", "frame", "title.default");

  @Test
  void theLabelsAreTheFramesOwnInBothLanguages() throws IOException {
    String source;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("widget/i18n.js")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int chinese = source.indexOf("'zh-CN': {");
    assertThat(chinese).isPositive();
    assertThat(LauncherLabels.EN).isEqualTo(texts(source.substring(0, chinese)));
    assertThat(LauncherLabels.ZH).isEqualTo(texts(source.substring(chinese)));
  }

  @Test
  void theSitesLanguageWinsAndAutoFollowsTheBrowser() {
    assertThat(LauncherLabels.of("zh-CN", "en-US")).isSameAs(LauncherLabels.ZH);
    assertThat(LauncherLabels.of("en", "zh-TW")).isSameAs(LauncherLabels.EN);
    assertThat(LauncherLabels.of("auto", "zh-TW")).isSameAs(LauncherLabels.ZH);
    assertThat(LauncherLabels.of("auto", "ZH")).isSameAs(LauncherLabels.ZH);
    assertThat(LauncherLabels.of("auto", "fr-FR")).isSameAs(LauncherLabels.EN);
    assertThat(LauncherLabels.of("auto", null)).isSameAs(LauncherLabels.EN);
    assertThat(LauncherLabels.of(null, "zh-CN")).isSameAs(LauncherLabels.ZH);
  }

  /** The texts of the four keys in one language's part of the file. */
  private static Map<String, String> texts(String part) {
    Map<String, String> found = new LinkedHashMap<>();
    KEYS.forEach((label, key) -> {
      Matcher m = Pattern.compile("'" + Pattern.quote(key) + "': '([^']*)'").matcher(part);
      assertThat(m.find()).as(key).isTrue();
      found.put(label, m.group(1));
    });
    return found;
  }
}
