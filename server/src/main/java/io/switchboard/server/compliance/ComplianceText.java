package io.switchboard.server.compliance;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every word of the compliance report in English and Simplified Chinese: titles, column heads,
 * section names and the name of each metric id of {@link ComplianceMetrics}, plus SLA line names
 * built from their target, clock and priority. {@code lang} is {@code en} or {@code zh-CN}.
 *
 * <p>Thread-safe: immutable tables.
 */
public final class ComplianceText {
  /** The languages a report is rendered in. */
  public static final List<String> LANGUAGES = List.of("en", "zh-CN");

  private static final Map<String, String[]> WORDS = Map.ofEntries(
      w("title", "Monthly service compliance report", "月度服务合规报告"),
      w("scope.all", "Whole installation", "全部站点"),
      w("label.scope", "Scope", "范围"),
      w("label.month", "Month", "月份"),
      w("label.timeZone", "Time zone", "时区"),
      w("label.generated", "Generated", "生成时间"),
      w("label.partial", "Month not yet ended: figures so far", "本月尚未结束：截至目前的数据"),
      w("label.targets", "Contract targets: 99.9% monthly availability; first response 1 h, "
          + "initial solution 4 h, resolution 24 h", "合同目标：月可用性 99.9%；首次响应 1 小时，"
          + "初步解决 4 小时，最终解决 24 小时"),
      w("label.availabilityNote", "Availability is measured for the whole installation by probes "
          + "acting as a visitor once a minute; planned maintenance is shown separately and not "
          + "counted as down.", "可用性由每分钟模拟访客的探测对整个系统进行测量；计划维护单独列出，不计为停机。"),
      w("section.availability", "Availability", "可用性"),
      w("section.incidents", "Incidents", "故障事件"),
      w("section.maintenance", "Planned maintenance", "计划维护"),
      w("section.sla", "SLA attainment", "SLA 达成率"),
      w("section.times", "Response and resolution times", "响应与解决时间"),
      w("section.resolution", "Resolution", "解决情况"),
      w("section.csat", "Customer satisfaction", "客户满意度"),
      w("section.complaints", "Complaints", "投诉"),
      w("section.volume", "Volumes", "业务量"),
      w("col.metric", "Metric", "指标"),
      w("col.value", "Value", "数值"),
      w("col.count", "Count", "数量"),
      w("col.average", "Average", "平均"),
      w("col.median", "Median", "中位数"),
      w("col.p90", "90th percentile", "90 分位"),
      w("col.measured", "Measured", "计量数"),
      w("col.met", "Met", "达标"),
      w("col.breached", "Breached", "违约"),
      w("col.attainment", "Attainment", "达成率"),
      w("col.start", "Start", "开始"),
      w("col.end", "End", "结束"),
      w("col.down", "Down", "停机时长"),
      w("col.cause", "Cause", "原因"),
      w("col.reason", "Reason", "原因"),
      w("none", "None", "无"),
      w("yes", "Yes", "是"),
      w("no", "No", "否"),
      w("availability.percent", "Availability", "可用性"),
      w("availability.target", "Target", "目标"),
      w("availability.met", "Target met", "是否达标"),
      w("availability.measured", "Measured time", "测量时长"),
      w("availability.down", "Downtime", "停机时长"),
      w("availability.allowed_down", "Allowed downtime", "允许停机时长"),
      w("availability.maintenance", "Planned maintenance", "计划维护时长"),
      w("availability.incidents", "Incidents", "故障次数"),
      w("sla.breached", "Breaches in all", "违约总数"),
      w("chat.queue_wait", "Chat: wait in queue", "会话：排队等待时间"),
      w("chat.first_response", "Chat: first response time", "会话：首次响应时间"),
      w("chat.handle", "Chat: handle time", "会话：处理时长"),
      w("ticket.first_response", "Ticket: first response time", "工单：首次响应时间"),
      w("ticket.next_response", "Ticket: next response time", "工单：后续响应时间"),
      w("ticket.resolution", "Ticket: resolution time", "工单：解决时间"),
      w("ticket.resolution_rate", "Ticket resolution rate", "工单解决率"),
      w("ticket.first_contact_resolution_rate", "First-contact resolution rate", "首次接触解决率"),
      w("ticket.reopen_rate", "Ticket reopen rate", "工单重开率"),
      w("chat.resolution_rate", "Chat resolution rate", "会话解决率"),
      w("csat.ratings", "Ratings", "评价数"),
      w("csat.satisfied_rate", "Satisfied (4-5)", "满意率（4-5 分）"),
      w("csat.average", "Average score", "平均分"),
      w("csat.response_rate", "Response rate", "评价率"),
      w("ticket.complaints_opened", "Complaints opened", "新增投诉"),
      w("ticket.complaints_handled", "Complaints handled", "已处理投诉"),
      w("chat.started", "Chats started", "发起会话"),
      w("chat.answered", "Chats answered", "已接待会话"),
      w("chat.missed", "Chats missed", "未接待会话"),
      w("chat.abandon_rate", "Abandon rate", "放弃率"),
      w("ticket.created", "Tickets created", "新建工单"),
      w("ticket.solved", "Tickets solved", "已解决工单"),
      w("target.ticket", "Ticket", "工单"),
      w("target.chat", "Chat", "会话"),
      w("clock.first_response", "first response", "首次响应"),
      w("clock.next_response", "next response", "后续响应"),
      w("clock.initial_solution", "initial solution", "初步解决"),
      w("clock.resolution", "resolution", "最终解决"),
      w("priority.low", "low", "低"),
      w("priority.normal", "normal", "普通"),
      w("priority.high", "high", "高"),
      w("priority.urgent", "urgent", "紧急"),
      w("priority.all", "all priorities", "全部优先级"),
      w("unit.minutes", "min", "分钟"));

