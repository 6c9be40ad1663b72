package com.projectmeats.paperwork;

import com.projectmeats.company.Letterhead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Draws a {@link Sheet} under a {@link Letterhead} on US Letter pages with PDFBox: the letterhead
 * and title on the first page, a short running head on the others, tables that break between rows
 * with their header row repeated, and "Page N of M" on every page once M is known. Text is set in
 * Liberation Sans (shipped inside PDFBox, embedded as a subset) so names with accents and other
 * Latin, Greek or Cyrillic letters print as written; bold is the same face stroked. Blocking and
 * CPU-bound: call it from a worker thread.
 *
 * <p>One class on purpose, though long: the page being drawn, its content stream and the vertical
 * position are shared by every element (letterhead, title, tables, totals, page numbers), and a
 * table breaking onto a new page must restart the running head and its header row from inside that
 * same state.
 */
final class SheetPdf {
  private static final float MARGIN = 40;
  private static final float WIDTH = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
  private static final float BOTTOM = MARGIN + 24;
  private static final float BODY = 9;
  private static final float LEADING = 11.5f;
  private static final byte[] FONT = fontBytes();

  private final PDDocument doc;
  private final TextFit fit;
  private final Sheet sheet;
  private final Letterhead head;
  private PDPageContentStream out;
  private float y;

  private SheetPdf(PDDocument doc, Sheet sheet, Letterhead head) throws IOException {
    this.doc = doc;
    this.sheet = sheet;
    this.head = head;
    this.fit = new TextFit(PDType0Font.load(doc, new java.io.ByteArrayInputStream(FONT), true));
  }

  static byte[] render(Sheet sheet, Letterhead head) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(sheet.title() + " " + sheet.number());
      info.setAuthor(head.name());
      info.setCreator("ProjectMeats");
      new SheetPdf(doc, sheet, head).draw();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void draw() throws IOException {
    firstPage();
    parties();
    details();
    if (sheet.table() != null) {
      table(sheet.table());
    }
    totals();
    for (Sheet.Block note : sheet.notes()) {
      paragraph(note);
    }
    out.close();
    footers();
  }

  // ---- pages ---------------------------------------------------------------------------------

  private void newPage() throws IOException {
    if (out != null) {
      out.close();
    }
    PDPage page = new PDPage(PDRectangle.LETTER);
    doc.addPage(page);
    out = new PDPageContentStream(doc, page);
    y = PDRectangle.LETTER.getHeight() - MARGIN;
  }

  private void firstPage() throws IOException {
    newPage();
    float top = y;
    float left = MARGIN;
    if (head.logo() != null) {
      PDImageXObject logo = PDImageXObject.createFromByteArray(doc, head.logo(), "logo");
      float scale = Math.min(140f / logo.getWidth(), 48f / logo.getHeight());
      float w = logo.getWidth() * scale;
      float h = logo.getHeight() * scale;
      out.drawImage(logo, MARGIN, top - h, w, h);
      left = MARGIN + w + 12;
    }
    float textWidth = WIDTH * 0.62f - (left - MARGIN);
    float lineY = top - 12;
    for (String line : fit.wrap(head.name(), 13, textWidth)) {
      text(line, left, lineY, 13, true);
      lineY -= 15;
    }
    List<String> contact = new ArrayList<>(fit.wrap(head.address(), BODY, textWidth));
    contact.add(fit.clean(String.join("   ", nonBlank(head.phone(), head.email())), false));
    for (String line : contact) {
      if (!line.isBlank()) {
        text(line, left, lineY, BODY, false);
        lineY -= LEADING;
      }
    }
    float right = MARGIN + WIDTH;
    float titleY = top - 16;
    for (String line :
        fit.wrap(sheet.title().toUpperCase(java.util.Locale.ROOT), 16, WIDTH * 0.36f)) {
      text(line, right - fit.width(line, 16), titleY, 16, true);
      titleY -= 19;
    }
    String number = fit.clean("No. " + sheet.number(), false);
    text(number, right - fit.width(number, 11), titleY, 11, true);
    y = Math.min(lineY, titleY - 14) - 6;
    rule();
  }

