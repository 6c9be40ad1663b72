package com.projectmeats.hardening.faults;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers that create suppliers as fast as the service lets them, each request bounded by a
 * timeout, keeping every outcome: which creates were acknowledged (and must therefore survive
 * anything), and which answers were wrong, slow or missing.
 */
final class Load implements AutoCloseable {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  record Outcome(
      long startedNanos, long millis, int status, String name, String body, String failure) {}

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads;
  final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sequence = new AtomicInteger();

  Load(int port, String token, int writers) {
    this.threads =
        java.util.stream.IntStream.range(0, writers)
            .mapToObj(
                w ->
                    Thread.ofPlatform()
                        .name("writer-" + w)
                        .start(
                            () -> {
                              while (running.get()) {
                                String name = "load-" + w + "-" + sequence.incrementAndGet();
                                long t0 = System.nanoTime();
                                try {
                                  HttpResponse<String> r =
                                      client.send(
                                          HttpRequest.newBuilder(
                                                  URI.create(
                                                      "http://127.0.0.1:"
                                                          + port
                                                          + "/api/v1/suppliers"))
                                              .timeout(REQUEST_TIMEOUT)
                                              .header("Authorization", "Bearer " + token)
                                              .header("Content-Type", "application/json")
                                              .POST(
                                                  HttpRequest.BodyPublishers.ofString(
                                                      new JsonObject().put("name", name).encode()))
                                              .build(),
                                          HttpResponse.BodyHandlers.ofString());
                                  outcomes.add(
                                      new Outcome(
                                          t0,
                                          (System.nanoTime() - t0) / 1_000_000,
                                          r.statusCode(),
                                          name,
                                          r.statusCode() == 201 ? "" : r.body(),
                                          r.statusCode() == 201 || isProblem503(r)
                                              ? null
                                              : "unexpected " + r.statusCode() + " " + r.body()));
                                  if (r.statusCode() != 201) {
                                    Thread.sleep(50); // a client backs off a little on 503
                                  }
                                } catch (java.net.http.HttpTimeoutException e) {
                                  outcomes.add(
                                      new Outcome(
                                          t0,
                                          (System.nanoTime() - t0) / 1_000_000,
                                          0,
                                          name,
                                          "",
                                          "hung past " + REQUEST_TIMEOUT.toSeconds() + " s"));
                                } catch (InterruptedException e) {
                                  return;
                                } catch (Exception e) {
                                  outcomes.add(
                                      new Outcome(
                                          t0,
                                          (System.nanoTime() - t0) / 1_000_000,
                                          -1,
                                          name,
                                          "",
                                          e.toString()));
                                  try {
                                    Thread.sleep(50);
                                  } catch (InterruptedException stop) {
                                    return;
                                  }
                                }
                              }
                            }))
            .toList();
  }

  private static boolean isProblem503(HttpResponse<String> r) {
    return r.statusCode() == 503
        && r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
        && r.headers().firstValue("Retry-After").isPresent();
  }

  List<Outcome> acknowledged() {
    return outcomes.stream().filter(o -> o.status() == 201).toList();
  }

  List<Outcome> wrong() {
    return outcomes.stream().filter(o -> o.failure() != null).toList();
  }

  long countSince(long nanos, int status) {
    return outcomes.stream().filter(o -> o.startedNanos() >= nanos && o.status() == status).count();
  }

  long slowestMillis() {
    return outcomes.stream().mapToLong(Outcome::millis).max().orElse(0);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(REQUEST_TIMEOUT.toMillis() + 5000);
    }
  }
}
