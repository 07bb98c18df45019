package io.switchboard.server.compliance;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.FontSelector;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The compliance report as an A4 PDF a manager can file: the same heading, notes and tables as the
 * HTML page ({@link ReportLayout}), Latin text in Helvetica and Chinese text in the embedded
 * {@link ReportFont}, table heads repeated on every page.
 *
 * <p>Thread-safe: stateless (each call builds its own document).
 */
public final class CompliancePdf {
  private CompliancePdf() {}

  public static byte[] render(ComplianceFigures figures, String lang) {
    ReportLayout.Page page = ReportLayout.of(figures, lang);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 40, 40, 44, 44);
    PdfWriter.getInstance(document, out);
    document.addTitle(page.title() + " " + figures.month());
    document.addCreator("Switchboard");
    document.open();
    Paragraph title = new Paragraph(text(page.title() + " " + figures.month(), 16, Font.BOLD));
    title.setLeading(22);
    title.setSpacingAfter(8);
    document.add(title);
    PdfPTable heading = new PdfPTable(new float[] {1, 3});
    heading.setWidthPercentage(100);
    for (List<String> line : page.heading()) {
      heading.addCell(plain(line.get(0), Font.BOLD));
      heading.addCell(plain(line.get(1), Font.NORMAL));
    }
    document.add(heading);
    for (String note : page.notes()) {
      Paragraph p = new Paragraph(text(note, 9, Font.NORMAL));
      p.setLeading(12);
      p.setSpacingBefore(4);
      document.add(p);
    }
    for (ReportLayout.Table table : page.tables()) {
      Paragraph head = new Paragraph(text(table.title(), 12, Font.BOLD));
      head.setLeading(16);
      head.setSpacingBefore(12);
      head.setSpacingAfter(4);
      head.setKeepTogether(true);
      document.add(head);
      if (table.rows().isEmpty()) {
        document.add(new Paragraph(text(ComplianceText.word(lang, "none"), 9, Font.NORMAL)));
        continue;
      }
      document.add(table(table));
    }
    document.close();
    return out.toByteArray();
  }

  private static PdfPTable table(ReportLayout.Table table) {
    int columns = table.heads().size();
    float[] widths = new float[columns];
    for (int i = 0; i < columns; i++) {
      widths[i] = i == 0 ? 3 : 1.2f;
    }
    PdfPTable pdf = new PdfPTable(widths);
    pdf.setWidthPercentage(100);
    pdf.setSpacingBefore(6);
    pdf.setHeaderRows(1);
    for (String head : table.heads()) {
      PdfPCell cell = cell(head, Font.BOLD, 0);
      cell.setGrayFill(0.9f);
      pdf.addCell(cell);
    }
    for (List<String> row : table.rows()) {
      for (int i = 0; i < row.size(); i++) {
        pdf.addCell(cell(row.get(i), Font.NORMAL, i));
      }
    }
    return pdf;
  }

  private static PdfPCell cell(String value, int style, int column) {
    PdfPCell cell = new PdfPCell(text(value, 9, style));
    cell.setPadding(3);
    cell.setHorizontalAlignment(column == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
    return cell;
  }

  private static PdfPCell plain(String value, int style) {
    PdfPCell cell = new PdfPCell(text(value, 9, style));
    cell.setBorder(0);
    cell.setPadding(2);
    return cell;
  }

  /** Text in the Latin font where it has the glyphs, the embedded Chinese font elsewhere. */
  private static Phrase text(String value, float size, int style) {
    FontSelector selector = new FontSelector();
    selector.addFont(new Font(ReportFont.latin(), size, style));
    selector.addFont(new Font(ReportFont.chinese(), size, style));
    return selector.process(value);
  }
}
