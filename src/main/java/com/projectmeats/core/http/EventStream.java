package com.projectmeats.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code text/event-stream} answer: what it is, and the shape of each event's {@code data} by
 * event name, in the order a client meets them.
 */
public record EventStream(String description, Map<String, Schema> events) {
  public static EventStream of(String description) {
    return new EventStream(description, Map.of());
  }

  public EventStream event(String name, Schema data) {
    Map<String, Schema> all = new LinkedHashMap<>(events);
    all.put(name, data);
    return new EventStream(description, java.util.Collections.unmodifiableMap(all));
  }
}
