package com.projectmeats.core.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.HashMap;
import java.util.Map;

/**
 * The API's routes, one sub-router per first path segment ({@code /suppliers} holds {@code
 * /suppliers}, {@code /suppliers/:id}, {@code /suppliers/export.csv}). A Vert.x router tries its
 * routes one after another, a regular expression for each route with a parameter, so in one flat
 * router a request paid for every route declared before its own (~160); here it walks the segments'
 * prefixes and then its own segment's routes. Within a segment the declared order is kept, and a
 * path no route takes falls through to the routes after the API, as before.
 */
final class RouteSections {
  private final Vertx vertx;
  private final Router parent;
  private final Map<String, Router> sections = new HashMap<>();

  RouteSections(Vertx vertx, Router parent) {
    this.vertx = vertx;
    this.parent = parent;
  }

  /**
   * The route for {@code path} (as declared, from the API's prefix), named by that path so that the
   * metrics' route label still ends with the whole template.
   */
  Route route(HttpMethod method, String path) {
    int end = path.indexOf('/', 1);
    String segment = end < 0 ? path : path.substring(0, end);
    Router section =
        sections.computeIfAbsent(
            segment,
            s -> {
              Router router = Router.router(vertx);
              parent.route(s + "*").subRouter(router);
              return router;
            });
    String rest = path.substring(segment.length());
    return section.route(method, rest.isEmpty() ? "/" : rest).setName(path);
  }
}