  /**
   * Pages after the first carry the document's name, so a loose page still says what it belongs to.
   */
  private void continuationPage() throws IOException {
    newPage();
    String head =
        fit.clean(
            this.head.name() + " · " + sheet.title() + " " + sheet.number() + " (continued)",
            false);
    text(head, MARGIN, y - 9, BODY, true);
    y -= 16;
    rule();
  }

  /** Leaves {@code height} points on this page, or moves to the next one. True when it moved. */
  private boolean room(float height) throws IOException {
    if (y - height >= BOTTOM) {
      return false;
    }
    continuationPage();
    return true;
  }

  private void footers() throws IOException {
    int total = doc.getNumberOfPages();
    for (int i = 0; i < total; i++) {
      try (PDPageContentStream footer =
          new PDPageContentStream(
              doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
        out = footer;
        String page = "Page " + (i + 1) + " of " + total;
        text(page, MARGIN + WIDTH - fit.width(page, 8), MARGIN, 8, false);
        text(fit.clean(sheet.title() + " " + sheet.number(), false), MARGIN, MARGIN, 8, false);
      }
    }
  }

  // ---- sections ------------------------------------------------------------------------------

  private void parties() throws IOException {
    List<Sheet.Block> blocks =
        sheet.parties().stream()
            .filter(b -> b.lines().stream().anyMatch(l -> l != null && !l.isBlank()))
            .toList();
    if (blocks.isEmpty()) {
      return;
    }
    float gap = 12;
    float colWidth = (WIDTH - gap * (blocks.size() - 1)) / blocks.size();
    List<List<String>> wrapped = new ArrayList<>();
    int tallest = 0;
    for (Sheet.Block b : blocks) {
      List<String> lines = new ArrayList<>();
      for (String line : b.lines()) {
        if (line != null && !line.isBlank()) {
          lines.addAll(fit.wrap(line, BODY, colWidth));
        }
      }
      wrapped.add(lines);
      tallest = Math.max(tallest, lines.size());
    }
    room(LEADING * (tallest + 2));
    for (int i = 0; i < blocks.size(); i++) {
      float x = MARGIN + i * (colWidth + gap);
      text(
          fit.clean(blocks.get(i).title().toUpperCase(java.util.Locale.ROOT), false),
          x,
          y - 9,
          8,
          true);
      float lineY = y - 9 - LEADING;
      for (String line : wrapped.get(i)) {
        text(line, x, lineY, BODY, false);
        lineY -= LEADING;
      }
    }
    y -= LEADING * (tallest + 1) + 8;
  }

  private void details() throws IOException {
    List<Sheet.Pair> pairs =
        sheet.details().stream().filter(p -> p.value() != null && !p.value().isBlank()).toList();
    if (pairs.isEmpty()) {
      return;
    }
    int columns = 3;
    float colWidth = WIDTH / columns;
    for (int start = 0; start < pairs.size(); start += columns) {
      int tallest = 1;
      List<List<String>> cells = new ArrayList<>();
      for (int i = start; i < Math.min(start + columns, pairs.size()); i++) {
        List<String> lines = fit.wrap(pairs.get(i).value(), BODY, colWidth - 8);
        cells.add(lines);
        tallest = Math.max(tallest, lines.size());
      }
      room(LEADING * (tallest + 1) + 4);
      for (int i = 0; i < cells.size(); i++) {
        float x = MARGIN + i * colWidth;
        text(fit.clean(pairs.get(start + i).label(), false), x, y - 8, 7.5f, true);
        float lineY = y - 8 - LEADING;
        for (String line : cells.get(i)) {
          text(line, x, lineY, BODY, false);
          lineY -= LEADING;
        }
      }
      y -= LEADING * (tallest + 1) + 4;
    }
    y -= 4;
    rule();
  }

  private void table(Sheet.Table table) throws IOException {
    List<Sheet.Column> columns = table.columns();
    float[] widths = new float[columns.size()];
    float shares = 0;
    for (Sheet.Column c : columns) {
      shares += c.share();
    }
    for (int i = 0; i < widths.length; i++) {
      widths[i] = WIDTH * columns.get(i).share() / shares;
    }
    room(LEADING * 3);
    tableHeader(columns, widths);
    for (List<String> row : table.rows()) {
      List<List<String>> cells = new ArrayList<>();
      int tallest = 1;
      for (int i = 0; i < columns.size(); i++) {
        List<String> lines = fit.wrap(i < row.size() ? row.get(i) : "", BODY, widths[i] - 6);
        cells.add(lines);
        tallest = Math.max(tallest, lines.size());
      }
      float height = LEADING * tallest + 3;
      if (room(height)) {
        tableHeader(columns, widths);
      }
      float x = MARGIN;
      for (int i = 0; i < columns.size(); i++) {
        float lineY = y - 9;
        for (String line : cells.get(i)) {
          float at = columns.get(i).right() ? x + widths[i] - 3 - fit.width(line, BODY) : x + 3;
          text(line, at, lineY, BODY, false);
          lineY -= LEADING;
        }
        x += widths[i];
      }
      y -= height;
      out.setStrokingColor(0.85f);
      out.setLineWidth(0.4f);
      out.moveTo(MARGIN, y + 1);
      out.lineTo(MARGIN + WIDTH, y + 1);
      out.stroke();
      out.setStrokingColor(0f);
    }
    y -= 6;
  }

  private void tableHeader(List<Sheet.Column> columns, float[] widths) throws IOException {
    float height = LEADING + 5;
    out.setNonStrokingColor(0.9f);
    out.addRect(MARGIN, y - height, WIDTH, height);
    out.fill();
    out.setNonStrokingColor(0f);
    float x = MARGIN;
    for (int i = 0; i < columns.size(); i++) {
      String label = fit.clean(columns.get(i).header(), false);
      float at = columns.get(i).right() ? x + widths[i] - 3 - fit.width(label, 8) : x + 3;
      text(label, at, y - 11, 8, true);
      x += widths[i];
    }
    y -= height + 2;
  }

  private void totals() throws IOException {
    if (sheet.totals().isEmpty()) {
      return;
    }
    room(LEADING * sheet.totals().size() + 10);
    float labelRight = MARGIN + WIDTH - 110;
    for (int i = 0; i < sheet.totals().size(); i++) {
      Sheet.Pair total = sheet.totals().get(i);
      boolean last = i == sheet.totals().size() - 1;
      float size = last ? 10.5f : BODY;
      String label = fit.clean(total.label(), false);
      String value = fit.clean(total.value(), false);
      text(label, labelRight - fit.width(label, size), y - 10, size, last);
      text(value, MARGIN + WIDTH - 3 - fit.width(value, size), y - 10, size, last);
      y -= LEADING + (last ? 3 : 0);
    }
    y -= 8;
  }

  private void paragraph(Sheet.Block block) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String text : block.lines()) {
      if (text != null && !text.isBlank()) {
        lines.addAll(fit.wrap(text, BODY, WIDTH));
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    room(LEADING * Math.min(lines.size(), 3) + 14);
    text(fit.clean(block.title(), false), MARGIN, y - 9, 8.5f, true);
    y -= LEADING + 2;
    for (String line : lines) {
      room(LEADING);
      text(line, MARGIN, y - 9, BODY, false);
      y -= LEADING;
    }
    y -= 6;
  }

  // ---- drawing -------------------------------------------------------------------------------

  private void rule() throws IOException {
    out.setLineWidth(0.8f);
    out.moveTo(MARGIN, y);
    out.lineTo(MARGIN + WIDTH, y);
    out.stroke();
    y -= 10;
  }

  /**
   * {@code cleanText} must come from {@link TextFit}: it holds only characters the font can draw.
   */
  private void text(String cleanText, float x, float baseline, float size, boolean bold)
      throws IOException {
    if (cleanText.isEmpty()) {
      return;
    }
    out.beginText();
    out.setFont(fit.font(), size);
    if (bold) {
      out.setRenderingMode(RenderingMode.FILL_STROKE);
      out.setLineWidth(size / 30f);
    } else {
      out.setRenderingMode(RenderingMode.FILL);
    }
    out.newLineAtOffset(x, baseline);
    out.showText(cleanText);
    out.endText();
  }

  private static List<String> nonBlank(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        out.add(v);
      }
    }
    return out;
  }

  private static byte[] fontBytes() {
    try (InputStream in =
        PDType0Font.class.getResourceAsStream(
            "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
      if (in == null) {
        throw new IllegalStateException("PDFBox's Liberation Sans is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
