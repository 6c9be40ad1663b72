package bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4's client: opens STREAMS chat streams, their starts spread evenly over RAMP_MS, either
 * through the service ({@code mode=service}: {@code POST /api/v1/assistant/sessions/{id}/messages}
 * with {@code Accept: text/event-stream}, one session per stream) or straight to the test server
 * ({@code mode=direct}: {@code POST /v1/chat/completions}). For every stream it checks that each
 * delta {@link FakeOpenAi} sent arrives once and in order and that the stream ends properly, and it
 * times the first delta (from sending the request) and every delta (from the test server's write,
 * on the shared wall clock). Prints one line {@code BENCH_JSON {...}}. Bounded: gives up after
 * RAMP_MS + DEADLINE_MS.
 *
 * <p>Usage: {@code java -jar bench-loadgen.jar mode=service url=http://127.0.0.1:8000 tokens=FILE
 * streams=500 ramp_ms=2500 sessions=/tmp/sessions.txt}
 */
public final class StreamLoad {
  private final Vertx vertx;
  private final HttpClient http;
  private final Args args;
  private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

  record Args(
      String mode,
      String url,
      List<String> tokens,
      int streams,
      long rampMs,
      long deadlineMs,
      int deltas,
      int warmup,
      Path sessions) {
    static Args parse(String[] argv) {
      java.util.Map<String, String> m = new java.util.HashMap<>();
      for (String a : argv) {
        int eq = a.indexOf('=');
        if (eq > 0) {
          m.put(a.substring(0, eq), a.substring(eq + 1));
        }
      }
      List<String> tokens = new ArrayList<>();
      try {
        if (m.containsKey("tokens")) {
          Files.readAllLines(Path.of(m.get("tokens"))).stream()
              .filter(t -> !t.isBlank())
              .forEach(tokens::add);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (tokens.isEmpty()) {
        tokens.add(m.getOrDefault("token", ""));
      }
      return new Args(
          m.getOrDefault("mode", "service"),
          m.getOrDefault("url", "http://127.0.0.1:8000"),
          List.copyOf(tokens),
          Integer.parseInt(m.getOrDefault("streams", "100")),
          Long.parseLong(m.getOrDefault("ramp_ms", "2500")),
          Long.parseLong(m.getOrDefault("deadline_ms", "60000")),
          Integer.parseInt(m.getOrDefault("deltas", "50")),
          Integer.parseInt(m.getOrDefault("warmup", "50")),
          m.containsKey("sessions") ? Path.of(m.get("sessions")) : null);
    }
  }

  StreamLoad(Args args) {
    this.args = args;
    this.vertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(false));
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setIdleTimeout(120)
                .setConnectTimeout(30_000),
            new PoolOptions()
                .setHttp1MaxSize(args.streams() + 64)
                .setMaxWaitQueueSize(-1)
                .setEventLoopSize(2));
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    StreamLoad load = new StreamLoad(args);
    try {
      System.out.println("BENCH_JSON " + load.run().encode());
    } finally {
      load.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  JsonObject run() throws Exception {
    List<Session> sessionIds = args.mode().equals("service") ? sessions() : List.of();
    // A cold client (class loading, JIT, first connections) would time itself, not the service.
    if (args.warmup() > 0) {
      new Round(Math.min(args.warmup(), args.streams()), 500).run(sessionIds);
    }
    return new Round(args.streams(), args.rampMs()).run(sessionIds);
  }

  /** One batch of streams and what was measured of them. */
  private final class Round {
    final int streams;
    final long rampMs;
    final long[] ttfbNanos;
    final long[] delays;
    final AtomicInteger delayCount = new AtomicInteger();
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    final AtomicInteger outOfOrder = new AtomicInteger();
    final AtomicLong deltas = new AtomicLong();
    final CountDownLatch finished;

    Round(int streams, long rampMs) {
      this.streams = streams;
      this.rampMs = rampMs;
      this.ttfbNanos = new long[streams];
      Arrays.fill(ttfbNanos, -1);
      this.delays = new long[streams * args.deltas()];
      this.finished = new CountDownLatch(streams);
    }

    JsonObject run(List<Session> sessionIds) throws Exception {
      long begin = System.nanoTime();
      for (int i = 0; i < streams; i++) {
        int n = i;
        long at = rampMs * i / streams;
        Runnable go = () -> stream(n, sessionIds.isEmpty() ? new Session(0, 0) : sessionIds.get(n));
        if (at == 0) {
          vertx.runOnContext(v -> go.run());
        } else {
          vertx.setTimer(at, t -> go.run());
        }
      }
      boolean all = finished.await(rampMs + args.deadlineMs(), TimeUnit.MILLISECONDS);
      double seconds = (System.nanoTime() - begin) / 1e9;
      long[] ttfb = Arrays.stream(ttfbNanos).filter(t -> t >= 0).sorted().toArray();
      // TTFB p50 of each fifth of the streams, in the order they started: one that grows fifth by
      // fifth is a queue (streams arrive faster than they are served), one high only at the start
      // is a cold service.
      JsonArray byStart = new JsonArray();
      for (int f = 0; f < 5; f++) {
        long[] part =
            Arrays.stream(ttfbNanos, streams * f / 5, streams * (f + 1) / 5)
                .filter(t -> t >= 0)
                .sorted()
                .toArray();
        byStart.add(ms(pct(part, 50)));
      }
      long[] d = Arrays.copyOf(delays, Math.min(delayCount.get(), delays.length));
      Arrays.sort(d);
      return new JsonObject()
          .put("mode", args.mode())
          .put("streams", streams)
          .put("ok", ok.get())
          .put("failed", failed.get() + (all ? 0 : (int) finished.getCount()))
          .put("unfinished", all ? 0 : finished.getCount())
          .put("max_open", maxOpen.get())
          .put("deltas", deltas.get())
          .put("deltas_expected", (long) streams * args.deltas())
          .put("out_of_order", outOfOrder.get())
          .put("seconds", round(seconds))
          .put("ttfb_p50", ms(pct(ttfb, 50)))
          .put("ttfb_p99", ms(pct(ttfb, 99)))
          .put("ttfb_max", ms(pct(ttfb, 100)))
          .put("ttfb_p50_by_fifth", byStart)
          .put("starts_per_s", round(rampMs == 0 ? 0 : streams * 1000.0 / rampMs))
          .put("delay_p50", us(pct(d, 50)))
          .put("delay_p99", us(pct(d, 99)))
          .put("delay_max", us(pct(d, 100)))
          .put("failures", new JsonArray(failures.stream().limit(5).toList()));
    }

    private void stream(int n, Session session) {
      boolean service = args.mode().equals("service");
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(
                  service
                      ? args.url() + "/api/v1/assistant/sessions/" + session.id() + "/messages"
                      : args.url() + "/v1/chat/completions")
              .putHeader("Content-Type", "application/json")
              .putHeader("Accept", "text/event-stream")
              .putHeader("Authorization", "Bearer " + args.tokens().get(session.token()));
      // FakeOpenAi answers a question that names another length (deltas=N) with that many deltas.
      String question =
          "What did we buy from Cactus Packing last week?"
              + (args.deltas() == 50 ? "" : " deltas=" + args.deltas());
      String body =
          service
              ? "{\"content\":\"" + question + "\"}"
              : "{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":"
                  + "[{\"role\":\"user\",\"content\":\""
                  + question
                  + "\"}]}";
      int now = open.incrementAndGet();
      maxOpen.accumulateAndGet(now, Math::max);
      long sent = System.nanoTime();
      Stream s = new Stream(n, sent, service);
      http.request(options)
          .compose(req -> req.send(body))
          .compose(
              res -> {
                if (res.statusCode() != 200) {
                  return res.body()
                      .compose(
                          b ->
                              Future.failedFuture(
                                  "status "
                                      + res.statusCode()
                                      + ": "
                                      + b.toString().substring(0, Math.min(200, b.length()))));
                }
                Promise<Void> ended = Promise.promise();
                res.handler(s::feed);
                res.exceptionHandler(ended::tryFail);
                res.endHandler(v -> ended.tryComplete());
                return ended.future();
              })
          .onComplete(
              ar -> {
                open.decrementAndGet();
                String problem =
                    ar.failed() ? String.valueOf(ar.cause().getMessage()) : s.problem();
                if (problem == null) {
                  ok.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                  if (failures.size() < 20) {
                    failures.add("stream " + n + ": " + problem);
                  }
                }
                finished.countDown();
              });
    }

    /**
     * One stream's parser and checks. Events are separated by a blank line; deltas carry
     * "seq@micros " tokens.
     */
    private final class Stream {
      final int n;
      final long sent;
      final boolean service;
      final StringBuilder pending = new StringBuilder();
      int expected;
      boolean ended;
      String error;

      Stream(int n, long sent, boolean service) {
        this.n = n;
        this.sent = sent;
        this.service = service;
      }

      void feed(Buffer buffer) {
        long arrivedMicros = nowMicros();
        long arrivedNanos = System.nanoTime();
        pending.append(buffer.toString(StandardCharsets.UTF_8));
        int cut;
        while ((cut = pending.indexOf("\n\n")) >= 0) {
          String event = pending.substring(0, cut).replace("\r", "");
          pending.delete(0, cut + 2);
          handle(event, arrivedMicros, arrivedNanos);
        }
      }

      void handle(String event, long arrivedMicros, long arrivedNanos) {
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (String line : event.split("\n")) {
          if (line.startsWith("event:")) {
            name = line.substring(6).trim();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).trim());
          }
        }
        if (data.isEmpty()) {
          return; // a comment (keep-alive)
        }
        String content = null;
        if (service) {
          switch (name) {
            case "delta" -> content = new JsonObject(data.toString()).getString("content");
            case "done" -> ended = true;
            case "error" -> error = data.toString();
            default -> {}
          }
        } else if (data.toString().equals("[DONE]")) {
          ended = true;
        } else {
          JsonArray choices = new JsonObject(data.toString()).getJsonArray("choices");
          if (choices != null && !choices.isEmpty()) {
            JsonObject delta = choices.getJsonObject(0).getJsonObject("delta");
            content = delta == null ? null : delta.getString("content");
          }
        }
        if (content == null || content.isEmpty()) {
          return;
        }
        if (ttfbNanos[n] < 0) {
          ttfbNanos[n] = arrivedNanos - sent;
        }
        for (String token : content.trim().split(" ")) {
          int at = token.indexOf('@');
          if (at < 0) {
            continue;
          }
          int seq = Integer.parseInt(token.substring(0, at));
          long sentMicros = Long.parseLong(token.substring(at + 1));
          if (seq != expected) {
            outOfOrder.incrementAndGet();
          }
          expected = seq + 1;
          deltas.incrementAndGet();
          int slot = delayCount.getAndIncrement();
          if (slot < delays.length) {
            delays[slot] = arrivedMicros - sentMicros;
          }
        }
      }

      String problem() {
        if (error != null) {
          return "error event " + error;
        }
        if (!ended) {
          return "ended without done after " + expected + " deltas";
        }
        return expected == args.deltas()
            ? null
            : "got " + expected + " of " + args.deltas() + " deltas";
      }
    }
  }

