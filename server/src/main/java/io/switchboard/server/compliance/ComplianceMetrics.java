package io.switchboard.server.compliance;

import io.switchboard.server.availability.MonthAvailability;
import io.switchboard.server.report.ChatFigures;
import io.switchboard.server.report.CsatFigures;
import io.switchboard.server.report.Overview;
import io.switchboard.server.report.SlaAttainment;
import io.switchboard.server.report.TicketFigures;
import java.util.ArrayList;
import java.util.List;

/**
 * The compliance report's one definitions table: every figure it shows, in order, read from the
 * {@link Overview} and {@link MonthAvailability} and nothing else. The HTML page, the PDF and the
 * CSV all render this list, so they cannot disagree. Ids are stable (the CSV's {@code metric}
 * column); README "Monthly compliance report" lists them.
 *
 * <p>Thread-safe: stateless.
 */
public final class ComplianceMetrics {
  /** The sections, in the order the report shows them. */
  public static final List<String> SECTIONS = List.of("availability", "sla", "times",
      "resolution", "csat", "complaints", "volume");

  private ComplianceMetrics() {}

  public static List<Metric> of(ComplianceFigures figures) {
    List<Metric> lines = new ArrayList<>();
    availability(figures.availability(), lines);
    Overview o = figures.overview();
    long breached = 0;
    for (SlaAttainment sla : o.sla()) {
      breached += sla.breached();
      lines.add(new Metric("sla." + sla.target() + "." + sla.clock() + "." + sla.priority(),
          "sla", "rate", sla.attainment(), null, sla.met(), sla.breached()));
    }
    lines.add(Metric.count("sla.breached", "sla", breached));
    ChatFigures chats = o.chats();
    TicketFigures tickets = o.tickets();
    lines.add(Metric.spread("chat.queue_wait", "times", chats.queueWait()));
    lines.add(Metric.spread("chat.first_response", "times", chats.firstResponse()));
    lines.add(Metric.spread("chat.handle", "times", chats.handle()));
    lines.add(Metric.spread("ticket.first_response", "times", tickets.firstResponse()));
    lines.add(Metric.spread("ticket.next_response", "times", tickets.nextResponse()));
    lines.add(Metric.spread("ticket.resolution", "times", tickets.resolution()));
    lines.add(Metric.of("ticket.resolution_rate", "resolution", "rate", tickets.resolutionRate()));
    lines.add(Metric.of("ticket.first_contact_resolution_rate", "resolution", "rate",
        tickets.firstContactResolutionRate()));
    lines.add(Metric.of("ticket.reopen_rate", "resolution", "rate", tickets.reopenRate()));
    lines.add(Metric.of("chat.resolution_rate", "resolution", "rate", chats.resolutionRate()));
    CsatFigures csat = o.csat();
    lines.add(Metric.count("csat.ratings", "csat", csat.ratings()));
    lines.add(Metric.of("csat.satisfied_rate", "csat", "rate", csat.satisfiedRate()));
    lines.add(Metric.of("csat.average", "csat", "score", csat.average()));
    lines.add(Metric.of("csat.response_rate", "csat", "rate", csat.responseRate()));
    lines.add(Metric.count("ticket.complaints_opened", "complaints", tickets.complaintsOpened()));
    lines.add(Metric.count("ticket.complaints_handled", "complaints",
        tickets.complaintsHandled()));
    lines.add(Metric.count("chat.started", "volume", chats.started()));
    lines.add(Metric.count("chat.answered", "volume", chats.answered()));
    lines.add(Metric.count("chat.missed", "volume", chats.missed()));
    lines.add(Metric.of("chat.abandon_rate", "volume", "rate", chats.abandonRate()));
    lines.add(Metric.count("ticket.created", "volume", tickets.created()));
    lines.add(Metric.count("ticket.solved", "volume", tickets.solved()));
    return List.copyOf(lines);
  }

  private static void availability(MonthAvailability a, List<Metric> lines) {
    lines.add(Metric.of("availability.percent", "availability", "percent", a.percent()));
    lines.add(Metric.of("availability.target", "availability", "percent", a.targetPercent()));
    lines.add(Metric.of("availability.met", "availability", "yes_no",
        a.percent() == null ? null : a.percent() >= a.targetPercent() ? 1.0 : 0.0));
    lines.add(Metric.of("availability.measured", "availability", "seconds",
        (double) a.measuredSeconds()));
    lines.add(Metric.of("availability.down", "availability", "seconds",
        (double) a.downSeconds()));
    lines.add(Metric.of("availability.allowed_down", "availability", "seconds",
        (double) a.allowedDownSeconds()));
    lines.add(Metric.of("availability.maintenance", "availability", "seconds",
        (double) a.maintenanceSeconds()));
    lines.add(Metric.count("availability.incidents", "availability", a.incidents().size()));
  }
}
