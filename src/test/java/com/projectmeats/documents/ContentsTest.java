package com.projectmeats.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading content without the service: type detection, the PDF time bound, CSV cells. */
class ContentsTest {

  @Test
  void typesComeFromMagicBytesAndTextMustBeCleanUtf8() throws Exception {
    assertThat(FileType.detect(DocumentsTest.png(), "x.pdf")).contains(FileType.PNG);
    assertThat(FileType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}, "x.txt")).contains(FileType.JPEG);
    assertThat(FileType.detect("a,b\n1,2".getBytes(StandardCharsets.UTF_8), "x.csv")).contains(FileType.CSV);
    assertThat(FileType.detect("Grüße".getBytes(StandardCharsets.UTF_8), "x.pdf")).contains(FileType.TEXT);
    assertThat(FileType.detect(new byte[] {'a', 0, 'b'}, "x.txt")).isEmpty();
    assertThat(FileType.detect(new byte[] {'a', (byte) 0xC3}, "x.txt")).isEmpty(); // cut UTF-8
    assertThat(FileType.detect(new byte[0], "x.txt")).isEmpty();
  }

  @Test
  void aPdfThatTakesTooLongIsAbandonedWithAReason() throws Exception {
    byte[] pdf = DocumentsTest.pdf("PURCHASE ORDER 1");
    assertThat(Contents.pdfText(pdf, () -> false)).contains("PURCHASE ORDER 1");
    assertThatThrownBy(() -> Contents.pdfText(pdf, () -> true))
        .isInstanceOfSatisfying(Contents.Unreadable.class, e -> {
          assertThat(e.code).isEqualTo("pdf_unreadable");
          assertThat(e.getMessage()).contains("too long");
        });
  }

  @Test
  void csvCellsKeepQuotedSeparatorsAndNewlines() {
    List<List<String>> rows = Contents.csvRows("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n\n3,4", 10);
    assertThat(rows).containsExactly(List.of("a", "b"), List.of("x, y", "say \"hi\"\nthere"), List.of("3", "4"));
    assertThat(Contents.csvRows("a;b\n1;2\n", 10)).containsExactly(List.of("a", "b"), List.of("1", "2"));
    assertThat(Contents.csvRows("h\n1\n2\n3\n", 2)).hasSize(2);
  }
}
