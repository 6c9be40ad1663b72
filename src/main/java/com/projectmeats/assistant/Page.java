package com.projectmeats.assistant;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** {@code ?page=&page_size=} and the {count, next, previous, results} envelope of DESIGN.md. */
record Page(int number, int size) {
  static final int MAX_SIZE = 100;

  static Page of(RoutingContext ctx, int defaultSize) {
    return new Page(param(ctx, "page", 1, Integer.MAX_VALUE, 1), param(ctx, "page_size", defaultSize, MAX_SIZE, 1));
  }

  int offset() {
    return (int) Math.min(Integer.MAX_VALUE, (long) (number - 1) * size);
  }

  JsonObject envelope(RoutingContext ctx, long count, JsonArray results) {
    boolean more = (long) number * size < count;
    return new JsonObject()
        .put("count", count)
        .put("next", more ? link(ctx, number + 1) : null)
        .put("previous", number > 1 ? link(ctx, number - 1) : null)
        .put("results", results);
  }

  private String link(RoutingContext ctx, int page) {
    Map<String, String> params = new TreeMap<>();
    ctx.queryParams().forEach(params::put);
    params.put("page", Integer.toString(page));
    StringJoiner query = new StringJoiner("&");
    params.forEach((k, v) -> query.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String uri = ctx.request().absoluteURI();
    int q = uri.indexOf('?');
    return (q < 0 ? uri : uri.substring(0, q)) + "?" + query;
  }

  private static int param(RoutingContext ctx, String name, int fallback, int max, int min) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.badRequest(name, name + " must be a whole number from " + min + " to " + max + ".");
  }
}
