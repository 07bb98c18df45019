package io.switchboard.server.api;

import java.util.Map;

/**
 * The header labels of the report CSV files in English and Chinese, and which overview field
 * each metric id names.
 *
 * <p>Constants only; thread-safe.
 */
final class ReportCsvLabels {
  private static final Map<String, String> ZH = Map.ofEntries(
      Map.entry("start", "开始"), Map.entry("chatsStarted", "发起的会话"),
      Map.entry("chatsAnswered", "已应答会话"), Map.entry("chatsMissed", "未应答会话"),
      Map.entry("ticketsCreated", "新建工单"), Map.entry("ticketsSolved", "已解决工单"),
      Map.entry("firstResponseMedian", "首次响应时间中位数"),
      Map.entry("firstResponseP90", "首次响应时间 P90"),
      Map.entry("resolutionMedian", "解决时长中位数"), Map.entry("resolutionP90", "解决时长 P90"),
      Map.entry("satisfiedRate", "满意率"), Map.entry("slaAttainment", "SLA 达成率"),
      Map.entry("weekday", "星期"), Map.entry("hour", "小时"), Map.entry("count", "数量"),
      Map.entry("queueId", "队列 ID"), Map.entry("queueName", "队列"), Map.entry("teamId", "团队 ID"),
      Map.entry("started", "发起"), Map.entry("answered", "已应答"), Map.entry("missed", "未应答"),
      Map.entry("queueWait", "排队等待时间"), Map.entry("abandonedWait", "放弃前等待时间"),
      Map.entry("firstResponse", "首次响应时间"), Map.entry("handle", "处理时长"),
      Map.entry("transfers", "转接次数"), Map.entry("ratings", "评价数"),
      Map.entry("agentId", "客服 ID"), Map.entry("name", "姓名"), Map.entry("chats", "会话"),
      Map.entry("tickets", "工单"), Map.entry("transfersOut", "转出次数"),
      Map.entry("csatAverage", "平均评分"), Map.entry("conversationId", "会话 ID"),
      Map.entry("ticketId", "工单 ID"), Map.entry("ticketNumber", "工单编号"),
      Map.entry("score", "评分"), Map.entry("comment", "评语"), Map.entry("at", "时间"),
      Map.entry("agentName", "客服"), Map.entry("target", "对象"), Map.entry("clock", "时钟"),
      Map.entry("priority", "优先级"), Map.entry("measured", "计量数"), Map.entry("met", "达成"),
      Map.entry("breached", "违约"), Map.entry("attainment", "达成率"));

  private ReportCsvLabels() {}

  /** The header of a column: {@code key}, or {@code key.part} for a part of a spread. */
  static String label(String key, boolean zh) {
    int dot = key.indexOf('.');
    String base = dot < 0 ? key : key.substring(0, dot);
    String part = dot < 0 ? null : key.substring(dot + 1);
    String name = zh ? ZH.getOrDefault(base, base) : base;
    return part == null ? name : name + " " + ReportCsv.distLabel(part, zh);
  }

  /** The overview field of a chat, ticket or CSAT metric id (chat.first_response: firstResponse). */
  static String field(String metricId) {
    String[] words = metricId.substring(metricId.indexOf('.') + 1).split("_");
    StringBuilder camel = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    String field = camel.toString();
    return field.equals("firstContactResolution") ? field + "Rate" : field;
  }
}
