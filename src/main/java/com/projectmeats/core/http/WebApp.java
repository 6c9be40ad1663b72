package com.projectmeats.core.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The single-page app, built into the jar under {@code webroot/}. Hashed assets are cached for a
 * year; {@code index.html} never, so a release is picked up on the next load. Client-side routes
 * that are not files answer {@code index.html}; missing files with an extension answer 404.
 */
public final class WebApp {
  private static final String ROOT = "webroot";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private WebApp() {}

  public static void mount(Router router) {
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(WebApp::cachePolicy);
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create(ROOT).setCachingEnabled(false).setIndexPage("index.html")
            .setDirectoryListing(false).setIncludeHidden(false).setSendVaryHeader(false));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(WebApp::fallback);
  }

  private static void cachePolicy(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, path.startsWith("/assets/") ? IMMUTABLE : "no-cache");
    ctx.next();
  }

  private static void fallback(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (path.startsWith("/assets/") || last.contains(".")) {
      ctx.fail(404);
      return;
    }
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
    ctx.response().sendFile(ROOT + "/index.html").onFailure(ctx::fail);
  }
}
