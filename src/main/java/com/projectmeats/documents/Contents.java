package com.projectmeats.documents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Turns a document's bytes into what the model reads: a PDF's text (PDFBox), an image as an image
 * part, a CSV as a table of its first rows, plain text as it is. Blocking (PDF parsing): call it on
 * a worker. Every input is bounded: pages, characters, memory for decoded streams and time.
 */
final class Contents {
  static final int MAX_PAGES = 30;
  static final int MAX_CHARS = 40_000;
  static final int MAX_CSV_ROWS = 200;

  /** Decoded PDF streams beyond this are a decompression bomb, not a purchase order. */
  static final long MAX_PDF_MEMORY = 64L * 1024 * 1024;

  /**
   * A scan (no text layer) is read from pictures of its first pages: enough for an order or an
   * invoice.
   */
  static final int MAX_SCANNED_PAGES = 4;

  /**
   * Legible print at 150 dpi, and no picture larger than this on its longer side, whatever the page
   * size.
   */
  static final float SCAN_DPI = 150;

  static final int MAX_SCAN_PIXELS = 2000;

  /** The document cannot be read; {@code code} says why in one word for the document's error. */
  static final class Unreadable extends RuntimeException {
    final String code;

    Unreadable(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private Contents() {}

  /** The user-message content parts for the document. */
  static JsonArray parts(FileType type, byte[] bytes, BooleanSupplier expired) {
    return switch (type) {
      case PDF -> pdfParts(bytes, expired);
      case PNG, JPEG ->
          new JsonArray()
              .add(
                  new JsonObject()
                      .put("type", "image_url")
                      .put(
                          "image_url",
                          new JsonObject()
                              .put(
                                  "url",
                                  "data:"
                                      + type.mediaType
                                      + ";base64,"
                                      + Base64.getEncoder().encodeToString(bytes))
                              .put("detail", "high")));
      case CSV ->
          textPart(
              "CSV table (first "
                  + MAX_CSV_ROWS
                  + " rows, one row a line, cells separated by \" | \")",
              csvTable(text(bytes)));
      case TEXT -> textPart("Plain text", clip(text(bytes)));
    };
  }

  private static JsonArray textPart(String what, String text) {
    if (text.isBlank()) {
      throw new Unreadable("no_text", "The document contains no text to read.");
    }
    return new JsonArray()
        .add(
            new JsonObject()
                .put("type", "text")
                .put("text", what + " of the document:\n\n" + text));
  }

  /**
   * A PDF's text; or, when it has none (a scanned order, a photographed invoice saved as PDF), its
   * first pages rendered as pictures, which the model reads as it reads an uploaded photo.
   */
  static JsonArray pdfParts(byte[] bytes, BooleanSupplier expired) {
    try (PDDocument pdf =
        Loader.loadPDF(
            bytes,
            "",
            null,
            null,
            MemoryUsageSetting.setupMainMemoryOnly(MAX_PDF_MEMORY).streamCache)) {
      if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
        throw new Unreadable("pdf_protected", "The PDF is protected against copying its text.");
      }
      BoundedStripper stripper = new BoundedStripper(expired);
      stripper.setSortByPosition(true);
      stripper.setStartPage(1);
      stripper.setEndPage(Math.min(pdf.getNumberOfPages(), MAX_PAGES));
      String text = clip(stripper.getText(pdf));
      if (!text.isBlank()) {
        return textPart("PDF text", text);
      }
      return scannedPages(pdf, expired);
    } catch (Unreadable e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new Unreadable(
          "pdf_unreadable",
          "The PDF could not be read ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : clip(e.getMessage(), 200))
              + ").");
    }
  }

  private static JsonArray scannedPages(PDDocument pdf, BooleanSupplier expired)
      throws IOException {
    int pages = Math.min(pdf.getNumberOfPages(), MAX_SCANNED_PAGES);
    if (pages == 0) {
      throw new Unreadable("pdf_no_text", "The PDF has no pages.");
    }
    JsonArray parts =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("type", "text")
                    .put(
                        "text",
                        "The PDF has no text layer (a scan): pictures of its first "
                            + pages
                            + " of "
                            + pdf.getNumberOfPages()
                            + " page(s) follow."));
    PDFRenderer renderer = new PDFRenderer(pdf);
    for (int page = 0; page < pages; page++) {
      if (expired.getAsBoolean()) {
        throw new IOException("reading it took too long");
      }
      var box = pdf.getPage(page).getCropBox();
      float longer = Math.max(box.getWidth(), box.getHeight()) / 72f;
      float dpi = longer <= 0 ? SCAN_DPI : Math.min(SCAN_DPI, MAX_SCAN_PIXELS / longer);
      BufferedImage image = renderer.renderImageWithDPI(page, dpi, ImageType.GRAY);
      ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
      if (!ImageIO.write(image, "jpeg", jpeg)) {
        throw new IOException("no JPEG writer");
      }
      parts.add(
          new JsonObject()
              .put("type", "image_url")
              .put(
                  "image_url",
                  new JsonObject()
                      .put(
                          "url",
                          "data:image/jpeg;base64,"
                              + Base64.getEncoder().encodeToString(jpeg.toByteArray()))
                      .put("detail", "high")));
    }
    return parts;
  }

  /**
   * Stops at the character limit or the deadline instead of walking every operator of a hostile
   * file.
   */
  private static final class BoundedStripper extends PDFTextStripper {
    private final BooleanSupplier expired;
    private int written;

    BoundedStripper(BooleanSupplier expired) {
      this.expired = expired;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
      if (expired.getAsBoolean()) {
        throw new IOException("reading it took too long");
      }
      super.processOperator(operator, operands);
    }

    @Override
    protected void writeString(String text) throws IOException {
      written += text.length();
      if (written > MAX_CHARS * 2) {
        throw new IOException("it holds far more text than a business document");
      }
      super.writeString(text);
    }
  }

  static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** RFC 4180 cells (quotes, doubled quotes, newlines inside quotes), first rows only. */
  static List<List<String>> csvRows(String text, int maxRows) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    char sep =
        text.lines()
            .findFirst()
            .map(
                l ->
                    l.chars().filter(c -> c == ';').count()
                            > l.chars().filter(c -> c == ',').count()
                        ? ';'
                        : l.indexOf('\t') >= 0 && l.indexOf(',') < 0 ? '\t' : ',')
            .orElse(',');
    for (int i = 0; i < text.length() && rows.size() < maxRows; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.isEmpty()) {
        quoted = true;
      } else if (c == sep) {
        row.add(cell.toString().strip());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString().strip());
        cell.setLength(0);
        if (!(row.size() == 1 && row.get(0).isEmpty())) {
          rows.add(row);
        }
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (rows.size() < maxRows && (!cell.isEmpty() || !row.isEmpty())) {
      row.add(cell.toString().strip());
      rows.add(row);
    }
    return rows;
  }

  static String csvTable(String text) {
    StringBuilder out = new StringBuilder();
    for (List<String> row : csvRows(text, MAX_CSV_ROWS)) {
      out.append(String.join(" | ", row)).append('\n');
    }
    return clip(out.toString());
  }

  static String clip(String text) {
    return clip(text, MAX_CHARS);
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "\n[… cut here]";
  }
}
