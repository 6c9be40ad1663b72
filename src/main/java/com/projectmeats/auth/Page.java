package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** {@code ?page=&page_size=} of a collection, and the {count, next, previous, results} envelope it answers. */
record Page(int number, int size) {
  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 100;

  static Page of(RoutingContext ctx) {
    return new Page(number(ctx, "page", 1, Integer.MAX_VALUE, 1), number(ctx, "page_size", 1, MAX_SIZE, DEFAULT_SIZE));
  }

  long offset() {
    return (long) (number - 1) * size;
  }

  <T> JsonObject envelope(RoutingContext ctx, long count, List<T> rows, Function<T, JsonObject> json) {
    return new JsonObject()
        .put("count", count)
        .put("next", offset() + rows.size() < count ? link(ctx, number + 1) : null)
        .put("previous", number > 1 ? link(ctx, number - 1) : null)
        .put("results", new JsonArray(rows.stream().map(json).toList()));
  }

  private String link(RoutingContext ctx, int page) {
    StringBuilder query = new StringBuilder("page=").append(page);
    ctx.queryParams().forEach((name, value) -> {
      if (!name.equals("page")) {
        query.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
            .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    });
    return ctx.request().path() + "?" + query;
  }

  private static int number(RoutingContext ctx, String name, int min, int max, int fallback) {
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
      // reported below
    }
    throw ApiException.badRequest(name, name + " must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ".");
  }
}
