package com.projectmeats.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/** Reading content without the service: type detection, the PDF time bound, CSV cells. */
class ContentsTest {

  @Test
  void typesComeFromMagicBytesAndTextMustBeCleanUtf8() throws Exception {
    assertThat(FileType.detect(DocumentsTest.png(), "x.pdf")).contains(FileType.PNG);
    assertThat(FileType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}, "x.txt"))
        .contains(FileType.JPEG);
    assertThat(FileType.detect("a,b\n1,2".getBytes(StandardCharsets.UTF_8), "x.csv"))
        .contains(FileType.CSV);
    assertThat(FileType.detect("Grüße".getBytes(StandardCharsets.UTF_8), "x.pdf"))
        .contains(FileType.TEXT);
    assertThat(FileType.detect(new byte[] {'a', 0, 'b'}, "x.txt")).isEmpty();
    assertThat(FileType.detect(new byte[] {'a', (byte) 0xC3}, "x.txt")).isEmpty(); // cut UTF-8
    assertThat(FileType.detect(new byte[0], "x.txt")).isEmpty();
  }

  @Test
  void aPdfThatTakesTooLongIsAbandonedWithAReason() throws Exception {
    byte[] pdf = DocumentsTest.pdf("PURCHASE ORDER 1");
    assertThat(Contents.pdfParts(pdf, () -> false).getJsonObject(0).getString("text"))
        .contains("PURCHASE ORDER 1");
    assertThatThrownBy(() -> Contents.pdfParts(pdf, () -> true))
        .isInstanceOfSatisfying(
            Contents.Unreadable.class,
            e -> {
              assertThat(e.code).isEqualTo("pdf_unreadable");
              assertThat(e.getMessage()).contains("too long");
            });
  }

  /**
   * A scanned order has no text layer: the model gets pictures of its first pages instead of an
   * error.
   */
  @Test
  void aScannedPdfIsReadFromPicturesOfItsFirstPages() throws Exception {
    JsonArray parts = Contents.pdfParts(scan(6), () -> false);
    assertThat(parts).hasSize(1 + Contents.MAX_SCANNED_PAGES);
    assertThat(parts.getJsonObject(0).getString("text"))
        .contains("no text layer")
        .contains("first 4 of 6 page(s)");
    for (int i = 1; i < parts.size(); i++) {
      String url = parts.getJsonObject(i).getJsonObject("image_url").getString("url");
      assertThat(url).startsWith("data:image/jpeg;base64,");
      BufferedImage page =
          ImageIO.read(
              new ByteArrayInputStream(
                  Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
      // Letter at 150 dpi, and what was drawn on the page is on the picture: dark inside the box,
      // white outside.
      assertThat(page.getWidth()).isBetween(1270, 1275);
      assertThat(page.getHeight()).isBetween(1645, 1650);
      assertThat(page.getRaster().getSample(521, 400, 0)).isLessThan(64);
      assertThat(page.getRaster().getSample(10, 10, 0)).isGreaterThan(200);
    }
    assertThatThrownBy(() -> Contents.pdfParts(scan(1), () -> true))
        .isInstanceOfSatisfying(
            Contents.Unreadable.class, e -> assertThat(e.getMessage()).contains("too long"));
  }

  /** A PDF whose pages hold only a picture (a black box on white), as a scanner writes them. */
  static byte[] scan(int pages) throws Exception {
    BufferedImage picture = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 100);
    g.setColor(Color.BLACK);
    g.fillRect(20, 20, 160, 60);
    g.dispose();
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDImageXObject image = LosslessFactory.createFromImage(doc, picture);
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.drawImage(image, 50, 500, 400, 200);
        }
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void csvCellsKeepQuotedSeparatorsAndNewlines() {
    List<List<String>> rows =
        Contents.csvRows("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n\n3,4", 10);
    assertThat(rows)
        .containsExactly(
            List.of("a", "b"), List.of("x, y", "say \"hi\"\nthere"), List.of("3", "4"));
    assertThat(Contents.csvRows("a;b\n1;2\n", 10))
        .containsExactly(List.of("a", "b"), List.of("1", "2"));
    assertThat(Contents.csvRows("h\n1\n2\n3\n", 2)).hasSize(2);
  }
}
