package io.switchboard.server.store.site;

import java.util.Map;

/**
 * How a site's widget looks and what its pre-chat form asks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param language {@code auto} (the browser's), {@code en} or {@code zh-CN}
 * @param prechatFields field name ({@code name}, {@code email}, {@code phone}) to
 *     {@code required}, {@code optional} or {@code hidden}
 */
public record WidgetSettings(String brandColor, String greetingEn, String greetingZh,
    String language, Map<String, String> prechatFields) {
  public WidgetSettings {
    prechatFields = Map.copyOf(prechatFields);
  }
}
