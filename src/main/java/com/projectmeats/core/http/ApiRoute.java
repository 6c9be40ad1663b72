package com.projectmeats.core.http;

import com.projectmeats.core.security.Access;
import io.vertx.core.http.HttpMethod;

/** One row of the route table: what the API offers and who may call it. */
public record ApiRoute(HttpMethod method, String path, Access access, String summary) {
  /** The OpenAPI form of the path: {@code /suppliers/{id}} for {@code /suppliers/:id}. */
  public String openApiPath() {
    return path.replaceAll(":([A-Za-z_][A-Za-z0-9_]*)", "{$1}");
  }
}
