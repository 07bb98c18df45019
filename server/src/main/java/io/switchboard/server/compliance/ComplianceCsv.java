package io.switchboard.server.compliance;

import io.switchboard.server.availability.Incident;
import io.switchboard.server.availability.MaintenanceWindow;
import io.switchboard.server.exchange.CsvOutput;
import io.switchboard.server.report.Distribution;
import java.util.ArrayList;
import java.util.List;

/**
 * The compliance report as CSV (UTF-8 with a byte order mark, header row in the report's
 * language): one row per line of {@link ComplianceMetrics} with raw values (durations in seconds,
 * rates from 0 to 1, percentages as percent), then one row per incident and maintenance window.
 *
 * <p>Thread-safe: stateless.
 */
public final class ComplianceCsv {
  private static final List<String> COLUMNS = List.of("section", "metric", "name", "unit",
      "value", "count", "average", "median", "p90", "met", "breached");

  private ComplianceCsv() {}

  public static String render(ComplianceFigures figures, String lang) {
    List<String> header = COLUMNS.stream().map(c -> switch (c) {
      case "section", "metric", "unit" -> c;
      default -> c.equals("name") ? ComplianceText.word(lang, "col.metric")
          : ComplianceText.word(lang, "col." + c);
    }).toList();
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("report", "report.month", ComplianceText.word(lang, "label.month"), "month",
        figures.month().toString()));
    rows.add(row("report", "report.scope", ComplianceText.word(lang, "label.scope"), "text",
        figures.scope()));
    rows.add(row("report", "report.time_zone", ComplianceText.word(lang, "label.timeZone"),
        "text", figures.timeZone()));
    rows.add(row("report", "report.partial", ComplianceText.word(lang, "label.partial"),
        "yes_no", figures.partial() ? "1" : "0"));
    for (Metric m : ComplianceMetrics.of(figures)) {
      Distribution d = m.spread();
      rows.add(List.of(m.section(), m.id(), ComplianceText.name(lang, m), m.unit(),
          number(m.value()), d == null ? "" : Long.toString(d.count()),
          d == null ? "" : number(d.average()), d == null ? "" : text(d.median()),
          d == null ? "" : text(d.p90()), text(m.met()), text(m.breached())));
    }
    for (Incident i : figures.availability().incidents()) {
      rows.add(row("incidents", "availability.incident", i.start() + "/" + i.end(), "seconds",
          Long.toString(i.downSeconds())));
    }
    for (MaintenanceWindow w : figures.availability().maintenance()) {
      rows.add(row("maintenance", "availability.maintenance_window", w.start() + "/" + w.end(),
          "text", w.reason() == null ? "" : w.reason()));
    }
    return CsvOutput.text(header, rows);
  }

  private static List<String> row(String section, String id, String name, String unit,
      String value) {
    return List.of(section, id, name, unit, value, "", "", "", "", "", "");
  }

  private static String number(Double value) {
    if (value == null) {
      return "";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString(value.longValue()) : Double.toString(value);
  }

  private static String text(Long value) {
    return value == null ? "" : Long.toString(value);
  }
}
