package io.switchboard.server.transport;

import java.util.regex.Pattern;

/**
 * The widget's loader as {@code /widget.js} serves it: {@code widget/loader-light.js} and
 * {@code widget/loader.js} inside one function (so the light start's function stays out of the
 * host page's globals), made smaller on the wire without a build step: every shop page that
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

  /** The classpath resources the served loader is made of, in order. */
  static final String LIGHT = "widget/loader-light.js";
  static final String LOADER = "widget/loader.js";

  private LoaderScript() {}

  /** The served script: both parts in one function, compacted. */
  static String served(String light, String loader) {
    return compact("(function () {\n" + light + "\n" + loader + "\n})();\n");
  }

  /** The source without its whole-line comments, indentation and blank lines. */
  static String compact(String source) {
    String out = BLOCK_COMMENTS.matcher(source).replaceAll("");
    out = LINE_COMMENTS.matcher(out).replaceAll("");
    out = INDENTATION.matcher(out).replaceAll("");
    return BLANK_LINES.matcher(out).replaceAll("\n");
  }
}
