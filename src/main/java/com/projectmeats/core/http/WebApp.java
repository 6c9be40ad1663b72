package com.projectmeats.core.http;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The single-page app, built into the jar under {@code webroot/} and served from there only (see
 * {@link PackagedFolder}), never from the working directory. Hashed assets are cached for a year;
 * {@code index.html} never, so a release is picked up on the next load. Client-side routes that are
 * not files answer {@code index.html}; missing files with an extension answer 404.
 */
public final class WebApp {
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /**
   * Null when this build was packaged without the web app (-Dskip.npm=true and no webroot/dist).
   */
  private final Path root;

  private WebApp(Path root) {
    this.root = root;
  }

  /**
   * The app this build packs. Blocking the first time (it may unpack the jar's copy): call it at
   * start-up.
   */
  public static WebApp packaged() {
    Optional<Path> root = PackagedFolder.locate("webroot");
    return new WebApp(root.filter(dir -> dir.resolve("index.html").toFile().isFile()).orElse(null));
  }

  public void mount(Router router) {
    if (root == null) {
      router
          .route()
          .method(HttpMethod.GET)
          .method(HttpMethod.HEAD)
          .handler(
              ctx ->
                  ctx.fail(
                      ApiException.notFound(
                          "This build has no web app: build it with npm (mvn package without -Dskip.npm).")));
      return;
    }
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(WebApp::cachePolicy);
    // Hidden files are let through because Vert.x looks for dot-folders along the whole absolute
    // path (a temporary directory under ~/.cache would hide everything); the folder holds only the
    // build.
    router
        .route()
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(
            StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                .setCachingEnabled(false)
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(true)
                .setSendVaryHeader(false));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::fallback);
  }

  private static void cachePolicy(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, path.startsWith("/assets/") ? IMMUTABLE : "no-cache");
    ctx.next();
  }

  private void fallback(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (path.startsWith("/assets/") || last.contains(".")) {
      ctx.fail(404);
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
    ctx.response().sendFile(root.resolve("index.html").toString()).onFailure(ctx::fail);
  }
}
