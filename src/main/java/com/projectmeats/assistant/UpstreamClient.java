package com.projectmeats.assistant;

import com.projectmeats.assistant.UpstreamException.Kind;
import com.projectmeats.core.config.AppConfig.OpenAiSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens streamed chat completions on the OpenAI-compatible server. Rate limits (429) and server
 * errors (5xx, refused connections) before the stream starts are retried up to three times, waiting
 * as {@code Retry-After} asks (capped) or backing off exponentially; everything else fails at once
 * with the assistant's error code. The opened response is handed over paused.
 *
 * <p>On the core {@link HttpClient} rather than Vert.x's WebClient, which would cost three things
 * the assistant needs: WebClient hands over a response only with its body decoded (or piped to the
 * end), so the status could not decide a retry before the stream is read, and the answer could not
 * be handed over paused, to be read only as fast as the browser takes it; it gives no handle to
 * reset the request, which is how a Stop, a timeout or a vanished browser stops the model
 * generating; and the pools below, one per event loop, are what keep each answer on the loop that
 * writes it to the browser. Every call to the AI server streams (document drafts too), so no plain
 * JSON call is left for WebClient to serve either.
 */
final class UpstreamClient {
  static final int MAX_RETRIES = 3;
  static final long MAX_WAIT_MS = 10_000;
  private static final int ERROR_BODY_LIMIT = 16 * 1024;

  private final Vertx vertx;
  private final OpenAiSettings settings;
  private final HttpClientOptions clientOptions;
  private final PoolOptions poolOptions;

  /**
   * A pool per event loop. A connection reads on the event loop that opened it, and a pool hands
   * any free connection to whichever caller asks: with one pool for all, about half the answers
   * moved every delta from one event loop to the other before writing it to the browser, a
   * hand-over paid in CPU on every relayed delta. Keyed by thread, not context: every request has a
   * context of its own (a duplicate of its server's), and a pool per request would pool nothing.
   */
  private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();

  private final HttpClient offEventLoop;

  /**
   * {@code eventLoops}: how many event loops ask (the HTTP servers); they share the connection
   * limit.
   */
  UpstreamClient(Vertx vertx, OpenAiSettings settings, int eventLoops) {
    this.vertx = vertx;
    this.settings = settings;
    // Each answer holds one connection for its whole length, so the pools together are as large as
    // the answers one replica streams at once (ASSISTANT_UPSTREAM_CONNECTIONS); as many again may
    // wait for a connection (within the first-token timeout) before an answer is refused as
    // upstream_unavailable. Connections are opened only when needed and closed after 30 s idle, so
    // a large pool costs nothing at rest. A modest receive buffer keeps what a paused (slowly read)
    // answer holds in the kernel small.
    int perLoop = Math.max(1, (settings.upstreamConnections() + eventLoops - 1) / eventLoops);
    this.clientOptions =
        new HttpClientOptions()
            .setConnectTimeout(10_000)
            .setKeepAlive(true)
            .setKeepAliveTimeout(30)
            .setDecompressionSupported(false)
            .setReceiveBufferSize(64 * 1024);
    this.poolOptions = new PoolOptions().setHttp1MaxSize(perLoop).setMaxWaitQueueSize(perLoop);
    this.offEventLoop = vertx.createHttpClient(clientOptions, poolOptions);
  }

  private HttpClient client() {
    return Context.isOnEventLoopThread()
        ? perEventLoop.computeIfAbsent(
            Thread.currentThread(), t -> vertx.createHttpClient(clientOptions, poolOptions))
        : offEventLoop;
  }

  /**
   * A response whose event stream is about to start, with the request that can cut it off. Until
   * its reader takes it over, a broken connection is kept in {@code brokenEarly} (a paused response
   * still reports failures, and the answer may still be waiting for its question to be stored).
   */
  record Opened(
      HttpClientRequest request,
      HttpClientResponse response,
      long sentNanos,
      AtomicReference<Throwable> brokenEarly) {}

  Call open(JsonObject body) {
    return open(body.encode());
  }

  /** {@code body}: the request's JSON, already encoded. */
  Call open(String body) {
    Call call = new Call(Buffer.buffer(body));
    call.attempt(0);
    return call;
  }

  /**
   * One chat completion being opened; {@link #cancel()} ends it at any point, also while it waits
   * to retry.
   */
  final class Call {
    private final Buffer body;
    private final Promise<Opened> opened = Promise.promise();
    private HttpClientRequest current;
    private long retryTimer = -1;
    private boolean cancelled;

    private Call(Buffer body) {
      this.body = body;
    }

    Future<Opened> opened() {
      return opened.future();
    }

    void cancel() {
      cancelled = true;
      if (retryTimer != -1) {
        vertx.cancelTimer(retryTimer);
      }
      if (current != null) {
        current.reset();
      }
      opened.tryFail(new CancellationException("cancelled"));
    }

    private void attempt(int attempt) {
      retryTimer = -1;
      if (cancelled) {
        return;
      }
      long sent = System.nanoTime();
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(settings.baseUrl() + "/chat/completions")
              .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey())
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
              .putHeader(HttpHeaders.ACCEPT, "text/event-stream")
              .putHeader(HttpHeaders.USER_AGENT, "ProjectMeats");
      client()
          .request(options)
          .compose(
              request -> {
                current = request;
                if (cancelled) {
                  request.reset();
                  return Future.failedFuture(new CancellationException("cancelled"));
                }
                return request.send(body);
              })
          // The first token's budget starts now; the response head must at least arrive within it.
          .timeout(settings.firstTokenTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .onComplete(
              done -> {
                if (cancelled) {
                  if (done.succeeded()) {
                    current.reset();
                  }
                  return;
                }
                if (done.failed()) {
                  failed(attempt, done.cause());
                } else {
                  answered(attempt, done.result(), sent);
                }
              });
    }

