package io.switchboard.server.api;

import java.util.Locale;
import java.util.Map;

/**
 * The four texts of the widget's launcher, which the loader shows on a shop page's first view
 * before the chat's frame (and its translations) ever loaded: the same text as the frame's own
 * {@code widget/i18n.js} ({@code launcher.open}, {@code launcher.close}, {@code unread} and
 * {@code title.default}; {@code LauncherLabelsTest} holds them equal). The language is chosen as
 * the frame chooses it: the site's language, or with {@code auto} the browser's.
 *
 * <p>Thread-safe: immutable.
 */
final class LauncherLabels {
  static final Map<String, String> EN = Map.of("open", "Open chat", "close", "Close chat",
      "unread", "{n} unread", "frame", "Chat with us");
  static final Map<String, String> ZH = Map.of("open", "打开在线客服", "close", "关闭在线客服",
      "unread", "{n} 条未读消息", "frame", "在线客服");

  private LauncherLabels() {}

  /** The labels for a site's language ({@code en}, {@code zh-CN} or {@code auto}). */
  static Map<String, String> of(String siteLanguage, String browserLanguage) {
    String chosen = "en".equals(siteLanguage) || "zh-CN".equals(siteLanguage) ? siteLanguage
        : browserLanguage == null ? "en"
        : browserLanguage.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh-CN" : "en";
    return chosen.equals("zh-CN") ? ZH : EN;
  }
}
