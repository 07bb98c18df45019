package io.switchboard.server.compliance;

import io.switchboard.server.availability.Incident;
import io.switchboard.server.availability.MaintenanceWindow;
import io.switchboard.server.report.Distribution;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The printed form of a compliance report in one language: its heading lines and its tables, each
 * with a title, column heads and rows of text, laid out from {@link ComplianceMetrics}. The HTML
 * page and the PDF both draw exactly these tables.
 *
 * <p>Thread-safe: stateless.
 */
public final class ReportLayout {
  /** One table: its title, column heads and rows (each as wide as the heads). */
  public record Table(String title, List<String> heads, List<List<String>> rows) {}

  /** A whole report: title, heading lines (label, value), notes and tables. */
  public record Page(String title, List<List<String>> heading, List<String> notes,
      List<Table> tables) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private ReportLayout() {}

  public static Page of(ComplianceFigures f, String lang) {
    ZoneId zone = ZoneId.of(f.timeZone());
    List<List<String>> heading = List.of(
        List.of(w(lang, "label.scope"), f.scope().equals("all") ? w(lang, "scope.all")
            : f.scopeName() + " (" + f.scope() + ")"),
        List.of(w(lang, "label.month"), f.month().toString()),
        List.of(w(lang, "label.timeZone"), f.timeZone()),
        List.of(w(lang, "label.generated"), time(f.generatedAt(), zone)));
    List<String> notes = new ArrayList<>();
    if (f.partial()) {
      notes.add(w(lang, "label.partial"));
    }
    notes.add(w(lang, "label.targets"));
    notes.add(w(lang, "label.availabilityNote"));
    List<Metric> metrics = ComplianceMetrics.of(f);
    List<Table> tables = new ArrayList<>();
    for (String section : ComplianceMetrics.SECTIONS) {
      List<Metric> lines = metrics.stream().filter(m -> m.section().equals(section)).toList();
      tables.add(switch (section) {
        case "sla" -> sla(lang, lines);
        case "times" -> times(lang, lines);
        default -> values(lang, section, lines);
      });
      if (section.equals("availability")) {
        tables.add(incidents(lang, f.availability().incidents(), zone));
        tables.add(maintenance(lang, f.availability().maintenance(), zone));
      }
    }
    return new Page(w(lang, "title"), heading, notes, tables);
  }

  private static Table values(String lang, String section, List<Metric> lines) {
    return new Table(w(lang, "section." + section), List.of(w(lang, "col.metric"),
        w(lang, "col.value")), lines.stream().map(m -> List.of(ComplianceText.name(lang, m),
            ComplianceText.value(lang, m.unit(), m.value()))).toList());
  }

  private static Table sla(String lang, List<Metric> lines) {
    List<List<String>> rows = new ArrayList<>();
    for (Metric m : lines) {
      if (m.met() == null) {
        rows.add(List.of(ComplianceText.name(lang, m), "", "",
            ComplianceText.value(lang, "count", m.value()), ""));
      } else {
        rows.add(List.of(ComplianceText.name(lang, m), Long.toString(m.met() + m.breached()),
            Long.toString(m.met()), Long.toString(m.breached()),
            ComplianceText.value(lang, "rate", m.value())));
      }
    }
    return new Table(w(lang, "section.sla"), List.of(w(lang, "col.metric"),
        w(lang, "col.measured"), w(lang, "col.met"), w(lang, "col.breached"),
        w(lang, "col.attainment")), rows);
  }

  private static Table times(String lang, List<Metric> lines) {
    List<List<String>> rows = new ArrayList<>();
    for (Metric m : lines) {
      Distribution d = m.spread();
      rows.add(List.of(ComplianceText.name(lang, m), Long.toString(d.count()),
          ComplianceText.value(lang, "seconds", d.average()),
          ComplianceText.value(lang, "seconds", d.median() == null ? null : d.median() * 1.0),
          ComplianceText.value(lang, "seconds", d.p90() == null ? null : d.p90() * 1.0)));
    }
    return new Table(w(lang, "section.times"), List.of(w(lang, "col.metric"),
        w(lang, "col.count"), w(lang, "col.average"), w(lang, "col.median"), w(lang, "col.p90")),
        rows);
  }

  private static Table incidents(String lang, List<Incident> incidents, ZoneId zone) {
    List<List<String>> rows = incidents.stream().map(i -> List.of(time(i.start(), zone),
        time(i.end(), zone), ComplianceText.minutes(lang, i.downSeconds()),
        i.cause() == null ? "–" : i.cause())).toList();
    return new Table(w(lang, "section.incidents"), List.of(w(lang, "col.start"),
        w(lang, "col.end"), w(lang, "col.down"), w(lang, "col.cause")), rows);
  }

  private static Table maintenance(String lang, List<MaintenanceWindow> windows, ZoneId zone) {
    List<List<String>> rows = windows.stream().map(m -> List.of(time(m.start(), zone),
        time(m.end(), zone), m.reason() == null ? "–" : m.reason())).toList();
    return new Table(w(lang, "section.maintenance"), List.of(w(lang, "col.start"),
        w(lang, "col.end"), w(lang, "col.reason")), rows);
  }

  private static String time(Instant at, ZoneId zone) {
    return at == null ? "–" : TIME.format(at.atZone(zone));
  }

  private static String w(String lang, String key) {
    return ComplianceText.word(lang, key);
  }
}
