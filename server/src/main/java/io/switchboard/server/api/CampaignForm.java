package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.campaign.Campaign;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A campaign as an admin writes it, read from a JSON body and checked field by field (each
 * problem is {@code invalid_field} naming the field), and a campaign as the console reads it.
 * A write gives the whole campaign: what it leaves out takes its default.
 *
 * <p>Stateless and thread-safe.
 */
final class CampaignForm {
  private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
  private static final List<String> VISITORS = List.of("any", "new", "returning");

  private CampaignForm() {}

  /** The campaign the body describes, for the given id and site (checked by the caller). */
  static Campaign read(ApiRequest request, UUID id, String siteId) {
    JsonNode body = request.body();
    JsonNode message = body == null ? null : body.get("message");
    if (message == null || !message.isObject()) {
      throw invalid("message", "required: the text in en and zh-CN");
    }
    String visitor = optional(request, "visitor", 16, "any");
    if (!VISITORS.contains(visitor)) {
      throw invalid("visitor", "any, new or returning");
    }
    List<String> languages = new ArrayList<>();
    for (String language : request.textList("languages")) {
      String primary = language.strip().toLowerCase(Locale.ROOT).split("-", 2)[0];
      if (!LANGUAGE.matcher(primary).matches()) {
        throw invalid("languages", "language tags such as en or zh-CN");
      }
      if (!languages.contains(primary)) {
        languages.add(primary);
      }
    }
    String sender = request.text("senderId");
    JsonNode cap = body.get("capDays");
    Integer capDays = cap == null || cap.isNull() ? null : request.optionalInt("capDays", 0, 3650, 0);
    return new Campaign(id, siteId, request.requiredText("queueId", 64).strip(),
        request.requiredText("name", 120).strip(), bool(body, "enabled", true),
        request.optionalInt("priority", -1000, 1000, 0), optional(request, "urlPattern", 500, null),
        request.optionalInt("minSecondsOnPage", 0, 86400, 0),
        request.optionalInt("minVisits", 1, 10000, 1), visitor,
        optional(request, "referrerContains", 200, null), languages,
        bool(body, "businessHoursOnly", false), capDays, text(message, "en"),
        text(message, "zh-CN"), sender == null || sender.isBlank() ? null : uuid("senderId", sender),
        null);
  }

  /** The console's view of a campaign. */
  static Map<String, Object> json(Campaign c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id().toString());
    out.put("siteId", c.siteId());
    out.put("queueId", c.queueId());
    out.put("name", c.name());
    out.put("enabled", c.enabled());
    out.put("priority", c.priority());
    out.put("urlPattern", c.urlPattern());
    out.put("minSecondsOnPage", c.minSecondsOnPage());
    out.put("minVisits", c.minVisits());
    out.put("visitor", c.visitor());
    out.put("referrerContains", c.referrerContains());
    out.put("languages", c.languages());
    out.put("businessHoursOnly", c.businessHoursOnly());
    out.put("capDays", c.capDays());
    out.put("message", Map.of("en", c.messageEn(), "zh-CN", c.messageZh()));
    out.put("senderId", c.senderId() == null ? null : c.senderId().toString());
    out.put("updatedAt", c.updatedAt() == null ? null : c.updatedAt().toString());
    return out;
  }

  static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "not an id");
    }
  }

  static SwitchboardException invalid(String field, String problem) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": " + problem);
  }

  private static String optional(ApiRequest request, String field, int max, String fallback) {
    String value = request.text(field);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (value.strip().length() > max) {
      throw invalid(field, "at most " + max + " characters");
    }
    return value.strip();
  }

  private static String text(JsonNode message, String language) {
    JsonNode node = message.get(language);
    if (node == null || !node.isTextual() || node.asText().isBlank()
        || node.asText().strip().length() > 1000) {
      throw invalid("message." + language, "a text of 1 to 1000 characters");
    }
    return node.asText().strip();
  }

  private static boolean bool(JsonNode body, String field, boolean fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw invalid(field, "true or false");
    }
    return node.asBoolean();
  }
}
