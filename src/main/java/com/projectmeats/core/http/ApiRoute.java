package com.projectmeats.core.http;

import com.projectmeats.core.security.Access;
import io.vertx.core.http.HttpMethod;

/**
 * One row of the route table: what the API offers and who may call it. {@code eventStream}: with
 * {@code Accept: text/event-stream} the route answers as server-sent events instead of JSON.
 */
public record ApiRoute(HttpMethod method, String path, Access access, String summary, boolean eventStream) {
  public ApiRoute(HttpMethod method, String path, Access access, String summary) {
    this(method, path, access, summary, false);
  }

  /** The OpenAPI form of the path: {@code /suppliers/{id}} for {@code /suppliers/:id}. */
  public String openApiPath() {
    return path.replaceAll(":([A-Za-z_][A-Za-z0-9_]*)", "{$1}");
  }

  ApiRoute streamingEvents() {
    return new ApiRoute(method, path, access, summary, true);
  }
}
