package com.projectmeats.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection accepted before its server's metrics existed is answered, just not counted. */
class ConnectionsBeforeBindTest {
  private static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(8000, "127.0.0.1");
  private static final SocketAddress REMOTE = SocketAddress.inetSocketAddress(40000, "127.0.0.1");
  private static final HttpRequest GET_HEALTHZ =
      new HttpRequest() {
        public int id() {
          return 1;
        }

        public String uri() {
          return "/healthz";
        }

        public String absoluteURI() {
          return "http://127.0.0.1:8000/healthz";
        }

        public HttpMethod method() {
          return HttpMethod.GET;
        }

        public MultiMap headers() {
          return MultiMap.caseInsensitiveMultiMap();
        }

        public SocketAddress remoteAddress() {
          return REMOTE;
        }
      };
  private static final HttpResponse OK =
      new HttpResponse() {
        public int statusCode() {
          return 200;
        }

        public MultiMap headers() {
          return MultiMap.caseInsensitiveMultiMap();
        }
      };

  private final Metrics metrics = new Metrics();
  private final Vertx vertx = metrics.vertx(new VertxOptions());

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @SuppressWarnings("unchecked")
  private HttpServerMetrics<Object, Object, Object> serverMetrics() {
    return (HttpServerMetrics<Object, Object, Object>)
        ((VertxInternal) vertx).metrics().createHttpServerMetrics(new HttpServerOptions(), LOCAL);
  }

  @Test
  void micrometerAloneThrowsWhenARequestCameOnAConnectionWithoutSocketMetric() {
    // The reason the guard exists: if this stops throwing, Vert.x fixed it and the guard can go.
    var micrometer =
        new MicrometerMetricsFactory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .metrics(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)));
    @SuppressWarnings("unchecked")
    var server =
        (HttpServerMetrics<Object, Object, Object>)
            micrometer.createHttpServerMetrics(new HttpServerOptions(), LOCAL);
    assertThatThrownBy(() -> server.requestBegin(null, GET_HEALTHZ))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aRequestOnAConnectionWithoutSocketMetricGoesThroughUncounted() {
    HttpServerMetrics<Object, Object, Object> server = serverMetrics();
    server.bytesRead(null, REMOTE, 120);
    Object request = server.requestBegin(null, GET_HEALTHZ);
    assertThat(request).isNull();
    server.requestEnd(request, GET_HEALTHZ, 0);
    server.requestRouted(request, "/healthz");
    server.responseBegin(request, OK);
    server.responseEnd(request, OK, 15);
    server.bytesWritten(null, REMOTE, 80);
    server.disconnected(null, REMOTE);
    assertThat(metrics.scrape()).doesNotContain("vertx_http_server_requests_total{");
  }

  @Test
  void aRequestOnAMeasuredConnectionIsCountedByRouteAndCode() {
    HttpServerMetrics<Object, Object, Object> server = serverMetrics();
    Object socket = server.connected(REMOTE, "127.0.0.1");
    Object request = server.requestBegin(socket, GET_HEALTHZ);
    server.requestEnd(request, GET_HEALTHZ, 0);
    server.requestRouted(request, "/healthz");
    server.responseBegin(request, OK);
    server.responseEnd(request, OK, 15);
    server.disconnected(socket, REMOTE);
    assertThat(metrics.scrape())
        .containsPattern(
            "vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*route=\"/healthz\"[^}]*\\} 1\\.0");
  }
}
