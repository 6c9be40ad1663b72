package com.projectmeats.core.http;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which page of a collection a request asks for ({@code ?page=&page_size=}), and the {@code {count,
 * next, previous, results}} envelope that answers it. Every list endpoint reads and answers paging
 * through this one record, so clients see one behaviour: the links are absolute (as the earlier
 * Django API gave them), keep every other query parameter of the request in its order, and end with
 * the new {@code page}; {@code next} is null on the last page, {@code previous} on the first.
 */
public record Page(int number, int size) {
  public static final int MAX_SIZE = 100;

  public Page {
    if (number < 1 || size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("no such page: " + number + " of " + size);
    }
  }

  /**
   * The request's page; {@code defaultSize} is the route's page size when the client names none.
   */
  public static Page of(RoutingContext ctx, int defaultSize) {
    return of(ctx.queryParams(), defaultSize);
  }

  /**
   * As {@link #of(RoutingContext, int)}, for query parameters already at hand. A bad value is a 400
   * naming it.
   */
  public static Page of(MultiMap query, int defaultSize) {
    return new Page(
        number(query, "page", Integer.MAX_VALUE, 1),
        number(query, "page_size", MAX_SIZE, defaultSize));
  }

  /** What a store reads for a page: its rows, and how many rows the collection holds in all. */
  public record Found(long count, JsonArray results) {}

  /** How many rows come before this page. */
  public long offset() {
    return (long) (number - 1) * size;
  }

  /**
   * The envelope of this page of the request's collection: {@code count} rows in all, {@code
   * results} this page's.
   */
  public JsonObject envelope(RoutingContext ctx, long count, JsonArray results) {
    return envelope(Forwarded.url(ctx), ctx.queryParams(), count, results);
  }

  /**
   * The envelope with links to {@code url} (its query string, if any, is left out) carrying {@code
   * query}; for callers that are not answering a request themselves.
   */
  public JsonObject envelope(String url, MultiMap query, long count, JsonArray results) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    return new JsonObject()
        .put("count", count)
        .put("next", offset() + size < count ? link(base, query, number + 1) : null)
        .put("previous", number > 1 ? link(base, query, number - 1) : null)
        .put("results", results);
  }

  private static String link(String base, MultiMap query, int page) {
    StringJoiner params = new StringJoiner("&", base + "?", "");
    for (Map.Entry<String, String> param : query) {
      // Vert.x reads query names regardless of case, so "Page=3" was the page read: it is replaced
      // too.
      if (!param.getKey().equalsIgnoreCase("page")) {
        params.add(encode(param.getKey()) + "=" + encode(param.getValue()));
      }
    }
    return params.add("page=" + page).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A whole number from 1 to {@code max}; absent or blank is {@code fallback}. */
  private static int number(MultiMap query, String name, int max, int fallback) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    // Digits only (no sign, no spaces); ten of them still fit a long, so no overflow is possible.
    if (value.matches("[0-9]{1,10}")) {
      long n = Long.parseLong(value);
      if (n >= 1 && n <= max) {
        return (int) n;
      }
    }
    throw ApiException.badRequest(
        name,
        name
            + " must be a whole number from 1 "
            + (max == Integer.MAX_VALUE ? "up" : "to " + max)
            + ".");
  }
}
