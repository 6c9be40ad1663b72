package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.config.AppConfig.OpenAiSettings;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Answers are read on the event loop that asked: a loop never takes over a connection that another
 * loop opened (which would move every delta between the two threads), and each loop still reuses
 * its own.
 */
@ExtendWith(VertxExtension.class)
class UpstreamClientTest {
  private HttpServer upstream;
  private final Set<String> connections = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext test) {
    vertx
        .createHttpServer()
        .requestHandler(
            request ->
                request
                    .body()
                    .onSuccess(
                        body -> {
                          connections.add(request.connection().remoteAddress().toString());
                          request
                              .response()
                              .putHeader("Content-Type", "text/event-stream")
                              .end("data: [DONE]\n\n");
                        }))
        .listen(0, "127.0.0.1")
        .onComplete(
            test.succeeding(
                server -> {
                  upstream = server;
                  test.completeNow();
                }));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void eachEventLoopReadsOnConnectionsItOpened(Vertx vertx, VertxTestContext test) {
    UpstreamClient client = new UpstreamClient(vertx, settings(), 2);
    // Two instances of a deployment, like the HTTP servers: each runs on an event loop of its own.
    List<Context> loops = new CopyOnWriteArrayList<>();
    vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    loops.add(context);
                    return Future.succeededFuture();
                  }
                },
            new DeploymentOptions().setInstances(2))
        .compose(deployed -> Future.all(threadOf(loops.get(0)), threadOf(loops.get(1))))
        .compose(
            threads -> {
              test.verify(
                  () ->
                      assertThat(threads.<Thread>resultAt(0))
                          .isNotEqualTo(threads.<Thread>resultAt(1)));
              return answer(client, loops.get(0), loops)
                  .compose(v -> answer(client, loops.get(1), loops));
            })
        .compose(
            v -> {
              test.verify(
                  () ->
                      assertThat(connections)
                          .as("the second loop opened its own connection")
                          .hasSize(2));
              return answer(client, loops.get(0), loops)
                  .compose(w -> answer(client, loops.get(1), loops));
            })
        .onComplete(
            test.succeeding(
                v ->
                    test.verify(
                        () -> {
                          assertThat(connections).as("each loop reused its own").hasSize(2);
                          test.completeNow();
                        })));
  }

  /**
   * Asks on {@code context} and reads the answer to its end, then lets every loop finish what it
   * was doing, so the connection is back in its pool (it is released on the loop that owns it).
   */
  private static Future<Void> answer(UpstreamClient client, Context context, List<Context> loops) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v ->
            client
                .open(new JsonObject().put("model", "m").put("stream", true))
                .opened()
                .compose(
                    opened -> {
                      Promise<Void> ended = Promise.promise();
                      opened
                          .response()
                          .endHandler(ended::tryComplete)
                          .exceptionHandler(ended::tryFail);
                      opened.response().resume();
                      return ended.future();
                    })
                .onComplete(done));
    return done.future()
        .compose(v -> Future.all(loops.stream().map(UpstreamClientTest::threadOf).toList()))
        .mapEmpty();
  }

  private static Future<Thread> threadOf(Context context) {
    Promise<Thread> thread = Promise.promise();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.future();
  }

  private OpenAiSettings settings() {
    return new OpenAiSettings(
        "sk-test",
        "http://127.0.0.1:" + upstream.actualPort() + "/v1",
        "m",
        List.of("m"),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        100,
        10_000,
        8);
  }
}
