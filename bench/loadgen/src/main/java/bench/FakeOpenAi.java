package bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * An OpenAI-compatible chat completions server for scenario 4: every {@code POST
 * /v1/chat/completions} streams DELTAS content deltas, one every INTERVAL_MS (50 at 20 per second
 * by default), then finish_reason, usage and {@code [DONE]}, in OpenAI's wire format. Each delta's
 * text is {@code "<seq>@<epoch microseconds when written> "}, so the client can check order and
 * completeness and time what the service adds to each delta (both processes share the wall clock).
 * Deltas are scheduled from the stream's start (no drift), each written as its own chunk. A request
 * whose text holds {@code deltas=N} gets N deltas instead (the cost runs compare two lengths).
 */
public final class FakeOpenAi extends VerticleBase {
  static final int DELTAS = Integer.parseInt(env("DELTAS", "50"));
  static final long INTERVAL_MS = Long.parseLong(env("INTERVAL_MS", "50"));
  private final int port;

  FakeOpenAi(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(env("PORT", "8095"));
    int loops = Integer.parseInt(env("EVENT_LOOPS", "2"));
    Vertx vertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(false));
    vertx
        .deployVerticle(() -> new FakeOpenAi(port), new DeploymentOptions().setInstances(loops))
        .onSuccess(
            id ->
                System.out.println(
                    "fake OpenAI serves on port "
                        + port
                        + ": "
                        + DELTAS
                        + " deltas every "
                        + INTERVAL_MS
                        + " ms"))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setIdleTimeout(0))
        .requestHandler(this::handle)
        .listen(port);
  }

  private void handle(HttpServerRequest req) {
    if (!req.path().endsWith("/chat/completions")) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.body()
        .onSuccess(
            body -> {
              HttpServerResponse res =
                  req.response()
                      .setChunked(true)
                      .putHeader("Content-Type", "text/event-stream")
                      .putHeader("Cache-Control", "no-cache");
              res.writeHead();
              long start = System.nanoTime();
              send(res, 0, start, deltas(body.toString()));
            });
  }

  /** {@code deltas=N} anywhere in the request (the question's text), else DELTAS. */
  static int deltas(String body) {
    int at = body.lastIndexOf("deltas=");
    if (at < 0) {
      return DELTAS;
    }
    int end = at + 7;
    while (end < body.length() && Character.isDigit(body.charAt(end))) {
      end++;
    }
    return end > at + 7 ? Integer.parseInt(body.substring(at + 7, end)) : DELTAS;
  }

  private void send(HttpServerResponse res, int seq, long start, int deltas) {
    if (res.closed()) {
      return;
    }
    if (seq == deltas) {
      res.end(
          chunk(
                  "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":"
                      + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}")
              + chunk(
                  "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[],"
                      + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":"
                      + deltas
                      + ",\"total_tokens\":"
                      + (10 + deltas)
                      + "}}")
              + "data: [DONE]\n\n");
      return;
    }
    res.write(
        chunk(
            "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":"
                + "[{\"index\":0,\"delta\":{"
                + (seq == 0 ? "\"role\":\"assistant\"," : "")
                + "\"content\":\""
                + seq
                + "@"
                + StreamLoad.nowMicros()
                + " \"},\"finish_reason\":null}]}"));
    long due = start + (seq + 1) * INTERVAL_MS * 1_000_000L;
    long delayMs = Math.max(1, (due - System.nanoTime()) / 1_000_000L);
    vertx.setTimer(delayMs, t -> send(res, seq + 1, start, deltas));
  }

  private static String chunk(String json) {
    return "data: " + json + "\n\n";
  }

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
