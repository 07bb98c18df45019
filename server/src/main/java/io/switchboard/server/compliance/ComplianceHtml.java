package io.switchboard.server.compliance;

import static io.switchboard.server.exchange.TranscriptPage.esc;

import java.util.List;

/**
 * The compliance report as a printable HTML page: one self-contained document (inline styles, no
 * script), A4 with print margins, tables that do not break across pages mid-row, in the report's
 * language. Every text is escaped.
 *
 * <p>Thread-safe: stateless.
 */
public final class ComplianceHtml {
  private static final String STYLE = """
      @page { size: A4; margin: 16mm 14mm; }
      body { font-family: "Noto Sans CJK SC", "Droid Sans Fallback", "Microsoft YaHei",
        "PingFang SC", sans-serif; color: #111; margin: 0 auto; max-width: 190mm;
        padding: 12px; font-size: 11pt; line-height: 1.4; }
      h1 { font-size: 18pt; margin: 0 0 8px; }
      h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 1px solid #888; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
      dt { font-weight: bold; }
      dd { margin: 0; }
      .notes { color: #333; font-size: 10pt; }
      table { border-collapse: collapse; width: 100%; font-size: 10pt; }
      th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
      td + td, th + th { text-align: right; }
      tr { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      section { break-inside: auto; }
      @media print { body { padding: 0; } a { color: inherit; } }
      @media (max-width: 480px) { body { font-size: 10pt; padding: 6px; }
        table { display: block; overflow-x: auto; } }
      """;

  private ComplianceHtml() {}

  public static String render(ComplianceFigures figures, String lang) {
    ReportLayout.Page page = ReportLayout.of(figures, lang);
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html lang=\"").append(esc(lang)).append("\"><head>")
        .append("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,")
        .append(" initial-scale=1\"><title>").append(esc(page.title())).append(" ")
        .append(esc(figures.month().toString())).append("</title><style>").append(STYLE)
        .append("</style></head><body><main><h1>").append(esc(page.title())).append("</h1><dl>");
    for (List<String> line : page.heading()) {
      out.append("<dt>").append(esc(line.get(0))).append("</dt><dd>").append(esc(line.get(1)))
          .append("</dd>");
    }
    out.append("</dl><div class=\"notes\">");
    for (String note : page.notes()) {
      out.append("<p>").append(esc(note)).append("</p>");
    }
    out.append("</div>");
    for (ReportLayout.Table table : page.tables()) {
      out.append("<section><h2>").append(esc(table.title())).append("</h2>");
      if (table.rows().isEmpty()) {
        out.append("<p>").append(esc(ComplianceText.word(lang, "none"))).append("</p></section>");
        continue;
      }
      out.append("<table><thead><tr>");
      for (String head : table.heads()) {
        out.append("<th scope=\"col\">").append(esc(head)).append("</th>");
      }
      out.append("</tr></thead><tbody>");
      for (List<String> row : table.rows()) {
        out.append("<tr>");
        for (int i = 0; i < row.size(); i++) {
          String cell = i == 0 ? "th scope=\"row\"" : "td";
          out.append('<').append(cell).append('>').append(esc(row.get(i))).append("</")
              .append(i == 0 ? "th" : "td").append('>');
        }
        out.append("</tr>");
      }
      out.append("</tbody></table></section>");
    }
    return out.append("</main></body></html>\n").toString();
  }
}
