package com.projectmeats.docs;

import com.projectmeats.core.crud.Catalog;
import com.projectmeats.core.http.ApiRoute;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * The contract at /api/openapi.yaml (and .json), and an interactive page at /api/docs. Public, like any API reference.
 * The document is rendered once per process, on the first request for it and on a worker thread: rendering it
 * for every event loop's router at start-up blocked all of them for seconds (bench/RESULTS.md, scenario 5).
 */
public final class DocsRoutes {
  private final Vertx vertx;
  private final Supplier<List<ApiRoute>> routes;
  private final Catalog catalog;
  private Future<Rendered> rendered;

  record Rendered(String yaml, String json) {}

  public DocsRoutes(Vertx vertx, Supplier<List<ApiRoute>> routes, Catalog catalog) {
    this.vertx = vertx;
    this.routes = routes;
    this.catalog = catalog;
  }

  public void mount(Router root) {
    root.get("/api/openapi.yaml").handler(ctx -> send(ctx, "application/yaml; charset=utf-8", true));
    root.get("/api/openapi.json").handler(ctx -> send(ctx, "application/json; charset=utf-8", false));
    root.get("/api/docs").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").sendFile("docs/index.html"));
    root.get("/api/docs/docs.js").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8").sendFile("docs/docs.js"));
  }

  private void send(RoutingContext ctx, String type, boolean yaml) {
    rendered().onSuccess(r -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type).end(yaml ? r.yaml() : r.json()))
        .onFailure(ctx::fail);
  }

  private synchronized Future<Rendered> rendered() {
    if (rendered == null || rendered.failed()) {
      rendered = vertx.executeBlocking(() -> {
        JsonObject document = OpenApiDocument.build(routes.get(), catalog);
        return new Rendered(Yaml.write(document), document.encodePrettily());
      });
    }
    return rendered;
  }
}
