package io.switchboard.server.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Every headline figure of one report range and filter: chats, tickets, satisfaction and SLA
 * attainment. The range is in the viewer's time zone, both ends included. The REST overview, its
 * CSV and the monthly compliance report all read this one record.
 *
 * <p>Immutable, thread-safe.
 */
public record Overview(
    LocalDate from,
    LocalDate to,
    String timeZone,
    ChatFigures chats,
    TicketFigures tickets,
    CsatFigures csat,
    List<SlaAttainment> sla) {
  public Overview {
    sla = List.copyOf(sla);
  }
}
