package com.projectmeats.core.http;

import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: a status, a body (JSON, or the bytes of a file with its Content-Type
 * header) or none, and headers such as ETag or Location.
 */
public record Reply(int status, Object body, Map<String, String> headers) {
  private static final Reply WRITTEN = new Reply(0, null, Map.of());

  public static Reply ok(Object body) {
    return new Reply(200, body, Map.of());
  }

  public static Reply created(Object body, String location) {
    return new Reply(201, body, location == null ? Map.of() : Map.of("Location", location));
  }

  public static Reply accepted(Object body) {
    return new Reply(202, body, Map.of());
  }

  public static Reply noContent() {
    return new Reply(204, null, Map.of());
  }

  /** 200 with these bytes as the body, of this media type (a PDF, a CSV, an uploaded file). */
  public static Reply file(Buffer bytes, String contentType) {
    return new Reply(200, bytes, Map.of("Content-Type", contentType));
  }

  /** The endpoint wrote the response itself (an event stream); the router writes nothing. */
  public static Reply written() {
    return WRITTEN;
  }

  public boolean isWritten() {
    return this == WRITTEN;
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy);
  }

  public Reply withEtag(String etag) {
    return withHeader("ETag", etag);
  }
}
