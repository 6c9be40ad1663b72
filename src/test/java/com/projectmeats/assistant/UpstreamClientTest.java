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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers are read on the event loop that asked: a loop never takes over a connection that another
 * loop opened (which would move every delta between the two threads), and each loop still reuses
 * its own.
 */
class UpstreamClientTest {
  private Vertx vertx;
  private HttpServer upstream;
  private final Set<String> connections = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    upstream =
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
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachEventLoopReadsOnConnectionsItOpened() throws Exception {
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
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    Context first = loops.get(0);
    Context second = loops.get(1);
    assertThat(threadOf(first)).isNotEqualTo(threadOf(second));

    answer(client, first, loops);
    answer(client, second, loops);
    assertThat(connections).as("the second loop opened its own connection").hasSize(2);

    answer(client, first, loops);
    answer(client, second, loops);
    assertThat(connections).as("each loop reused its own").hasSize(2);
  }

  /**
   * Asks on {@code context} and reads the answer to its end, then lets every loop finish what it
   * was doing, so the connection is back in its pool (it is released on the loop that owns it).
   */
  private static void answer(UpstreamClient client, Context context, List<Context> loops)
      throws Exception {
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
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (Context loop : loops) {
      threadOf(loop);
    }
  }

  private static Thread threadOf(Context context) throws Exception {
    Promise<Thread> thread = Promise.promise();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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
