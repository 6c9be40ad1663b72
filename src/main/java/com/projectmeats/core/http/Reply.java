package com.projectmeats.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: a status, a JSON body (or none) and headers such as ETag or Location. */
public record Reply(int status, Object body, Map<String, String> headers) {

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

  public Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy);
  }

  public Reply withEtag(String etag) {
    return withHeader("ETag", etag);
  }
}
