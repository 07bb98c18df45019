package io.switchboard.server.api;

import io.switchboard.server.report.MetricDefinitions;
import io.switchboard.server.report.Overview;
import io.switchboard.server.report.ReportFilter;
import io.switchboard.server.report.SlaAttainment;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV of {@code /v1/reports/*?format=csv}: UTF-8 with a byte order mark (so spreadsheet
 * programs read Chinese right), the header row in English or Chinese, one row per table row;
 * the overview has one row per metric. Served as {@code <view>-<from>-<to>.csv}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportCsv {
  private static final String TYPE = "text/csv; charset=utf-8";
  private static final List<String> DIST_EN = List.of("count", "average", "median", "p90");
  private static final List<String> DIST_ZH = List.of("数量", "平均值", "中位数", "P90");

  private ReportCsv() {}

  /** The overview: metric id, name, value, count, average, median, p90. */
  public static ApiResponse overview(Overview overview, String lang) {
    boolean zh = lang.equals("zh-CN");
    List<List<Object>> rows = new ArrayList<>();
    Map<String, Object> chats = ReportJson.object(overview.chats());
    Map<String, Object> tickets = ReportJson.object(overview.tickets());
    Map<String, Object> csat = ReportJson.object(overview.csat());
    for (MetricDefinitions.Metric metric : MetricDefinitions.ALL) {
      Map<String, Object> figures = switch (metric.subject()) {
        case "chat" -> chats;
        case "ticket" -> tickets;
        case "csat" -> csat;
        default -> null;
      };
      if (figures == null) {
        continue;
      }
      Object figure = figures.get(ReportCsvLabels.field(metric.id()));
      String name = zh ? metric.nameZh() : metric.nameEn();
      if (figure instanceof Map<?, ?> spread) {
        rows.add(List.of(metric.id(), name, "", text(spread.get("count")),
            text(spread.get("average")), text(spread.get("median")), text(spread.get("p90"))));
      } else {
        rows.add(List.of(metric.id(), name, text(figure), "", "", "", ""));
      }
    }
    for (SlaAttainment sla : overview.sla()) {
      rows.add(List.of("sla.attainment", (zh ? "SLA 达成率 " : "SLA attainment ") + sla.target()
          + " " + sla.clock() + " " + sla.priority(), text(sla.attainment()),
          Long.toString(sla.measured()), "", "", ""));
    }
    List<String> header = zh ? List.of("指标", "名称", "数值", "数量", "平均值", "中位数", "P90")
        : List.of("metric", "name", "value", "count", "average", "median", "p90");
    return file("overview", overview.from() + "-" + overview.to(), header, rows);
  }

  /** A table: one column per field, a duration spread as four columns. */
  public static ApiResponse table(String view, ReportFilter filter, String lang,
      List<Map<String, Object>> rows) {
    boolean zh = lang.equals("zh-CN");
    List<String> header = new ArrayList<>();
    List<List<Object>> lines = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> flat = flatten(row);
      if (header.isEmpty()) {
        for (String key : flat.keySet()) {
          header.add(ReportCsvLabels.label(key, zh));
        }
      }
      lines.add(flat.values().stream().map(value -> (Object) text(value)).toList());
    }
    return file(view, filter.from() + "-" + filter.to(), header, lines);
  }

  private static Map<String, Object> flatten(Map<String, Object> row) {
    Map<String, Object> flat = new LinkedHashMap<>();
    row.forEach((key, value) -> {
      if (value instanceof Map<?, ?> spread) {
        for (String part : DIST_EN) {
          flat.put(key + "." + part, spread.get(part));
        }
      } else {
        flat.put(key, value instanceof List<?> list ? list.toString() : value);
      }
    });
    return flat;
  }

  static String distLabel(String part, boolean zh) {
    return zh ? DIST_ZH.get(DIST_EN.indexOf(part)) : part;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static ApiResponse file(String view, String range, List<String> header,
      List<List<Object>> rows) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
        .setHeader(header.toArray(String[]::new)).get())) {
      for (List<Object> row : rows) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ApiResponse(200, new Download(view + "-" + range + ".csv",
        out.toString().getBytes(StandardCharsets.UTF_8)), TYPE);
  }
}
