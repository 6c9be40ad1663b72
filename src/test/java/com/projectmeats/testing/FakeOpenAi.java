package com.projectmeats.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat completions server on loopback, speaking the real wire format ({@code
 * data: {json}\n\n} chunks, {@code data: [DONE]}), scripted per test: each request plays the next
 * queued {@link Script} (chunk boundaries, delays, status codes, headers, tool calls, garbage,
 * streams that never end or stall). Every request is recorded with its body, when it arrived and
 * when its connection closed.
 */
public final class FakeOpenAi implements AutoCloseable {
  public static final String KEY = "sk-test-fake-key";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final ConcurrentLinkedDeque<Script> scripts = new ConcurrentLinkedDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** One request as the fake saw it. */
  public record Received(
      JsonObject body,
      MultiMap headers,
      long arrivedNanos,
      CompletableFuture<Long> closedNanos,
      AtomicLong bytesWritten,
      AtomicBoolean blocked,
      AtomicBoolean finished) {}

  /** What the fake does with one request. */
  @FunctionalInterface
  public interface Script {
    void play(Vertx vertx, HttpServerResponse response, Received request);
  }

  public FakeOpenAi() {
    // A small send buffer, so a service that stops reading makes the fake's writes back up soon.
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(0)
                    .setSendBufferSize(16 * 1024))
            .requestHandler(this::handle);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  public FakeOpenAi enqueue(Script... next) {
    scripts.addAll(Arrays.asList(next));
    return this;
  }

  public void reset() {
    scripts.clear();
    received.clear();
  }

  public List<Received> requests() {
    return received;
  }

  public Received request(int index) {
    return received.get(index);
  }