    private void failed(int attempt, Throwable cause) {
      if (cause instanceof TimeoutException) {
        if (current != null) {
          current.reset();
        }
        opened.tryFail(
            new UpstreamException(
                Kind.TIMEOUT,
                "The AI service did not answer within "
                    + seconds(settings.firstTokenTimeout())
                    + "."));
        return;
      }
      retryOrFail(
          attempt,
          null,
          new UpstreamException(
              Kind.UNAVAILABLE,
              "The AI service at "
                  + settings.baseUrl()
                  + " cannot be reached ("
                  + cause.getClass().getSimpleName()
                  + ")."));
    }

    private void answered(int attempt, HttpClientResponse response, long sent) {
      response.pause();
      int status = response.statusCode();
      String type =
          String.valueOf(response.getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
      if (status == 200 && type.startsWith("text/event-stream")) {
        AtomicReference<Throwable> broken = new AtomicReference<>();
        response.exceptionHandler(broken::set);
        opened.tryComplete(new Opened(current, response, sent, broken));
        return;
      }
      HttpClientRequest request = current;
      readSome(request, response)
          .onComplete(
              read -> {
                if (cancelled) {
                  return;
                }
                String detail = errorMessage(read.result());
                if (status == 200) {
                  opened.tryFail(
                      UpstreamException.badResponse(
                          "it answered " + type + " instead of an event stream"));
                } else if (status == 401 || status == 403) {
                  opened.tryFail(
                      new UpstreamException(
                          Kind.UNAUTHORIZED,
                          "The AI service refused the configured API key (HTTP "
                              + status
                              + "); an administrator must check OPENAI_API_KEY."));
                } else if (status == 429) {
                  retryOrFail(
                      attempt,
                      response.headers(),
                      new UpstreamException(
                          Kind.RATE_LIMITED,
                          "The AI service is rate limiting this installation; try again in a moment.",
                          Math.max(
                              1,
                              TimeUnit.MILLISECONDS.toSeconds(
                                  retryDelay(response.headers(), attempt)))));
                } else if (status >= 500) {
                  retryOrFail(
                      attempt,
                      response.headers(),
                      new UpstreamException(
                          Kind.UNAVAILABLE,
                          "The AI service is failing (HTTP " + status + "); try again shortly."));
                } else {
                  opened.tryFail(
                      new UpstreamException(
                          Kind.REJECTED,
                          "The AI service refused the request (HTTP "
                              + status
                              + ")"
                              + (detail.isEmpty() ? "." : ": " + detail)));
                }
              });
    }

    private void retryOrFail(int attempt, MultiMap headers, UpstreamException failure) {
      if (attempt >= MAX_RETRIES) {
        opened.tryFail(failure);
        return;
      }
      retryTimer =
          vertx.setTimer(Math.max(1, retryDelay(headers, attempt)), t -> attempt(attempt + 1));
    }
  }

  /**
   * What the server asked for ({@code retry-after-ms}, {@code Retry-After} in seconds or as a
   * date), capped; else 0.5 s, 1 s, 2 s… with jitter.
   */
  static long retryDelay(MultiMap headers, int attempt) {
    Long asked = null;
    if (headers != null) {
      asked = parseLong(headers.get("retry-after-ms"));
      String retryAfter = headers.get("Retry-After");
      if (asked == null && retryAfter != null) {
        Long seconds = parseLong(retryAfter);
        if (seconds != null) {
          asked = seconds * 1000;
        } else {
          try {
            asked =
                Duration.between(
                        Instant.now(),
                        ZonedDateTime.parse(
                            retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME))
                    .toMillis();
          } catch (RuntimeException ignored) {
            // an unreadable Retry-After is as good as none
          }
        }
      }
    }
    long delay =
        asked != null
            ? Math.max(0, asked)
            : (500L << attempt) + ThreadLocalRandom.current().nextLong(250);
    return Math.min(delay, MAX_WAIT_MS);
  }

  private static Long parseLong(String value) {
    if (value == null) {
      return null;
    }
    try {
      return (long) Math.ceil(Double.parseDouble(value.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An error body, read up to a limit (a server that sends megabytes of HTML gets cut off). */
  private static Future<String> readSome(HttpClientRequest request, HttpClientResponse response) {
    Promise<String> read = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          if (body.length() + chunk.length() > ERROR_BODY_LIMIT) {
            request.reset();
            read.tryComplete(body.toString());
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.exceptionHandler(e -> read.tryComplete(body.toString()));
    response.endHandler(v -> read.tryComplete(body.toString()));
    response.resume();
    return read.future()
        .timeout(5, TimeUnit.SECONDS)
        .recover(
            e -> {
              request.reset();
              return Future.succeededFuture(body.toString());
            });
  }

  /**
   * OpenAI-style {@code {"error":{"message":…}}}, else nothing: other bodies may be pages of HTML.
   */
  static String errorMessage(String body) {
    try {
      JsonObject json = new JsonObject(body);
      Object error = json.getValue("error");
      String message =
          error instanceof JsonObject o
              ? o.getString("message")
              : error instanceof String s ? s : null;
      return message == null ? "" : CompletionRound.clip(message, 300);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
