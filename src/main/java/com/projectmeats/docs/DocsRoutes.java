package com.projectmeats.docs;

import com.projectmeats.core.http.ApiRoute;
import com.projectmeats.core.http.PackagedFolder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The contract at /api/openapi.yaml (and .json), and an interactive page at /api/docs. Public, like
 * any API reference. The document is rendered once, on a worker thread at the first request, and
 * shared by every event loop: it is large, and start-up should not wait for it.
 */
public final class DocsRoutes {
  private final Vertx vertx;
  private final Supplier<List<ApiRoute>> routes;

  /**
   * The page's files, by absolute path: a relative one would be looked up in the working directory
   * first.
   */
  private final Path page = PackagedFolder.require("docs");

  private volatile Future<Rendered> rendered;

  record Rendered(String yaml, String json) {}

  public DocsRoutes(Vertx vertx, Supplier<List<ApiRoute>> routes) {
    this.vertx = vertx;
    this.routes = routes;
  }

  public void mount(Router root) {
    root.get("/api/openapi.yaml")
        .handler(
            ctx ->
                rendered()
                    .onSuccess(
                        r ->
                            ctx.response()
                                .putHeader(
                                    HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                                .end(r.yaml()))
                    .onFailure(ctx::fail));
    root.get("/api/openapi.json")
        .handler(
            ctx ->
                rendered()
                    .onSuccess(
                        r ->
                            ctx.response()
                                .putHeader(
                                    HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                                .end(r.json()))
                    .onFailure(ctx::fail));
    root.get("/api/docs")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .sendFile(page.resolve("index.html").toString()));
    root.get("/api/docs/docs.js")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
                    .sendFile(page.resolve("docs.js").toString()));
  }

  private Future<Rendered> rendered() {
    Future<Rendered> current = rendered;
    if (current == null || current.failed()) {
      synchronized (this) {
        if (rendered == null || rendered.failed()) {
          rendered =
              vertx.executeBlocking(
                  () -> {
                    JsonObject document = OpenApiDocument.build(routes.get());
                    return new Rendered(Yaml.write(document), document.encodePrettily());
                  },
                  false);
        }
        current = rendered;
      }
    }
    return current;
  }
}
