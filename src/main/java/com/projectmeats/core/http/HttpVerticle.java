package com.projectmeats.core.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Thin on purpose: listens with a router built elsewhere, and drains in-flight requests on stop.
 */
public final class HttpVerticle extends VerticleBase {
  private final Supplier<Router> routers;
  private final int port;
  private final Duration drainTimeout;
  private HttpServer server;

  public HttpVerticle(Supplier<Router> routers, int port, Duration drainTimeout) {
    this.routers = routers;
    this.port = port;
    this.drainTimeout = drainTimeout;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setCompressionSupported(false)
            // HTTP/1.1 only: Traefik speaks it to us, and an h2c upgrade mid-connection confuses
            // clients.
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout(0)
            .setMaxHeaderSize(16 * 1024);
    server = vertx.createHttpServer(options).requestHandler(routers.get());
    return server.listen(port);
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
