package io.switchboard.server.api;

import io.switchboard.server.report.CsatPage;
import io.switchboard.server.report.MetricDefinitions;
import io.switchboard.server.report.Overview;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON of {@code /v1/reports/*}: records become objects keyed by their component names,
 * dates and instants ISO strings, ids strings (PROTOCOL.md "Reports").
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportJson {
  private ReportJson() {}

  static Map<String, Object> definitions(List<MetricDefinitions.Metric> metrics) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (MetricDefinitions.Metric metric : metrics) {
      list.add(ApiJson.object("id", metric.id(), "subject", metric.subject(), "unit",
          metric.unit(), "name", ApiJson.object("en", metric.nameEn(), "zh-CN", metric.nameZh()),
          "definition", ApiJson.object("en", metric.definitionEn(), "zh-CN",
              metric.definitionZh())));
    }
    return ApiJson.object("metrics", list);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> overview(Overview overview) {
    return (Map<String, Object>) value(overview);
  }

  public static List<Map<String, Object>> rows(List<? extends Record> records) {
    return records.stream().map(ReportJson::object).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Record record) {
    return (Map<String, Object>) value(record);
  }

  static Map<String, Object> csat(CsatPage page, String nextCursor) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("summary", value(page.summary()));
    body.put("comments", rows(page.comments()));
    body.put("nextCursor", nextCursor);
    return body;
  }

  static Map<String, Object> today(Overview overview, Map<String, Object> live, int[] agents,
      Instant asOf) {
    return ApiJson.object("overview", overview(overview), "live", ApiJson.object(
        "queued", live.get("queued"), "longestWaitSeconds", live.get("longest_wait"),
        "chatsActive", live.get("active"), "agentsOnline", agents[0], "agentsAway", agents[1]),
        "asOf", asOf.toString());
  }

  private static Object value(Object value) {
    if (value instanceof Record record) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          map.put(component.getName(), value(component.getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return map;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ReportJson::value).toList();
    }
    if (value instanceof LocalDate || value instanceof Instant || value instanceof UUID) {
      return value.toString();
    }
    return value;
  }
}
