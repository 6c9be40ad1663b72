package com.projectmeats.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading request bodies: anything that is not one JSON object in valid UTF-8 is the client's
 * mistake (400). Stricter than Vert.x's shared codec on purpose: a key given twice is refused
 * (which of two values a proxy, a validator and we would each take differs), so are malformed UTF-8
 * (overlong forms decode to characters that filters missed) and NUL characters (PostgreSQL cannot
 * store them, and they cut strings short in C-based tools). Nesting stays bounded by Jackson's
 * default of 1,000 levels.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern DUPLICATE =
      Pattern.compile("Duplicate (?:field|Object property) '([^']*)'");

  private Json() {}

  public static JsonObject body(RoutingContext ctx) {
    var body = ctx.body();
    // length() is -1 when the whole request (Content-Length: 0) had arrived before the body handler
    // ran.
    if (body == null || body.length() <= 0 || body.buffer() == null) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    Object parsed = parse(utf8(body.buffer().getBytes()));
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.badRequest("The request body must be a JSON object.");
    }
    rejectNul(object, "");
    return object;
  }

  /**
   * The body of a route whose body is optional: none, or JSON {@code null}, reads as no fields.
   * Generated clients send {@code null} for an optional body the caller left out
   * (openapi-generator's Java clients do), and it says "nothing" as plainly as no body does;
   * anything else must be one JSON object, as {@link #body} demands.
   */
  public static JsonObject optionalBody(RoutingContext ctx) {
    var body = ctx.body();
    if (body == null || body.length() <= 0 || body.buffer() == null) {
      return new JsonObject();
    }
    String text = utf8(body.buffer().getBytes());
    if (text.strip().equals("null")) {
      return new JsonObject();
    }
    return body(ctx);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("The request body is not valid UTF-8.");
    }
  }

  private static Object parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException e) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getMessage()));
      if (duplicate.find()) {
        String key = duplicate.group(1);
        throw ApiException.badRequest(
            key, "The key '" + key + "' appears more than once in the request body.");
      }
      throw ApiException.badRequest(
          "The request body is not valid JSON: " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw ApiException.badRequest("The request body is not valid JSON.");
    }
  }

  /** Names the first key or string value holding a NUL character, by its path in the body. */
  private static void rejectNul(Object value, String path) {
    switch (value) {
      case JsonObject object ->
          object.forEach(
              e -> {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\0') >= 0) {
                  throw nul(at);
                }
                rejectNul(e.getValue(), at);
              });
      case JsonArray array -> {
        for (int i = 0; i < array.size(); i++) {
          rejectNul(array.getValue(i), path + "[" + i + "]");
        }
      }
      case String s when s.indexOf('\0') >= 0 -> throw nul(path);
      case null, default -> {}
    }
  }

  private static ApiException nul(String path) {
    return ApiException.badRequest(path, "Must not contain NUL characters.");
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
