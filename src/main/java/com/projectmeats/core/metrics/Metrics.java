package com.projectmeats.core.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the operator scrapes at /metrics (Prometheus text): Vert.x's own meters for HTTP server
 * requests by route and status with latency histograms, HTTP client calls (the AI upstream), the
 * database pool's use and wait time, plus event-loop delay and open event streams. Traefik's public
 * router does not expose it.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry;
  private final AtomicInteger openStreams = new AtomicInteger();

  public Metrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                // Latency histograms (le buckets) for request and pool timings, so p50/p99 can be
                // computed across replicas.
                if (id.getType() == Meter.Type.TIMER
                    && (id.getName().startsWith("vertx.http")
                        || id.getName().startsWith("vertx.pool")
                        || id.getName().startsWith("projectmeats"))) {
                  return DistributionStatisticConfig.builder()
                      .percentilesHistogram(true)
                      .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                      .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                      .build()
                      .merge(config);
                }
                return config;
              }
            });
    registry.gauge("projectmeats.event.streams.open", openStreams);
  }

  /**
   * Vert.x built with these metrics; labels keep route templates, not raw paths, so cardinality
   * stays bounded.
   */
  public Vertx vertx(VertxOptions options) {
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            // No REMOTE label: on the server side it would be every client's address and port.
            .setLabels(
                EnumSet.of(
                    Label.HTTP_METHOD,
                    Label.HTTP_CODE,
                    Label.HTTP_ROUTE,
                    Label.POOL_TYPE,
                    Label.POOL_NAME))
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder()
        .with(options.setMetricsOptions(metrics))
        .withMetrics(new GuardedMetricsFactory(new MicrometerMetricsFactory(registry)))
        .build();
  }

  /** The Prometheus text /metrics serves. */
  String scrape() {
    return registry.scrape();
  }

  public void mount(Router root) {
    root.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }

  /**
   * Event-loop delay: each loop runs a timer every 100 ms and records how late it fired. A loop
   * blocked by slow work shows up here before users notice.
   */
  public void watchEventLoops(Vertx vertx, int loops) {
    Timer delay =
        Timer.builder("projectmeats.event.loop.delay")
            .description("How late a 100 ms timer fires on an event loop")
            .register(registry);
    // One probe per event loop: Vert.x gives each instance of a deployment its own loop.
    vertx.deployVerticle(
        () -> new LoopProbe(delay), new io.vertx.core.DeploymentOptions().setInstances(loops));
  }

  private static final class LoopProbe extends io.vertx.core.VerticleBase {
    private static final long PERIOD_NANOS = 100_000_000L;
    private final Timer delay;

    LoopProbe(Timer delay) {
      this.delay = delay;
    }

    @Override
    public io.vertx.core.Future<?> start() {
      long[] due = {System.nanoTime() + PERIOD_NANOS};
      vertx.setPeriodic(
          100,
          id -> {
            long now = System.nanoTime();
            delay.record(Math.max(0, now - due[0]), java.util.concurrent.TimeUnit.NANOSECONDS);
            due[0] = now + PERIOD_NANOS;
          });
      return io.vertx.core.Future.succeededFuture();
    }
  }

  /**
   * Counts each response that turns out to be a server-sent event stream, for as long as it is
   * open.
   */
  public io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> streamCounter() {
    return ctx -> {
      ctx.addHeadersEndHandler(
          v -> {
            String type = ctx.response().headers().get("Content-Type");
            if (type != null && type.startsWith("text/event-stream")) {
              openStreams.incrementAndGet();
              ctx.addEndHandler(done -> openStreams.decrementAndGet());
            }
          });
      ctx.next();
    };
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
