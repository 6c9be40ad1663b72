package com.projectmeats.core.http;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading request bodies: anything that is not one JSON object is the client's mistake (400). */
public final class Json {
  private Json() {}

  public static JsonObject body(RoutingContext ctx) {
    var body = ctx.body();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body.buffer());
    } catch (DecodeException e) {
      throw ApiException.badRequest("The request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    return object;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse(message);
    int at = line.indexOf(" at [Source");
    line = at > 0 ? line.substring(0, at) : line;
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