  /** Waits until {@code n} requests have arrived. */
  public Received awaitRequest(int n, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (received.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the fake got " + received.size() + " requests, expected " + n);
      }
      sleep(5);
    }
    return received.get(n - 1);
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              Received r =
                  new Received(
                      body.length() == 0 ? new JsonObject() : body.toJsonObject(),
                      request.headers(),
                      System.nanoTime(),
                      new CompletableFuture<>(),
                      new AtomicLong(),
                      new AtomicBoolean(),
                      new AtomicBoolean());
              received.add(r);
              request.connection().closeHandler(v -> r.closedNanos().complete(System.nanoTime()));
              HttpServerResponse response = request.response();
              if (!("Bearer " + KEY).equals(request.getHeader("Authorization"))
                  || !request.path().equals("/v1/chat/completions")) {
                response
                    .setStatusCode(401)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"message\":\"Incorrect API key provided\"}}");
                return;
              }
              Script script = scripts.poll();
              (script == null ? text("Hello from the fake.") : script).play(vertx, response, r);
            });
  }

  // ---- scripts -------------------------------------------------------------------------------

  /**
   * A complete streamed answer with these deltas, usage 10/5 and [DONE], each chunk its own write.
   */
  public static Script text(String... deltas) {
    List<Step> steps = new ArrayList<>();
    for (String d : deltas) {
      steps.add(Step.send(chunk(delta(d))));
    }
    steps.add(Step.send(chunk(finish("stop"))));
    steps.add(Step.send(chunk(usage(10, 5))));
    steps.add(Step.send("data: [DONE]\n\n"));
    return stream(steps);
  }

  /** Plays steps in order: sends, pauses, or hangs (never ends). */
  public static Script stream(List<Step> steps) {
    return (vertx, response, request) -> {
      response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8");
      response.writeHead(); // as OpenAI does: the head at once, the tokens as they come
      play(vertx, response, request, steps, 0);
    };
  }

  public static Script stream(Step... steps) {
    return stream(List.of(steps));
  }

  private static void play(
      Vertx vertx, HttpServerResponse response, Received request, List<Step> steps, int i) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (i == steps.size()) {
      request.finished().set(true);
      response.end();
      return;
    }
    Step step = steps.get(i);
    if (step.hangs()) {
      return;
    }
    if (step.delayMs() > 0) {
      vertx.setTimer(
          step.delayMs(),
          t -> {
            if (step.bytes() != null) {
              write(response, request, step.bytes());
            }
            play(vertx, response, request, steps, i + 1);
          });
      return;
    }
    if (step.bytes() != null) {
      write(response, request, step.bytes());
    }
    play(vertx, response, request, steps, i + 1);
  }

  private static void write(HttpServerResponse response, Received request, byte[] bytes) {
    request.bytesWritten().addAndGet(bytes.length);
    response.write(Buffer.buffer(bytes));
  }

  /** One scripted step: bytes to write after a delay, or a hang. */
  public record Step(byte[] bytes, long delayMs, boolean hangs) {
    public static Step send(String text) {
      return new Step(text.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    public static Step send(byte[] bytes) {
      return new Step(bytes, 0, false);
    }

    public static Step after(long ms, String text) {
      return new Step(text.getBytes(StandardCharsets.UTF_8), ms, false);
    }

    public static Step after(long ms, byte[] bytes) {
      return new Step(bytes, ms, false);
    }

    public static Step pause(long ms) {
      return new Step(null, ms, false);
    }

    public static Step hang() {
      return new Step(null, 0, true);
    }
  }

  /**
   * The bytes of {@code text} written in pieces cut at {@code cuts}, {@code gapMs} apart (so each
   * arrives on its own).
   */
  public static List<Step> cut(byte[] bytes, int[] cuts, long gapMs) {
    List<Step> steps = new ArrayList<>();
    int from = 0;
    for (int at : cuts) {
      steps.add(new Step(Arrays.copyOfRange(bytes, from, at), steps.isEmpty() ? 0 : gapMs, false));
      from = at;
    }
    steps.add(
        new Step(
            Arrays.copyOfRange(bytes, from, bytes.length), steps.isEmpty() ? 0 : gapMs, false));
    return steps;
  }

  /** Answers a plain HTTP error (with headers such as Retry-After). */
  public static Script status(int status, String body, String... headers) {
    return (vertx, response, request) -> {
      for (int i = 0; i + 1 < headers.length; i += 2) {
        response.putHeader(headers[i], headers[i + 1]);
      }
      response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
      request.finished().set(true);
    };
  }

  /** Never sends the response head. */
  public static Script silent() {
    return (vertx, response, request) -> {};
  }

  /** A delta every {@code everyMs} for ever ("w0 w1 w2 …"), until the connection closes. */
  public static Script endless(long everyMs) {
    return (vertx, response, request) -> {
      response.setChunked(true).putHeader("Content-Type", "text/event-stream");
      long[] n = {0};
      vertx.setPeriodic(
          everyMs,
          id -> {
            if (response.closed() || response.ended()) {
              vertx.cancelTimer(id);
              return;
            }
            write(
                response,
                request,
                chunk(delta("w" + n[0]++ + " ")).getBytes(StandardCharsets.UTF_8));
          });
    };
  }

  /**
   * Writes deltas of {@code deltaSize} characters as fast as the receiver takes them, up to {@code
   * totalBytes}, then finishes. Marks {@code blocked} while its write queue is full.
   */
  public static Script flood(int deltaSize, long totalBytes) {
    return (vertx, response, request) -> {
      response.setChunked(true).putHeader("Content-Type", "text/event-stream");
      response.setWriteQueueMaxSize(16 * 1024);
      String piece = "x".repeat(deltaSize - 1);
      byte[][] seq = new byte[10][];
      for (int i = 0; i < 10; i++) {
        seq[i] = chunk(delta(i + piece)).getBytes(StandardCharsets.UTF_8);
      }
      Runnable[] pump = new Runnable[1];
      long[] n = {0};
      pump[0] =
          () -> {
            while (!response.closed() && request.bytesWritten().get() < totalBytes) {
              if (response.writeQueueFull()) {
                request.blocked().set(true);
                response.drainHandler(v -> vertx.runOnContext(x -> pump[0].run()));
                return;
              }
              write(response, request, seq[(int) (n[0]++ % 10)]);
            }
            if (!response.closed()) {
              request.finished().set(true);
              response.write(chunk(finish("stop")) + chunk(usage(1, 2)) + "data: [DONE]\n\n");
              response.end();
            }
          };
      pump[0].run();
    };
  }

  // ---- wire format ---------------------------------------------------------------------------

  public static String chunk(JsonObject json) {
    return "data: " + json.encode() + "\n\n";
  }

  public static JsonObject delta(String content) {
    return completion(new JsonObject().put("content", content), null);
  }

  public static JsonObject finish(String reason) {
    return completion(new JsonObject(), reason);
  }

  /** The usage-only last chunk that {@code stream_options.include_usage} asks for. */
  public static JsonObject usage(long prompt, long completion) {
    return new JsonObject()
        .put("id", "chatcmpl-fake")
        .put("object", "chat.completion.chunk")
        .put("choices", new JsonArray())
        .put(
            "usage",
            new JsonObject()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion));
  }

  /**
   * A tool call fragment: the first carries id and name, the later ones pieces of the arguments.
   */
  public static JsonObject toolFragment(int index, String id, String name, String arguments) {
    JsonObject function = new JsonObject();
    if (name != null) {
      function.put("name", name);
    }
    function.put("arguments", arguments);
    JsonObject call = new JsonObject().put("index", index).put("function", function);
    if (id != null) {
      call.put("id", id).put("type", "function");
    }
    return completion(new JsonObject().put("tool_calls", new JsonArray().add(call)), null);
  }

  private static JsonObject completion(JsonObject delta, String finishReason) {
    return new JsonObject()
        .put("id", "chatcmpl-fake")
        .put("object", "chat.completion.chunk")
        .put("created", 1_700_000_000)
        .put("model", "gpt-test")
        .put(
            "choices",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("index", 0)
                        .put("delta", delta)
                        .put("finish_reason", finishReason)));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the next test gets its own fake
    }
  }
}
