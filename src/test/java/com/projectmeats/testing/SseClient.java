package com.projectmeats.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the service's event stream straight off a socket (HTTP/1.1, chunked transfer decoded here),
 * so tests see exactly the bytes on the wire, can read slowly with a small receive buffer, and can
 * drop the connection abruptly. Its event parsing is deliberately independent of the service's own
 * parser.
 */
public final class SseClient implements AutoCloseable {
  /** An event as sent: its name and its data (JSON in this protocol). */
  public record Event(String name, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final Socket socket;
  private final InputStream raw;
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final InputStream body;
  private final StringBuilder seen = new StringBuilder();
  private final byte[] buffer = new byte[8192];
  private int pos;
  private int limit;
  private final List<String> comments = new ArrayList<>();
  private boolean ended;

  private final String base;
  private final String path;

  private SseClient(Socket socket, String base, String path) throws IOException {
    this.socket = socket;
    this.base = base;
    this.path = path;
    this.raw = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
    String statusLine = line(raw);
    this.status = Integer.parseInt(statusLine.split(" ")[1]);
    for (String h = line(raw); !h.isEmpty(); h = line(raw)) {
      int colon = h.indexOf(':');
      headers.put(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = new Chunked(raw);
    } else if (headers.containsKey("content-length")) {
      body = new Limited(raw, Long.parseLong(headers.get("content-length")));
    } else {
      body = raw;
    }
    // The head is judged at once; the body when it has been read in full (readBody, the stream's
    // end), since a test may drop the stream halfway on purpose.
    Contract.of(base).enforceHead("POST", path, status, headerLists());
  }

  private Map<String, List<String>> headerLists() {
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach((name, value) -> all.put(name, List.of(value)));
    return all;
  }

  /** POSTs {@code json} with {@code Accept: text/event-stream} and reads the response head. */
  public static SseClient post(int port, String path, String token, Object json) {
    return post(port, path, token, json, 0);
  }

  /**
   * As {@link #post(int, String, String, Object)}, with a receive buffer of {@code receiveBuffer}
   * bytes (0: the default).
   */
  public static SseClient post(
      int port, String path, String token, Object json, int receiveBuffer) {
    try {
      Socket socket = new Socket();
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer);
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(20_000);
      byte[] body = json == null ? new byte[0] : json.toString().getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /api/v1"
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\n"
              + "Authorization: Bearer "
              + token
              + "\r\nAccept: text/event-stream\r\n"
              + (json == null ? "" : "Content-Type: application/json\r\n")
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return new SseClient(socket, "http://127.0.0.1:" + port, "/api/v1" + path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int status() {
    return status;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Comment lines seen so far (without the colon). */
  public List<String> comments() {
    return comments;
  }

  /** Every complete body line read so far, as sent. */
  public String rawBody() {
    return seen.toString();
  }

  /** The next event, or null when the stream ended. */
  public Event next(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      String name = null;
      StringBuilder data = null;
      while (true) {
        String line = bodyLine();
        if (line == null) {
          if (!ended) {
            Contract.of(base).enforce("POST", path, status, headerLists(), seen.toString());
          }
          ended = true;
          return null;
        }
        if (line.isEmpty()) {
          if (data != null) {
            return new Event(name == null ? "message" : name, data.toString());
          }
          continue;
        }
        if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data =
              data == null
                  ? new StringBuilder(line.substring(6))
                  : data.append('\n').append(line.substring(6));
        } else {
          throw new AssertionError("not an event stream line: " + line);
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no event within " + timeout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every event until the stream ends, which must happen within {@code timeout}. */
  public List<Event> readAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event> events = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "the stream did not end within " + timeout + " (" + events.size() + " events read)");
      }
      Event e = next(Duration.ofNanos(Math.max(1_000_000, left)));
      if (e == null) {
        return events;
      }
      events.add(e);
    }
  }

  /** The whole (non-stream) body, for problem+json answers. */
  public String readBody() {
    try {
      String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      Contract.of(base).enforce("POST", path, status, headerLists(), text);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean ended() {
    return ended;
  }

  /** Drops the connection at once, as a closed browser tab does. */
  @Override
  public void close() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  /** The concatenated content of the delta events among {@code events}. */
  public static String deltas(List<Event> events) {
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e.name().equals("delta"))
        .forEach(e -> text.append(e.json().getString("content")));
    return text.toString();
  }

  /** A body line decoded only once all its bytes are in (multi-byte characters may span chunks). */
  private String bodyLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (pos == limit) {
        limit = body.read(buffer, 0, buffer.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
      }
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      line.write(buffer, start, pos - start);
      if (pos < limit) {
        pos++;
        String text = line.toString(StandardCharsets.UTF_8);
        seen.append(text).append('\n');
        return text;
      }
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  /** HTTP/1.1 chunked transfer coding. */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in);
        if (size.isEmpty()) {
          size = line(in); // the CRLF after the previous chunk's data
        }
        left = Long.parseLong(size.split(";")[0].trim(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int n = in.read(into, off, (int) Math.min(len, left));
      if (n < 0) {
        done = true;
        return -1;
      }
      left -= n;
      return n;
    }
  }

  private static final class Limited extends InputStream {
    private final InputStream in;
    private long left;

    Limited(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(into, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
