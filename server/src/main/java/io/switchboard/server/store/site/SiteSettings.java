package io.switchboard.server.store.site;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an admin sets on a site, which is everything the widget reads from it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the site's stable identifier (not editable)
 * @param siteKey the public key the widget presents (not editable)
 * @param name a display name
 * @param brandColor {@code #rrggbb}
 * @param language {@code auto} (the browser's), {@code en} or {@code zh-CN}
 * @param greetingEn the widget's greeting in English
 * @param greetingZh the widget's greeting in Chinese
 * @param offlineTextEn the offline form's introduction in English; null for the widget's own
 * @param offlineTextZh the same in Chinese; null for the widget's own
 * @param allowedOrigins the origins the widget may run on; empty for any
 * @param defaultQueueId the queue a conversation enters when the visitor chooses none; may be null
 * @param prechatFields field ({@code name}, {@code email}, {@code phone}) to {@code required} or
 *     {@code optional}; a field that is absent is not asked
 * @param labels {@code "name.en"}, {@code "name.zh-CN"}, ... to a label the widget shows in
 *     place of its own
 */
public record SiteSettings(String id, String siteKey, String name, String brandColor,
    String language, String greetingEn, String greetingZh, String offlineTextEn,
    String offlineTextZh, List<String> allowedOrigins, String defaultQueueId,
    Map<String, String> prechatFields, Map<String, String> labels) {
  /** The pre-chat fields the widget knows, in the order it shows them. */
  public static final List<String> FIELDS = List.of("name", "email", "phone");

  /** The languages of labels and texts. */
  public static final List<String> LANGUAGES = List.of("en", "zh-CN");

  public SiteSettings {
    Objects.requireNonNull(name, "name");
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    prechatFields = prechatFields == null ? Map.of() : Map.copyOf(prechatFields);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The same settings for another site (its id and key). */
  public SiteSettings forSite(String siteId, String key) {
    return new SiteSettings(siteId, key, name, brandColor, language, greetingEn, greetingZh,
        offlineTextEn, offlineTextZh, allowedOrigins, defaultQueueId, prechatFields, labels);
  }
}
