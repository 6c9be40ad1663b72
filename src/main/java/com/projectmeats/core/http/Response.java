package com.projectmeats.core.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One successful answer a route gives: its status, what it means, and its body: a JSON schema, a
 * stream of server-sent events, or files of the given media types (for which {@code schema} is null
 * and {@code mediaTypes} names them). Headers that matter to the caller are named with their
 * meaning.
 */
public record Response(
    int status,
    String description,
    Schema schema,
    Map<String, String> headers,
    EventStream events,
    List<String> mediaTypes) {

  public Response(
      int status,
      String description,
      Schema schema,
      Map<String, String> headers,
      EventStream events) {
    this(
        status,
        description,
        schema,
        headers,
        events,
        schema == null ? List.of() : List.of("application/json"));
  }

  public static Response json(int status, String description, Schema schema) {
    return new Response(status, description, schema, Map.of(), null);
  }

  public static Response binary(int status, String description, String... mediaTypes) {
    return new Response(status, description, null, Map.of(), null, List.of(mediaTypes));
  }

  public Response header(String name, String meaning) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, meaning);
    return new Response(status, description, schema, Map.copyOf(all), events, mediaTypes);
  }
}
