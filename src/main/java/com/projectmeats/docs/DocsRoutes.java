package com.projectmeats.docs;

import com.projectmeats.core.http.ApiRoute;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The contract at /api/openapi.yaml (and .json), and Swagger UI at /api/docs. Public, like any API
 * reference. The document is rendered once, on a worker thread at the first request, and shared by
 * every event loop: it is large, and start-up should not wait for it.
 *
 * <p>Swagger UI comes from the {@code org.webjars:swagger-ui} jar and our page from {@code docs/},
 * both read from the class path (never the working directory, which may hold anything: see {@code
 * PackagedFolder}) once, on a worker thread, and kept in memory (about 2 MB). The webjar's files
 * are served under a path naming their version, so they are cached for a year; our page and its
 * initializer are revalidated on every load, so a release shows at once.
 */
public final class DocsRoutes {
  private static final String WEBJAR = "org.webjars/swagger-ui";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";

  /** The webjar's files the page uses; nothing else of it is reachable. */
  private static final Map<String, String> SWAGGER_UI_FILES =
      Map.of(
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "swagger-ui.css", "text/css; charset=utf-8",
          "favicon-32x32.png", "image/png",
          "favicon-16x16.png", "image/png");

  private final Vertx vertx;
  private final Supplier<List<ApiRoute>> routes;

  private volatile Future<Rendered> rendered;
  private volatile Future<Map<String, Asset>> assets;

  /** Encoded once: the document is served as these bytes to every request. */
  record Rendered(Buffer yaml, Buffer json) {}

  record Asset(Buffer body, String contentType, String cacheControl) {}

  public DocsRoutes(Vertx vertx, Supplier<List<ApiRoute>> routes) {
    this.vertx = vertx;
    this.routes = routes;
  }

  public void mount(Router root) {
    // HEAD as well as GET: a smoke check's `curl -I` or a link checker asks before it reads.
    root.get("/api/openapi.yaml")
        .method(HttpMethod.HEAD)
        .handler(
            ctx ->
                rendered()
                    .onSuccess(r -> end(ctx, "application/yaml; charset=utf-8", r.yaml()))
                    .onFailure(ctx::fail));
    root.get("/api/openapi.json")
        .method(HttpMethod.HEAD)
        .handler(
            ctx ->
                rendered()
                    .onSuccess(r -> end(ctx, "application/json; charset=utf-8", r.json()))
                    .onFailure(ctx::fail));
    root.get("/api/docs").method(HttpMethod.HEAD).handler(ctx -> serve(ctx, "/api/docs"));
    root.get("/api/docs/*")
        .method(HttpMethod.HEAD)
        .handler(ctx -> serve(ctx, ctx.normalizedPath().replaceFirst("/$", "")));
  }

  private void serve(RoutingContext ctx, String path) {
    assets()
        .onSuccess(
            all -> {
              Asset asset = all.get(path);
              if (asset == null) {
                ctx.next(); // the API's 404 below
                return;
              }
              ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, asset.cacheControl());
              end(ctx, asset.contentType(), asset.body());
            })
        .onFailure(ctx::fail);
  }

  /** GET gets the body; HEAD its length only (Vert.x sends no Content-Length of its own there). */
  private static void end(RoutingContext ctx, String contentType, Buffer body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length())).end();
    } else {
      ctx.response().end(body);
    }
  }

  private Future<Map<String, Asset>> assets() {
    Future<Map<String, Asset>> current = assets;
    if (current == null || current.failed()) {
      synchronized (this) {
        if (assets == null || assets.failed()) {
          assets = vertx.executeBlocking(DocsRoutes::loadAssets, false);
        }
        current = assets;
      }
    }
    return current;
  }

  /** Blocking: reads the class path. */
  static Map<String, Asset> loadAssets() throws IOException {
    String version = swaggerUiVersion();
    Map<String, Asset> assets = new HashMap<>();
    String page = text("docs/index.html").replace("{{swagger-ui}}", version);
    assets.put("/api/docs", new Asset(Buffer.buffer(page), "text/html; charset=utf-8", REVALIDATE));
    assets.put(
        "/api/docs/swagger-initializer.js",
        new Asset(
            Buffer.buffer(bytes("docs/swagger-initializer.js")),
            "text/javascript; charset=utf-8",
            REVALIDATE));
    assets.put(
        "/api/docs/docs.css",
        new Asset(Buffer.buffer(bytes("docs/docs.css")), "text/css; charset=utf-8", REVALIDATE));
    for (var file : SWAGGER_UI_FILES.entrySet()) {
      String name = "META-INF/resources/webjars/swagger-ui/" + version + "/" + file.getKey();
      assets.put(
          "/api/docs/swagger-ui/" + version + "/" + file.getKey(),
          new Asset(Buffer.buffer(bytes(name)), file.getValue(), IMMUTABLE));
    }
    return Map.copyOf(assets);
  }

  /** The webjar's version, from the Maven metadata it carries (kept by the shaded jar). */
  public static String swaggerUiVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = open("META-INF/maven/" + WEBJAR + "/pom.properties")) {
      properties.load(in);
    }
    String version = properties.getProperty("version");
    if (version == null || !version.matches("[0-9A-Za-z.\\-]+")) {
      throw new IOException("the swagger-ui webjar names no usable version: " + version);
    }
    return version;
  }

  private static String text(String name) throws IOException {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) throws IOException {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("this build lacks " + name + " on its class path");
    }
    return in;
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
                    return new Rendered(
                        Buffer.buffer(Yaml.write(document)),
                        Buffer.buffer(document.encodePrettily()));
                  },
                  false);
        }
        current = rendered;
      }
    }
    return current;
  }
}
