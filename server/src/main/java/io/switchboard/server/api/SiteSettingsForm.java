package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.site.SiteSettings;
import io.switchboard.server.util.SwitchboardException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A site's settings as admins read and write them over REST: one flat JSON object whose keys are
 * the console form's fields, so every validation message ("brandColor: ...") names the field it
 * belongs to. Writing applies the keys present in the body to the current settings; an optional
 * text sent as null or blank is cleared.
 *
 * <p>Stateless and thread-safe.
 */
final class SiteSettingsForm {
  static final int MAX_TEXT = 500;
  static final int MAX_LABEL = 60;
  static final int MAX_ORIGINS = 50;
  private static final Pattern COLOUR = Pattern.compile("^#[0-9a-fA-F]{6}$");
  private static final Set<String> LANGUAGES = Set.of("auto", "en", "zh-CN");
  private static final Set<String> MODES = Set.of("required", "optional", "hidden");

  private SiteSettingsForm() {}

  /** The JSON an admin reads: every setting, pre-chat fields as {@code nameField: "required"}. */
  static Map<String, Object> json(SiteSettings site) {
    Map<String, Object> json = ApiJson.object("id", site.id(), "siteKey", site.siteKey(),
        "name", site.name(), "brandColor", site.brandColor(), "language", site.language(),
        "greetingEn", site.greetingEn(), "greetingZh", site.greetingZh(),
        "offlineTextEn", site.offlineTextEn(), "offlineTextZh", site.offlineTextZh(),
        "allowedOrigins", site.allowedOrigins(), "defaultQueue", site.defaultQueueId());
    for (String field : SiteSettings.FIELDS) {
      json.put(field + "Field", site.prechatFields().getOrDefault(field, "hidden"));
      json.put(field + "LabelEn", site.labels().get(field + ".en"));
      json.put(field + "LabelZh", site.labels().get(field + ".zh-CN"));
    }
    return json;
  }

  /** {@code current} with the keys present in {@code body} applied; INVALID_FIELD naming a key. */
  static SiteSettings apply(SiteSettings current, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "body: a JSON object of settings");
    }
    Map<String, String> fields = new LinkedHashMap<>(current.prechatFields());
    Map<String, String> labels = new LinkedHashMap<>(current.labels());
    for (String field : SiteSettings.FIELDS) {
      if (body.has(field + "Field")) {
        String mode = choice(body, field + "Field", MODES);
        if (mode.equals("hidden")) {
          fields.remove(field);
        } else {
          fields.put(field, mode);
        }
      }
      label(body, field + "LabelEn", labels, field + ".en");
      label(body, field + "LabelZh", labels, field + ".zh-CN");
    }
    return new SiteSettings(current.id(), current.siteKey(),
        body.has("name") ? required(body, "name", 100) : current.name(),
        body.has("brandColor") ? colour(body) : current.brandColor(),
        body.has("language") ? choice(body, "language", LANGUAGES) : current.language(),
        body.has("greetingEn") ? required(body, "greetingEn", MAX_TEXT) : current.greetingEn(),
        body.has("greetingZh") ? required(body, "greetingZh", MAX_TEXT) : current.greetingZh(),
        body.has("offlineTextEn") ? optional(body, "offlineTextEn", MAX_TEXT)
            : current.offlineTextEn(),
        body.has("offlineTextZh") ? optional(body, "offlineTextZh", MAX_TEXT)
            : current.offlineTextZh(),
        body.has("allowedOrigins") ? origins(body.get("allowedOrigins"))
            : current.allowedOrigins(),
        body.has("defaultQueue") ? optional(body, "defaultQueue", 64) : current.defaultQueueId(),
        fields, labels);
  }

  /**
   * The origins a site's widget may run on, each as {@code scheme://host[:port]}, lower case,
   * without duplicates.
   */
  static List<String> origins(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid("allowedOrigins", "a list of origins such as https://www.example.com");
    }
    if (node.size() > MAX_ORIGINS) {
      throw invalid("allowedOrigins", "at most " + MAX_ORIGINS + " origins");
    }
    Set<String> origins = new LinkedHashSet<>();
    for (JsonNode item : node) {
      String text = item.isTextual() ? item.asText().strip() : "";
      if (!text.isEmpty()) {
        origins.add(origin(text));
      }
    }
    return new ArrayList<>(origins);
  }

  private static String origin(String text) {
    String problem = "'" + text + "' is not an origin such as https://www.example.com";
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw invalid("allowedOrigins", problem);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
        && uri.getRawQuery() == null && uri.getRawFragment() == null
        && uri.getRawUserInfo() == null;
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
      throw invalid("allowedOrigins", problem);
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static String colour(JsonNode body) {
    String value = text(body, "brandColor");
    if (value == null || !COLOUR.matcher(value.strip()).matches()) {
      throw invalid("brandColor", "a colour as #rrggbb, such as #2563eb");
    }
    return value.strip().toLowerCase(Locale.ROOT);
  }

  private static String choice(JsonNode body, String key, Set<String> choices) {
    String value = text(body, key);
    if (value == null || !choices.contains(value)) {
      throw invalid(key, "one of " + String.join(", ", choices.stream().sorted().toList()));
    }
    return value;
  }

  private static void label(JsonNode body, String key, Map<String, String> labels, String name) {
    if (!body.has(key)) {
      return;
    }
    String value = optional(body, key, MAX_LABEL);
    if (value == null) {
      labels.remove(name);
    } else {
      labels.put(name, value);
    }
  }

  private static String required(JsonNode body, String key, int max) {
    String value = optional(body, key, max);
    if (value == null) {
      throw invalid(key, "required");
    }
    return value;
  }

  /** The stripped text, null when null or blank. */
  private static String optional(JsonNode body, String key, int max) {
    String value = text(body, key);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.strip().length() > max) {
      throw invalid(key, "at most " + max + " characters");
    }
    return value.strip();
  }

  private static String text(JsonNode body, String key) {
    JsonNode node = body.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw invalid(key, "must be a string");
    }
    return node.asText();
  }

  static SwitchboardException invalid(String key, String problem) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, key + ": " + problem);
  }
}
