package io.switchboard.server.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.sla.SlaMetric;
import io.switchboard.server.sla.SlaPolicy;
import io.switchboard.server.sla.SlaTargets;
import io.switchboard.server.store.sla.SlaPolicyRow;
import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Converts SLA policies between their stored rows (conditions and targets as JSON) and the SLA
 * engine's records. Targets are stored in seconds, by metric and priority wire names.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlaPolicyCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlaPolicyCodec() {}

  public static SlaPolicy policy(SlaPolicyRow row) {
    JsonNode conditions = read(row.conditionsJson());
    SlaPolicy.Conditions when = new SlaPolicy.Conditions(
        set(conditions, "priorities", TicketPriority::fromWire),
        set(conditions, "types", TicketType::fromWire),
        set(conditions, "queues", Function.identity()),
        set(conditions, "channels", TicketChannel::fromWire),
        set(conditions, "contactTags", Function.identity()));
    return new SlaPolicy(row.id(), row.name(), row.position(), when, targets(row.targetsJson()),
        row.calendarQueueId(), row.warnPercent(),
        new SlaPolicy.Actions(row.alert(), row.raisePriority(), row.escalationQueue()),
        chatTargets(row.chatTargetsJson()));
  }

  /** The row to store for a policy (its id as given). */
  public static SlaPolicyRow row(SlaPolicy policy) {
    SlaPolicy.Conditions c = policy.conditions();
    Map<String, Object> conditions = new LinkedHashMap<>();
    conditions.put("priorities", wires(c.priorities(), TicketPriority::wire));
    conditions.put("types", wires(c.types(), TicketType::wire));
    conditions.put("queues", new TreeSet<>(c.queues()));
    conditions.put("channels", wires(c.channels(), TicketChannel::wire));
    conditions.put("contactTags", new TreeSet<>(c.contactTags()));
    Map<String, Map<String, Long>> targets = new LinkedHashMap<>();
    policy.targets().targets().forEach((metric, byPriority) -> {
      Map<String, Long> seconds = new LinkedHashMap<>();
      byPriority.forEach((priority, target) -> seconds.put(priority.wire(), target.toSeconds()));
      targets.put(metric.wire(), seconds);
    });
    return new SlaPolicyRow(policy.id(), policy.name(), policy.position(), write(conditions),
        write(targets), policy.calendarQueueId(), policy.warnPercent(),
        policy.actions().alert(), policy.actions().raisePriority(),
        policy.actions().escalationQueueId(), write(chatSeconds(policy.chatTargets())), null);
  }

  static SlaTargets targets(String json) {
    Map<SlaMetric, Map<TicketPriority, Duration>> targets = new EnumMap<>(SlaMetric.class);
    read(json).fields().forEachRemaining(metric -> {
      Map<TicketPriority, Duration> byPriority = new EnumMap<>(TicketPriority.class);
      metric.getValue().fields().forEachRemaining(priority -> byPriority.put(
          TicketPriority.fromWire(priority.getKey()),
          Duration.ofSeconds(priority.getValue().asLong())));
      targets.put(SlaMetric.fromWire(metric.getKey()), byPriority);
    });
    return new SlaTargets(targets);
  }

  static Map<SlaMetric, Duration> chatTargets(String json) {
    Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
    read(json).fields().forEachRemaining(metric -> targets.put(SlaMetric.fromWire(metric.getKey()),
        Duration.ofSeconds(metric.getValue().asLong())));
    return targets;
  }

  /** Chat targets in seconds by metric wire name, as stored and shown. */
  public static Map<String, Long> chatSeconds(Map<SlaMetric, Duration> targets) {
    Map<String, Long> seconds = new LinkedHashMap<>();
    targets.forEach((metric, target) -> seconds.put(metric.wire(), target.toSeconds()));
    return seconds;
  }

  private static <T> Set<T> set(JsonNode node, String field, Function<String, T> parse) {
    Set<T> values = new LinkedHashSet<>();
    JsonNode list = node.get(field);
    if (list != null && list.isArray()) {
      list.forEach(value -> values.add(parse.apply(value.asText())));
    }
    return values;
  }

  private static <T> Set<String> wires(Set<T> values, Function<T, String> wire) {
    Set<String> wires = new TreeSet<>();
    values.forEach(value -> wires.add(wire.apply(value)));
    return wires;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored SLA policy is not JSON", e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable", e);
    }
  }
}
