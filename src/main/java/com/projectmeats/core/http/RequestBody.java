package com.projectmeats.core.http;

/**
 * What a route reads from the request body: nothing, a JSON object, an optional JSON object, or a
 * multipart upload with its own size limit; or, for a POST action, nothing though one may be sent
 * ({@link Operation#ignoresBody}). {@link Api} checks the media type and size accordingly.
 */
public record RequestBody(Kind kind, Schema schema, long limitBytes) {
  public enum Kind {
    NONE,
    JSON,
    OPTIONAL_JSON,
    MULTIPART,
    IGNORED
  }

  public static final RequestBody NONE = new RequestBody(Kind.NONE, null, 0);
  public static final RequestBody IGNORED =
      new RequestBody(Kind.IGNORED, null, Api.JSON_BODY_LIMIT);

  public static RequestBody json(Schema schema) {
    return new RequestBody(Kind.JSON, schema, Api.JSON_BODY_LIMIT);
  }

  public static RequestBody optionalJson(Schema schema) {
    return new RequestBody(Kind.OPTIONAL_JSON, schema, Api.JSON_BODY_LIMIT);
  }

  public static RequestBody multipart(Schema form, long limitBytes) {
    return new RequestBody(Kind.MULTIPART, form, limitBytes);
  }

  /** Whether the document describes a body (an ignored one it leaves out). */
  public boolean documented() {
    return kind != Kind.NONE && kind != Kind.IGNORED;
  }

  public String mediaType() {
    return kind == Kind.MULTIPART ? "multipart/form-data" : "application/json";
  }
}