  private ComplianceText() {}

  private static Map.Entry<String, String[]> w(String key, String en, String zh) {
    return Map.entry(key, new String[] {en, zh});
  }

  /** The language asked for, or null when it is not one of {@link #LANGUAGES}. */
  public static String language(String lang) {
    return lang == null ? "en" : LANGUAGES.contains(lang) ? lang : null;
  }

  /** The word for {@code key} in {@code lang}; the key itself when there is none. */
  public static String word(String lang, String key) {
    String[] both = WORDS.get(key);
    return both == null ? key : both[lang.equals("zh-CN") ? 1 : 0];
  }

  /** The name of a metric line: its own word, or for an SLA line its target, clock, priority. */
  public static String name(String lang, Metric metric) {
    String[] parts = metric.id().split("\\.");
    if (parts.length == 4 && parts[0].equals("sla")) {
      String sep = lang.equals("zh-CN") ? " · " : " · ";
      return word(lang, "target." + parts[1]) + sep + word(lang, "clock." + parts[2]) + sep
          + word(lang, "priority." + parts[3]);
    }
    return word(lang, metric.id());
  }

  /** A value for people: percentages, minutes, counts, yes or no; a dash when there is none. */
  public static String value(String lang, String unit, Double value) {
    if (value == null) {
      return "–";
    }
    return switch (unit) {
      case "percent" -> String.format(Locale.ROOT, "%.3f%%", value);
      case "rate" -> String.format(Locale.ROOT, "%.1f%%", value * 100);
      case "seconds" -> minutes(lang, value);
      case "score" -> String.format(Locale.ROOT, "%.2f", value);
      case "yes_no" -> word(lang, value >= 1 ? "yes" : "no");
      default -> String.format(Locale.ROOT, "%d", Math.round(value));
    };
  }

  /** A duration in minutes with one decimal, such as {@code 43.8 min}. */
  public static String minutes(String lang, double seconds) {
    return String.format(Locale.ROOT, "%.1f %s", seconds / 60.0, word(lang, "unit.minutes"));
  }
}
