package com.projectmeats.docs;

import com.projectmeats.core.crud.Catalog;
import com.projectmeats.core.http.ApiRoute;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/** The contract at /api/openapi.yaml (and .json), and an interactive page at /api/docs. Public, like any API reference. */
public final class DocsRoutes {
  private DocsRoutes() {}

  public static void mount(Router root, List<ApiRoute> routes, Catalog catalog) {
    JsonObject document = OpenApiDocument.build(routes, catalog);
    String yaml = Yaml.write(document);
    String json = document.encodePrettily();
    root.get("/api/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(yaml));
    root.get("/api/openapi.json").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(json));
    root.get("/api/docs").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").sendFile("docs/index.html"));
    root.get("/api/docs/docs.js").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8").sendFile("docs/docs.js"));
  }
}
