package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.report.ReportFilter;
import io.switchboard.server.util.SwitchboardException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * Reads the common query parameters of {@code /v1/reports/*} into a {@link ReportFilter} and
 * narrows it to what the caller may see: admins everything, a supervisor their teams' queues
 * (another team or queue is refused), an agent their own figures (another agent is refused).
 *
 * <p>Stateless and thread-safe.
 */
final class ReportRequests {
  private static final Set<String> CHANNELS = Set.of("chat", "web_form", "email", "phone", "api");
  private static final Set<String> TYPES = Set.of("question", "incident", "complaint", "request");
  private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

  private ReportRequests() {}

  /** The zone of {@code tz} (UTC when absent). */
  static ZoneId zone(ApiRequest request) {
    String tz = blankToNull(request.query("tz"));
    if (tz == null) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw bad("tz: an IANA time zone such as Asia/Shanghai");
    }
  }

  /**
   * The filter of the request, scoped to the caller; {@code teamMember(team, user)} says whether
   * a supervisor belongs to a team.
   */
  static ReportFilter filter(ApiRequest request, Principal staff,
      BiPredicate<String, UUID> teamMember) {
    ZoneId zone = zone(request);
    LocalDate from = date(request, "from");
    LocalDate to = date(request, "to");
    if (to.isBefore(from)) {
      throw bad("to: must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > ReportFilter.MAX_DAYS) {
      throw bad("to: at most " + ReportFilter.MAX_DAYS + " days after from");
    }
    return filter(request, staff, teamMember, from, to, zone);
  }

  static ReportFilter filter(ApiRequest request, Principal staff,
      BiPredicate<String, UUID> teamMember, LocalDate from, LocalDate to, ZoneId zone) {
    AccessPolicy.requireRole(staff, Action.READ_REPORTS);
    String team = blankToNull(request.query("team"));
    String queue = blankToNull(request.query("queue"));
    UUID agent = id(request.query("agent"));
    String channel = oneOf(request, "channel", CHANNELS);
    String type = oneOf(request, "type", TYPES);
    String priority = oneOf(request, "priority", PRIORITIES);
    List<String> tags = request.query().getOrDefault("tag", List.of()).stream()
        .map(String::strip).filter(tag -> !tag.isEmpty())
        .map(tag -> tag.toLowerCase(Locale.ROOT)).distinct().toList();
    Set<String> scope = null;
    if (staff.role() == Role.SUPERVISOR) {
      scope = staff.teamQueues();
      if (team != null && !teamMember.test(team, UUID.fromString(staff.id()))) {
        throw forbidden("this team is not one of yours");
      }
      if (queue != null && !staff.inTeamQueue(queue)) {
        throw forbidden("this queue is not one of your teams'");
      }
    } else if (staff.role() == Role.AGENT) {
      UUID self = UUID.fromString(staff.id());
      if (agent != null && !agent.equals(self)) {
        throw forbidden("agents see their own figures only");
      }
      agent = self;
    }
    return new ReportFilter(from, to, zone, blankToNull(request.query("site")), team, queue,
        agent, channel, type, priority, tags, scope);
  }

  private static LocalDate date(ApiRequest request, String name) {
    String text = blankToNull(request.query(name));
    if (text == null) {
      throw bad(name + ": required, a date YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw bad(name + ": a date YYYY-MM-DD");
    }
  }

  private static String oneOf(ApiRequest request, String name, Set<String> allowed) {
    String value = blankToNull(request.query(name));
    if (value != null && !allowed.contains(value)) {
      throw bad(name + ": one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  private static UUID id(String text) {
    if (blankToNull(text) == null) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      throw bad("agent: an agent's id");
    }
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  static SwitchboardException bad(String message) {
    return new SwitchboardException(ErrorCode.BAD_REQUEST, message);
  }

  private static SwitchboardException forbidden(String message) {
    return new SwitchboardException(ErrorCode.FORBIDDEN, message);
  }
}
