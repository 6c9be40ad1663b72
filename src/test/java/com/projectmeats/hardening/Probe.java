package com.projectmeats.hardening;

import com.projectmeats.testing.Contract;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hostile client: sends exact bytes (invalid UTF-8, NUL, megabyte bodies) with any header, and
 * never waits longer than its timeout, so a request the server leaves hanging is a failure with a
 * name rather than a stuck build.
 */
final class Probe {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final Map<String, String> headers = new LinkedHashMap<>();

  Probe(int port) {
    this.port = port;
  }

  /** A copy that sends this header on every request. */
  Probe with(String name, String value) {
    Probe copy = new Probe(port);
    copy.headers.putAll(headers);
    copy.headers.put(name, value);
    return copy;
  }

  int port() {
    return port;
  }

  record Result(int status, Map<String, List<String>> headers, byte[] bytes, long millis) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    boolean isProblem() {
      String type = header("Content-Type");
      return type != null && type.startsWith("application/problem+json");
    }

    /** The problem document, or an empty object when the body is not one. */
    JsonObject problem() {
      try {
        return new JsonObject(body());
      } catch (RuntimeException e) {
        return new JsonObject();
      }
    }

    @Override
    public String toString() {
      String b = body();
      return status
          + " in "
          + millis
          + " ms: "
          + (b.length() > 400 ? b.substring(0, 400) + "…" : b);
    }
  }

  Result send(String method, String path, String contentType, byte[] body, String... extra) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::setHeader);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      b.setHeader(extra[i], extra[i + 1]);
    }
    long t0 = System.nanoTime();
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Result result =
          new Result(
              r.statusCode(), r.headers().map(), r.body(), (System.nanoTime() - t0) / 1_000_000);
      // Hostile requests still get answers the document describes (a 400, a 413, a 415…).
      Contract.of("http://127.0.0.1:" + port)
          .enforce(method, path, result.status(), result.headers(), result.body());
      return result;
    } catch (java.net.http.HttpTimeoutException e) {
      throw new AssertionError(
          method + " " + path + " hung: no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  Result json(String method, String path, String json, String... extra) {
    return send(
        method,
        path,
        "application/json",
        json == null ? null : json.getBytes(StandardCharsets.UTF_8),
        extra);
  }

  Result get(String path, String... extra) {
    return send("GET", path, null, null, extra);
  }

  /**
   * Writes a request line and headers exactly as given (no client normalises the path), and reads
   * what comes back until the server closes: for traversal attempts that a URI class would tidy up.
   */
  Result raw(String requestTarget, String... extra) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout((int) TIMEOUT.toMillis());
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      StringBuilder request =
          new StringBuilder(
              "GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      for (int i = 0; i + 1 < extra.length; i += 2) {
        request.append(extra[i]).append(": ").append(extra[i + 1]).append("\r\n");
      }
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      byte[] bytes = all.toByteArray();
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      int status =
          head.startsWith("HTTP/1.") && head.length() >= 12
              ? Integer.parseInt(head.substring(9, 12))
              : -1;
      Map<String, List<String>> headers = new LinkedHashMap<>();
      head.lines()
          .skip(1)
          .filter(l -> l.contains(":"))
          .forEach(
              l ->
                  headers.put(
                      l.substring(0, l.indexOf(':')).trim(),
                      List.of(l.substring(l.indexOf(':') + 1).trim())));
      byte[] body =
          end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
      return new Result(status, headers, body, (System.nanoTime() - t0) / 1_000_000);
    } catch (java.net.SocketTimeoutException e) {
      throw new AssertionError(
          "GET " + requestTarget + " hung: no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (Exception e) {
      throw new IllegalStateException("GET " + requestTarget + " failed: " + e, e);
    }
  }
}
