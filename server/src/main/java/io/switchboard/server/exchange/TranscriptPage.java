package io.switchboard.server.exchange;

import io.switchboard.server.store.exchange.TranscriptRows;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One conversation's transcript, as CSV (time, author kind, author, text, attachments) and as a
 * printable HTML page (summary with rating and outcome, then the messages; {@code @media print}
 * styles; every text escaped). The page's labels are English or Chinese ({@code zh-CN}).
 *
 * <p>Thread-safe: stateless.
 */
public final class TranscriptPage {
  public static final List<String> CSV_COLUMNS = List.of("seq", "time", "author_kind", "author",
      "text", "attachments");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TranscriptPage() {}

  public static String csv(List<TranscriptRows.Line> lines) {
    List<List<String>> rows = new ArrayList<>();
    for (TranscriptRows.Line l : lines) {
      rows.add(List.of(Long.toString(l.seq()), l.at().toString(), l.role(),
          l.author() == null ? "" : l.author(), l.text(), String.join("; ", l.attachments())));
    }
    return CsvOutput.text(CSV_COLUMNS, rows);
  }

  public static String html(TranscriptRows.Summary s, List<TranscriptRows.Line> lines,
      String language, ZoneId zone) {
    boolean zh = language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"").append(zh ? "zh-CN" : "en").append("\">\n")
        .append("<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device")
        .append("-width, initial-scale=1\"><title>").append(zh ? "会话记录" : "Transcript")
        .append(" ").append(esc(s.contactName())).append("</title><style>")
        .append("body{font:14px/1.5 system-ui,'PingFang SC','Microsoft YaHei',sans-serif;")
        .append("margin:1.5rem auto;max-width:48rem;padding:0 1rem;color:#111}")
        .append("dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}")
        .append("ol{list-style:none;padding:0}li{border-top:1px solid #ccc;padding:.5rem 0;")
        .append("break-inside:avoid}.meta{color:#444;font-size:12px}.text{white-space:pre-wrap;")
        .append("overflow-wrap:anywhere}.agent .meta{color:#0b4f8a}")
        .append("@media print{body{margin:0;max-width:none;font-size:11pt}a{color:inherit}")
        .append(".noprint{display:none}}</style></head>\n<body>\n<h1>")
        .append(zh ? "会话记录" : "Transcript").append("</h1>\n<dl>");
    row(out, zh ? "联系人" : "Contact", join(s.contactName(), s.contactEmail()));
    row(out, zh ? "客服" : "Agent", s.agentName());
    row(out, zh ? "开始" : "Started", time(s.createdAt(), zone));
    row(out, zh ? "结束" : "Closed", s.closedAt() == null ? null : time(s.closedAt(), zone));
    row(out, zh ? "处理结果" : "Outcome", s.disposition());
    row(out, zh ? "标签" : "Tags", String.join(", ", s.tags()));
    row(out, zh ? "评分" : "Rating", s.rating() == null ? null
        : s.rating() + "/5" + (s.ratingComment() == null ? "" : " " + s.ratingComment()));
    row(out, zh ? "导入来源" : "Imported from", s.importedFrom());
    out.append("</dl>\n<ol>\n");
    for (TranscriptRows.Line l : lines) {
      out.append("<li class=\"").append(l.role()).append("\"><div class=\"meta\">")
          .append(time(l.at(), zone)).append(" · ").append(esc(author(l, zh)))
          .append("</div><div class=\"text\">").append(esc(l.text())).append("</div>");
      if (!l.attachments().isEmpty()) {
        out.append("<div class=\"meta\">").append(zh ? "附件：" : "Attachments: ")
            .append(esc(String.join(", ", l.attachments()))).append("</div>");
      }
      out.append("</li>\n");
    }
    return out.append("</ol>\n</body>\n</html>\n").toString();
  }

  private static String author(TranscriptRows.Line l, boolean zh) {
    String kind = switch (l.role()) {
      case "agent" -> zh ? "客服" : "Agent";
      case "visitor" -> zh ? "访客" : "Visitor";
      default -> zh ? "系统" : "System";
    };
    return l.author() == null ? kind : l.author() + " (" + kind + ")";
  }

  private static void row(StringBuilder out, String label, String value) {
    if (value != null && !value.isBlank()) {
      out.append("<dt>").append(label).append("</dt><dd>").append(esc(value)).append("</dd>");
    }
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + " <" + b + ">";
  }

  private static String time(java.time.Instant at, ZoneId zone) {
    return TIME.format(at.atZone(zone));
  }

  /** Text made safe to put into HTML, as text or an attribute value. */
  public static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
