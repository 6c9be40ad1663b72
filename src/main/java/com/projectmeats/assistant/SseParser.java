package com.projectmeats.assistant;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * An incremental parser of a {@code text/event-stream}, correct for any chunking of its bytes: a
 * line is only decoded once its end has arrived, so an event or a multi-byte UTF-8 character split
 * across chunks comes out whole. Lines end with LF, CRLF or CR (also when the CR and the LF arrive
 * in different chunks); comment lines are skipped; {@code data} lines of one event are joined with
 * LF as the specification says. A line or an event longer than the limit fails with {@link TooLong}
 * instead of growing without bound.
 */
final class SseParser {
  /**
   * One dispatched event: its type ("message" unless an {@code event:} line named one) and data.
   */
  record Event(String type, String data) {}

  static final class TooLong extends RuntimeException {
    TooLong(int limit) {
      super(
          "a line or event of the upstream stream exceeds " + limit + " bytes", null, false, false);
    }
  }

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final int limit;
  private final Consumer<Event> events;
  private byte[] line = new byte[512];
  private int length;

  /** The previous chunk ended with CR: an LF at the start of this one ends no second line. */
  private boolean afterCr;

  private boolean firstLine = true;
  private String type;
  private StringBuilder data;

  SseParser(int limit, Consumer<Event> events) {
    this.limit = limit;
    this.events = events;
  }

  void feed(Buffer chunk) {
    feed(chunk.getBytes());
  }

  void feed(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      if (afterCr) {
        afterCr = false;
        if (bytes[i] == LF) {
          i++;
          continue;
        }
      }
      int end = i;
      while (end < n && bytes[end] != LF && bytes[end] != CR) {
        end++;
      }
      append(bytes, i, end - i);
      if (end == n) {
        return;
      }
      afterCr = bytes[end] == CR;
      endLine();
      i = end + 1;
    }
  }

  /**
   * The stream ended: a last line without its line end, and an event without its blank line, still
   * count.
   */
  void finish() {
    if (length > 0) {
      endLine();
    }
    dispatch();
  }

  private void append(byte[] bytes, int from, int count) {
    if (count == 0) {
      return;
    }
    if (length + count > limit) {
      throw new TooLong(limit);
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(limit, Math.max(line.length * 2, length + count)));
    }
    System.arraycopy(bytes, from, line, length, count);
    length += count;
  }

  private void endLine() {
    String text = new String(line, 0, length, StandardCharsets.UTF_8);
    length = 0;
    if (line.length > 64 * 1024) {
      line = new byte[512]; // a rare long line must not pin its buffer for the rest of the stream
    }
    if (firstLine) {
      firstLine = false;
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
    }
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value.length());
        } else {
          data.append('\n');
        }
        if (data.length() + value.length() > limit) {
          throw new TooLong(limit);
        }
        data.append(value);
      }
      case "event" -> type = value;
      default -> {} // id, retry and unknown fields mean nothing to a chat completion
    }
  }

  private void dispatch() {
    if (data != null) {
      Event event = new Event(type == null || type.isEmpty() ? "message" : type, data.toString());
      data = null;
      type = null;
      events.accept(event);
    } else {
      type = null;
    }
  }
}
