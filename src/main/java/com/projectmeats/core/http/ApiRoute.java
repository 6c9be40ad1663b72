package com.projectmeats.core.http;

import com.projectmeats.core.security.Access;
import io.vertx.core.http.HttpMethod;

/**
 * One row of the route table: what the API offers, who may call it, and what it takes and answers.
 */
public record ApiRoute(HttpMethod method, String path, Access access, Operation operation) {

  public String summary() {
    return operation.summary();
  }

  /** The OpenAPI form of the path: {@code /suppliers/{id}} for {@code /suppliers/:id}. */
  public String openApiPath() {
    return path.replaceAll(":([A-Za-z_][A-Za-z0-9_]*)", "{$1}");
  }

  /** With {@code Accept: text/event-stream} the route answers as server-sent events. */
  public boolean eventStream() {
    return operation.responses().stream().anyMatch(r -> r.events() != null);
  }
}
