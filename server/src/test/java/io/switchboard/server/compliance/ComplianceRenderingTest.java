package io.switchboard.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The three renderings of a fixed month's figures: the PDF's extracted text carries the figures
 * and the Chinese words, with the Chinese font embedded; the HTML page is A4 print-ready and
 * escapes text; the CSV starts with a byte order mark and has the raw figures.
 */
class ComplianceRenderingTest {
  private final ComplianceFigures figures = SampleFigures.november();

  @Test
  void thePdfShowsTheFiguresInChineseWithTheChineseFontEmbedded() throws Exception {
    byte[] pdf = CompliancePdf.render(figures, "zh-CN");
    String text = PdfFiles.text(pdf);
    assertThat(text).contains("月度服务合规报告", "可用性", "52.0 分钟", "43.2 分钟", "数据库升级",
        "工单 · 首次响应 · 普通", "80.0%", "违约总数");
    assertThat(PdfFiles.embeddedFonts(pdf)).anyMatch(name -> name.contains("DroidSansFallback")
        || name.contains("WenQuanYi"));
    PdfFiles.firstPagePng(pdf, "sample-zh-CN");
  }

  @Test
  void thePdfInEnglish() throws Exception {
    String text = PdfFiles.text(CompliancePdf.render(figures, "en"));
    assertThat(text).contains("Monthly service compliance report", "Downtime", "52.0 min",
        "Ticket · first response · normal", "Complaints opened", "connect timed out");
  }

  @Test
  void theHtmlPageIsPrintableAndEscaped() {
    String html = ComplianceHtml.render(figures, "en");
    assertThat(html).contains("@page { size: A4", "<html lang=\"en\">", "52.0 min",
        "99.9", "Incidents");
    String chinese = ComplianceHtml.render(figures, "zh-CN");
    assertThat(chinese).contains("<html lang=\"zh-CN\">", "停机时长", "52.0 分钟");
  }

  @Test
  void theCsvHasABomAndRawFigures() {
    byte[] csv = ComplianceCsv.render(figures, "zh-CN").getBytes(StandardCharsets.UTF_8);
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(text).contains("availability,availability.down,停机时长,seconds,3120,",
        "sla,sla.ticket.first_response.normal,工单 · 首次响应 · 普通,rate,0.8,,,,,8,2",
        "sla,sla.breached,违约总数,count,2,");
  }
}
