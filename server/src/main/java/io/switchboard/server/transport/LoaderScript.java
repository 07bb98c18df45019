package io.switchboard.server.transport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The widget's loader as {@code /widget.js} serves it: {@code widget/loader-light.js},
 * {@code widget/loader-page.js} and {@code widget/loader.js} inside one function (so their
 * functions stay out of the host page's globals), made smaller on the wire without a build step: every shop page that
 * embeds the widget fetches it, so comments and indentation are left out of what is served. Only
 * what is safe for the loader's own plain ES5 source is removed: comments that take whole lines
 * ({@code //} lines, and block comments that start a line and end one, each matched up to its
 * own end only), leading whitespace and blank lines. Code and strings, and comments next to code
 * on a line, stay as they are.
 *
 * <p>Thread-safe: stateless.
 */
final class LoaderScript {
  private static final Pattern BLOCK_COMMENTS =
      Pattern.compile("^[ \\t]*/\\*[^*]*\\*+(?:[^/*][^*]*\\*+)*/[ \\t]*\\r?\\n", Pattern.MULTILINE);
  private static final Pattern LINE_COMMENTS =
      Pattern.compile("^[ \\t]*//[^\\n]*\\n", Pattern.MULTILINE);
  private static final Pattern INDENTATION = Pattern.compile("^[ \\t]+", Pattern.MULTILINE);
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{2,}");

  /** The classpath resources the served loader is made of, in order; the loader itself last. */
  static final List<String> PARTS =
      List.of("widget/loader-light.js", "widget/loader-page.js", "widget/loader.js");
  static final String LOADER = "widget/loader.js";

  private LoaderScript() {}

  /** The served script: the parts' sources, in {@link #PARTS} order, in one function, compacted. */
  static String served(List<String> parts) {
    return compact("(function () {\n" + String.join("\n", parts) + "\n})();\n");
  }

  /** The source without its whole-line comments, indentation and blank lines. */
  static String compact(String source) {
    String out = BLOCK_COMMENTS.matcher(source).replaceAll("");
    out = LINE_COMMENTS.matcher(out).replaceAll("");
    out = INDENTATION.matcher(out).replaceAll("");
    return BLANK_LINES.matcher(out).replaceAll("\n");
  }
}
