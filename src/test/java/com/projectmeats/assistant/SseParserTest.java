package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upstream parser gives the same events however the bytes are cut into chunks. */
class SseParserTest {
  /**
   * LF, CRLF and lone CR line ends, comments, a BOM, multi-line data, unknown fields, 2-4 byte
   * UTF-8, [DONE].
   */
  static final String SAMPLE =
      "\uFEFF: keep-alive\r\n\r\n"
          + "data: {\"choices\":[{\"delta\":{\"content\":\"Grüße 🥩 für €\"}}]}\r\n\r\n"
          + "event: message\nid: 7\nretry: 100\n"
          + "data: {\"a\":1}\ndata: {\"b\":\"日本\"}\n\n"
          + ":comment without space\n"
          + "data:no-space\r\rdata: cr only\r\r"
          + "unknown: field\nnocolon\n\n"
          + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3}}\n\n"
          + "data: [DONE]\n\n";

  static final List<SseParser.Event> EXPECTED =
      List.of(
          new SseParser.Event(
              "message", "{\"choices\":[{\"delta\":{\"content\":\"Grüße 🥩 für €\"}}]}"),
          new SseParser.Event("message", "{\"a\":1}\n{\"b\":\"日本\"}"),
          new SseParser.Event("message", "no-space"),
          new SseParser.Event("message", "cr only"),
          new SseParser.Event("message", "{\"choices\":[],\"usage\":{\"prompt_tokens\":3}}"),
          new SseParser.Event("message", "[DONE]"));

  private static List<SseParser.Event> parse(byte[] bytes, int... cuts) {
    List<SseParser.Event> events = new ArrayList<>();
    SseParser parser = new SseParser(1024, events::add);
    int from = 0;
    for (int cut : cuts) {
      parser.feed(Arrays.copyOfRange(bytes, from, cut));
      from = cut;
    }
    parser.feed(Arrays.copyOfRange(bytes, from, bytes.length));
    parser.finish();
    return events;
  }

  @Test
  void wholeStream() {
    assertThat(parse(SAMPLE.getBytes(StandardCharsets.UTF_8))).isEqualTo(EXPECTED);
  }

  @Test
  void everySplitPoint() {
    byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= bytes.length; i++) {
      assertThat(parse(bytes, i)).as("cut at %d", i).isEqualTo(EXPECTED);
    }
  }

  @Test
  void everyPairOfSplitPoints() {
    byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i <= bytes.length; i++) {
      for (int j = i; j <= bytes.length; j++) {
        assertThat(parse(bytes, i, j)).as("cuts at %d and %d", i, j).isEqualTo(EXPECTED);
      }
    }
  }

  @Test
  void oneByteAtATime() {
    byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
    int[] cuts = new int[bytes.length - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    assertThat(parse(bytes, cuts)).isEqualTo(EXPECTED);
  }

  @Test
  void manyEventsInOneChunkComeOutInOrder() {
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      stream.append("data: ").append(i).append("\n\n");
    }
    List<SseParser.Event> events = parse(stream.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(events).hasSize(100);
    assertThat(events.get(42).data()).isEqualTo("42");
  }

  @Test
  void aLastEventWithoutItsBlankLineStillCounts() {
    assertThat(parse("data: [DONE]".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(new SseParser.Event("message", "[DONE]"));
  }

  @Test
  void aLineBeyondTheLimitFailsInsteadOfGrowing() {
    SseParser parser = new SseParser(1024, e -> {});
    byte[] piece = new byte[600];
    Arrays.fill(piece, (byte) 'x');
    parser.feed("data: ".getBytes(StandardCharsets.UTF_8));
    parser.feed(piece);
    assertThatThrownBy(() -> parser.feed(piece)).isInstanceOf(SseParser.TooLong.class);
  }

  @Test
  void manyDataLinesBeyondTheLimitFailToo() {
    SseParser parser = new SseParser(1024, e -> {});
    String line = "data: " + "y".repeat(300) + "\n";
    assertThatThrownBy(
            () -> parser.feed((line + line + line + line).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SseParser.TooLong.class);
  }

  @Test
  void aLongLineDoesNotAffectTheNextOnes() {
    String big = "data: " + "z".repeat(900) + "\n\ndata: small\n\n";
    List<SseParser.Event> events = parse(big.getBytes(StandardCharsets.UTF_8), 5, 500);
    assertThat(events).extracting(SseParser.Event::data).containsExactly("z".repeat(900), "small");
  }
}
