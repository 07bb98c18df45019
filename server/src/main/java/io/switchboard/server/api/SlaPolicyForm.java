package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.sla.SlaMetric;
import io.switchboard.server.sla.SlaPolicy;
import io.switchboard.server.sla.SlaTargets;
import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import io.switchboard.server.ticket.SlaPolicyCodec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An SLA policy as the admin API reads and shows it. A key left out of the body keeps the value
 * of {@code base} (the stored policy, or the contract's default for a new one); every refusal is
 * {@code INVALID_FIELD} naming the key, such as {@code targets.first_response.high}.
 *
 * <p>Stateless and thread-safe.
 */
final class SlaPolicyForm {
  /** Targets from one second to a year. */
  private static final long MAX_TARGET_SECONDS = 365L * 24 * 3600;

  private SlaPolicyForm() {}

  static SlaPolicy read(JsonNode body, SlaPolicy base, boolean creating) {
    if (body == null || !body.isObject()) {
      throw TicketFields.invalid("name", "send the policy as a JSON object");
    }
    String name = text(body, "name", 100, creating ? null : base.name());
    if (name == null) {
      throw TicketFields.invalid("name", "required");
    }
    // A rank: 1 is first; a new policy without one goes just above the last (0).
    int position = body.has("position") ? whole(body.get("position"), "position", 1, 1_000_000)
        : creating ? 0 : base.position();
    JsonNode when = body.get("conditions");
    SlaPolicy.Conditions conditions = when == null || when.isNull() ? base.conditions()
        : conditions(when);
    SlaTargets targets = body.has("targets") ? targets(body.get("targets")) : base.targets();
    String calendar = body.has("calendarQueue") ? optional(body.get("calendarQueue"),
        "calendarQueue") : base.calendarQueueId();
    int warn = body.has("warnPercent") ? whole(body.get("warnPercent"), "warnPercent", 1, 99)
        : base.warnPercent();
    SlaPolicy.Actions actions = body.has("actions") ? actions(body.get("actions"), base.actions())
        : base.actions();
    Map<SlaMetric, Duration> chat = body.has("chatTargets") ? chatTargets(body.get("chatTargets"))
        : base.chatTargets();
    try {
      return new SlaPolicy(creating ? 0 : base.id(), name, position, conditions, targets,
          calendar, warn, actions, chat);
    } catch (IllegalArgumentException e) {
      throw TicketFields.invalid("policy", e.getMessage());
    }
  }

  static Map<String, Object> json(SlaPolicy policy) {
    Map<String, Object> targets = new LinkedHashMap<>();
    policy.targets().targets().forEach((metric, byPriority) -> {
      Map<String, Long> seconds = new LinkedHashMap<>();
      byPriority.forEach((priority, target) -> seconds.put(priority.wire(), target.toSeconds()));
      targets.put(metric.wire(), seconds);
    });
    SlaPolicy.Conditions c = policy.conditions();
    return ApiJson.object("id", policy.id(), "name", policy.name(), "position", policy.position(),
        "conditions", ApiJson.object(
            "priorities", wires(c.priorities(), TicketPriority::wire),
            "types", wires(c.types(), TicketType::wire), "queues", new TreeSet<>(c.queues()),
            "channels", wires(c.channels(), TicketChannel::wire),
            "contactTags", new TreeSet<>(c.contactTags())),
        "targets", targets, "calendarQueue", policy.calendarQueueId(),
        "warnPercent", policy.warnPercent(),
        "actions", ApiJson.object("notify", policy.actions().alert(),
            "raisePriority", policy.actions().raisePriority(),
            "escalationQueue", policy.actions().escalationQueueId()),
        "chatTargets", SlaPolicyCodec.chatSeconds(policy.chatTargets()));
  }

  private static SlaPolicy.Conditions conditions(JsonNode node) {
    if (!node.isObject()) {
      throw TicketFields.invalid("conditions", "an object");
    }
    return new SlaPolicy.Conditions(
        list(node, "priorities", TicketPriority::fromWire, TicketApi.PRIORITIES),
        list(node, "types", TicketType::fromWire, TicketApi.TYPES),
        list(node, "queues", Function.identity(), "queue ids"),
        list(node, "channels", TicketChannel::fromWire, TicketApi.CHANNELS),
        list(node, "contactTags", tag -> tag, "tags"));
  }

  private static SlaTargets targets(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw TicketFields.invalid("targets", "an object of metrics, each by priority in seconds");
    }
    Map<SlaMetric, Map<TicketPriority, Duration>> targets = new EnumMap<>(SlaMetric.class);
    var metrics = node.fields();
    while (metrics.hasNext()) {
      var metric = metrics.next();
      String field = "targets." + metric.getKey();
      SlaMetric key = TicketFields.parse("targets", metric.getKey(), SlaMetric::fromWire,
          "first_response, next_response, initial_solution, resolution");
      if (!metric.getValue().isObject()) {
        throw TicketFields.invalid(field, "an object of priorities in seconds");
      }
      Map<TicketPriority, Duration> byPriority = new EnumMap<>(TicketPriority.class);
      var priorities = metric.getValue().fields();
      while (priorities.hasNext()) {
        var priority = priorities.next();
        TicketPriority level = TicketFields.parse(field, priority.getKey(),
            TicketPriority::fromWire, TicketApi.PRIORITIES);
        if (!priority.getValue().isNull()) {
          byPriority.put(level, Duration.ofSeconds(whole(priority.getValue(),
              field + "." + priority.getKey(), 1, MAX_TARGET_SECONDS)));
        }
      }
      targets.put(key, byPriority);
    }
    try {
      return new SlaTargets(targets);
    } catch (IllegalArgumentException e) {
      throw TicketFields.invalid("targets", e.getMessage());
    }
  }

  private static Map<SlaMetric, Duration> chatTargets(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw TicketFields.invalid("chatTargets", "an object: first_response, next_response in seconds");
    }
    Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
    var metrics = node.fields();
    while (metrics.hasNext()) {
      var metric = metrics.next();
      SlaMetric key = TicketFields.parse("chatTargets", metric.getKey(), SlaMetric::fromWire,
          "first_response, next_response");
      if (key != SlaMetric.FIRST_RESPONSE && key != SlaMetric.NEXT_RESPONSE) {
        throw TicketFields.invalid("chatTargets", "first_response and next_response only");
      }
      if (!metric.getValue().isNull()) {
        targets.put(key, Duration.ofSeconds(whole(metric.getValue(),
            "chatTargets." + metric.getKey(), 1, 86_400L)));
      }
    }
    return targets;
  }

  private static SlaPolicy.Actions actions(JsonNode node, SlaPolicy.Actions base) {
    if (!node.isObject()) {
      throw TicketFields.invalid("actions", "an object");
    }
    return new SlaPolicy.Actions(
        node.has("notify") ? bool(node.get("notify"), "actions.notify") : base.alert(),
        node.has("raisePriority") ? bool(node.get("raisePriority"), "actions.raisePriority")
            : base.raisePriority(),
        node.has("escalationQueue") ? optional(node.get("escalationQueue"),
            "actions.escalationQueue") : base.escalationQueueId());
  }

  private static <T> Set<T> list(JsonNode node, String field, Function<String, T> parse,
      String allowed) {
    JsonNode list = node.get(field);
    Set<T> values = new LinkedHashSet<>();
    if (list == null || list.isNull()) {
      return values;
    }
    if (!list.isArray() || list.size() > 50) {
      throw TicketFields.invalid("conditions." + field, "an array of at most 50");
    }
    for (JsonNode value : list) {
      if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 64) {
        throw TicketFields.invalid("conditions." + field, "names of 1 to 64 characters");
      }
      values.add(TicketFields.parse("conditions." + field, value.asText(), parse, allowed));
    }
    return values;
  }

  private static String text(JsonNode body, String field, int max, String fallback) {
    JsonNode node = body.get(field);
    if (node == null) {
      return fallback;
    }
    if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > max) {
      throw TicketFields.invalid(field, "a text of 1 to " + max + " characters");
    }
    return node.asText().strip();
  }

  private static String optional(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw TicketFields.invalid(field, "a queue id or null");
    }
    return node.asText().strip();
  }

  private static int whole(JsonNode node, String field, int min, int max) {
    return (int) whole(node, field, min, (long) max);
  }

  private static long whole(JsonNode node, String field, long min, long max) {
    if (node == null || !node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      throw TicketFields.invalid(field, "a whole number from " + min + " to " + max);
    }
    return node.asLong();
  }

  private static boolean bool(JsonNode node, String field) {
    if (node == null || !node.isBoolean()) {
      throw TicketFields.invalid(field, "true or false");
    }
    return node.asBoolean();
  }

  private static <T> Set<String> wires(Set<T> values, Function<T, String> wire) {
    Set<String> wires = new TreeSet<>();
    values.forEach(value -> wires.add(wire.apply(value)));
    return wires;
  }
}