  /** A session and the index of the token (user) that owns it. */
  record Session(long id, int token) {}

  /**
   * One session per stream (an answer at a time per session), owned round-robin by the users of the
   * tokens, kept in a file ("id token-index" a line) so that later levels and runs reuse them.
   */
  private List<Session> sessions() throws Exception {
    List<Session> sessions = new ArrayList<>();
    if (args.sessions() != null && Files.exists(args.sessions())) {
      for (String line : Files.readAllLines(args.sessions())) {
        String[] parts = line.trim().split(" ");
        if (parts.length == 2) {
          sessions.add(new Session(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
        }
      }
    }
    int missing = args.streams() - sessions.size();
    if (missing > 0) {
      AtomicInteger next = new AtomicInteger(sessions.size());
      int total = args.streams();
      List<Session> created = java.util.Collections.synchronizedList(new ArrayList<>());
      CountDownLatch done = new CountDownLatch(missing);
      for (int w = 0; w < Math.min(16, missing); w++) {
        vertx.runOnContext(v -> createSessions(next, total, created, done));
      }
      if (!done.await(300, TimeUnit.SECONDS) || created.size() < missing) {
        throw new IllegalStateException(
            "could create only " + created.size() + " of " + missing + " sessions: " + failures);
      }
      sessions.addAll(created);
      if (args.sessions() != null) {
        Files.write(
            args.sessions(),
            created.stream().map(c -> c.id() + " " + c.token()).toList(),
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
    }
    return sessions;
  }

  private void createSessions(
      AtomicInteger next, int total, List<Session> created, CountDownLatch done) {
    int index = next.getAndIncrement();
    if (index >= total) {
      return;
    }
    int token = index % args.tokens().size();
    http.request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(args.url() + "/api/v1/assistant/sessions")
                .putHeader("Authorization", "Bearer " + args.tokens().get(token))
                .putHeader("Content-Type", "application/json"))
        .compose(req -> req.send("{\"title\":\"bench\"}"))
        .compose(
            res ->
                res.body()
                    .map(
                        body -> {
                          if (res.statusCode() != 201) {
                            throw new IllegalStateException(
                                "create session: " + res.statusCode() + " " + body);
                          }
                          return new JsonObject(body).getLong("id");
                        }))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                created.add(new Session(ar.result(), token));
              } else if (failures.size() < 5) {
                failures.add(ar.cause().getMessage());
              }
              done.countDown();
              createSessions(next, total, created, done);
            });
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Long.MIN_VALUE;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static double ms(long nanos) {
    return nanos == Long.MIN_VALUE ? -1 : round(nanos / 1e6);
  }

  static double us(long micros) {
    return micros == Long.MIN_VALUE ? -1 : round(micros / 1e3);
  }

  static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", v));
  }
}
