package com.projectmeats.assistant;

import com.projectmeats.assistant.CompletionRound.ToolCall;
import com.projectmeats.assistant.Messages.Ending;
import com.projectmeats.assistant.Messages.Exchange;
import com.projectmeats.assistant.UpstreamException.Kind;
import com.projectmeats.core.config.AppConfig.OpenAiSettings;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer, from the first upstream request to the stored message. Everything runs on the
 * request's event loop, so the state needs no locks. The answer's text is exactly the concatenation
 * of the deltas relayed to the client, and it is stored before the final event is written, so a
 * client that reads the message after {@code done} finds the same text.
 *
 * <p>Rounds: the model may ask for tools; they run, their results join the conversation, and the
 * model is asked again, at most {@value #MAX_TOOL_ROUNDS} times (the last round offers no tools).
 *
 * <p>One class on purpose, though long: the upstream response, the browser's write queue, the
 * timers, the stop signal and the text relayed so far are one piece of state confined to one event
 * loop, and every event (a chunk, a drained queue, a timeout, a Stop) must see all of it at once to
 * decide between relaying, pausing, storing and failing. Split across classes, that state would
 * have to travel between them and the single place where an answer ends would be lost.
 */
final class ChatStream {
  private static final Logger log = LoggerFactory.getLogger(ChatStream.class);
  static final int MAX_TOOL_ROUNDS = 5;
  static final int LINE_LIMIT = 1024 * 1024;

  /** What every answer needs, shared by all of them. */
  record Services(
      Vertx vertx,
      OpenAiSettings settings,
      UpstreamClient upstream,
      Tools tools,
      Messages messages,
      StopSignals stops) {}

  private enum Status {
    COMPLETE,
    INTERRUPTED,
    FAILED
  }

  private final Services services;
  private final Context context;
  private final Principal caller;
  private final Exchange exchange;
  private final ChatSink sink;
  private final JsonArray conversation;
  private final StringBuilder content = new StringBuilder();
  private final JsonArray toolLog = new JsonArray();
  private final Watchdog watchdog;
  private long promptTokens;
  private long completionTokens;
  private int round;
  private boolean began;
  private boolean finished;
  private boolean paused;
  private long ticker = -1;
  private UpstreamClient.Call call;
  private UpstreamClient.Opened opened;

  ChatStream(
      Services services,
      Context context,
      Principal caller,
      Exchange exchange,
      JsonArray conversation,
      ChatSink sink) {
    this.services = services;
    this.context = context;
    this.caller = caller;
    this.exchange = exchange;
    this.conversation = conversation;
    this.sink = sink;
    this.watchdog =
        new Watchdog(services.vertx(), reason -> fail(new UpstreamException(Kind.TIMEOUT, reason)));
  }

  /**
   * The request of one round to the model: the conversation so far, with the tools while rounds
   * remain.
   */
  static UpstreamClient.Call open(
      Services services, String model, JsonArray conversation, int round) {
    // Written as text around the conversation: the tools are the same for every answer and are
    // encoded once (Tools), and a JSON tree of the whole body would be built only to be encoded.
    StringBuilder body = new StringBuilder(4096).append("{\"model\":");
    SseSink.quote(body, model);
    body.append(",\"messages\":")
        .append(conversation.encode())
        .append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
    if (!services.tools().definitions().isEmpty()) {
      body.append(",\"tools\":").append(services.tools().encodedDefinitions());
      if (round >= MAX_TOOL_ROUNDS) {
        body.append(",\"tool_choice\":\"none\"");
      }
    }
    return services.upstream().open(body.append('}').toString());
  }

  /**
   * Starts on the request's context with the first round's request already on its way ({@code
   * first}, opened while the question was stored; null to open it now). The stream stops itself
   * when the client goes or a stop is signalled.
   */
  void start(UpstreamClient.Call first) {
    call = first; // a stream that ends before it begins (the client left) cancels it
    services
        .stops()
        .register(
            exchange.assistantMessageId(), context, () -> finish(Status.INTERRUPTED, null, null));
    sink.onClose(() -> finish(Status.INTERRUPTED, null, null));
    // A stream would hold a graceful shutdown until the drain limit and then be cut: end it now,
    // saying why.
    sink.onShutdown(
        () ->
            finish(
                Status.INTERRUPTED,
                null,
                new ApiException(
                    503,
                    "server_restarting",
                    "Service unavailable",
                    "The server is restarting; what had arrived is kept. Ask again in a moment.")));
    if (finished) {
      return;
    }
    long tick = Math.max(10, services.settings().keepAlive().toMillis() / 4);
    ticker = services.vertx().setPeriodic(tick, t -> sink.tick());
    if (first == null) {
      nextRound();
    } else {
      listen(first);
    }
  }

  private void nextRound() {
    listen(open(services, exchange.model(), conversation, round));
  }

  private void listen(UpstreamClient.Call next) {
    call = next;
    call.opened()
        .onComplete(
            result -> {
              if (finished) {
                if (result.succeeded()) {
                  result.result().request().reset();
                }
                return;
              }
              if (result.failed()) {
                if (!(result.cause() instanceof CancellationException)) {
                  fail(result.cause());
                }
                return;
              }
              stream(result.result());
            });
  }

  private void stream(UpstreamClient.Opened upstream) {
    opened = upstream;
    if (!began) {
      began = true;
      sink.begin(exchange.userMessageId(), exchange.assistantMessageId());
    }
    watchdog.arm(
        upstream.sentNanos() + services.settings().firstTokenTimeout().toNanos(),
        "The AI service sent no answer within "
            + millis(services.settings().firstTokenTimeout())
            + ".");
    CompletionRound completion = new CompletionRound();
    SseParser parser = new SseParser(LINE_LIMIT, event -> received(completion, event));
    HttpClientResponse response = upstream.response();
    response.handler(
        chunk -> {
          if (finished) {
            return;
          }
          sink.hold();
          try {
            parser.feed(chunk);
          } catch (SseParser.TooLong e) {
            fail(UpstreamException.badResponse(e.getMessage()));
          } catch (RuntimeException e) {
            fail(e);
          } finally {
            sink.release();
          }
          if (!finished && sink.writeQueueFull()) {
            pauseUpstream(response);
          }
        });
    response.exceptionHandler(
        e ->
            fail(
                new UpstreamException(
                    Kind.UNAVAILABLE, "The connection to the AI service broke mid-answer.")));
    if (upstream.brokenEarly().get() != null) {
      // It broke while the question was still being stored.
      fail(
          new UpstreamException(
              Kind.UNAVAILABLE, "The connection to the AI service broke mid-answer."));
      return;
    }
    response.endHandler(
        v -> {
          if (finished) {
            return;
          }
          try {
            parser.finish();
            completion.requireFinished();
            roundEnded(completion);
          } catch (SseParser.TooLong e) {
            fail(UpstreamException.badResponse(e.getMessage()));
          } catch (RuntimeException e) {
            fail(e);
          }
        });
    response.resume();
  }

  private void received(CompletionRound completion, SseParser.Event event) {
    if (finished) {
      return;
    }
    if ("error".equals(event.type())) {
      throw UpstreamException.badResponse(
          "it sent an error event (" + CompletionRound.clip(event.data(), 300) + ")");
    }
    armIdle();
    String text = completion.accept(event.data());
    // An upstream that keeps talking past any model's output limit is broken; an unbounded answer
    // would be held in memory and stored whole (ASSISTANT_MAX_ANSWER_CHARS).
    int limit = services.settings().maxAnswerChars();
    if (content.length() + text.length() > limit) {
      throw UpstreamException.badResponse("the answer exceeds " + limit + " characters");
    }
    if (!text.isEmpty()) {
      content.append(text);
      sink.delta(text);
    }
  }

  private void armIdle() {
    watchdog.arm(
        System.nanoTime() + services.settings().idleTimeout().toNanos(),
        "The AI service fell silent for "
            + millis(services.settings().idleTimeout())
            + " in the middle of the answer.");
  }

  /**
   * The client reads slower than the model writes: stop reading the model until the client catches
   * up.
   */
  private void pauseUpstream(HttpClientResponse response) {
    paused = true;
    response.pause();
    watchdog.disarm(); // the silence is ours now, not the model's
    sink.onDrain(
        () -> {
          if (finished || !paused) {
            return;
          }
          paused = false;
          armIdle();
          response.resume();
        });
  }

  private void roundEnded(CompletionRound completion) {
    opened = null;
    call = null;
    watchdog.disarm();
    promptTokens += completion.promptTokens();
    completionTokens += completion.completionTokens();
    List<ToolCall> calls = completion.toolCalls();
    if (calls.isEmpty() || round >= MAX_TOOL_ROUNDS) {
      finish(Status.COMPLETE, completion.finishReason(), null);
      return;
    }
    JsonArray requested = new JsonArray();
    calls.forEach(c -> requested.add(c.toMessage()));
    conversation.add(
        new JsonObject()
            .put("role", "assistant")
            .put("content", completion.text().isEmpty() ? null : completion.text())
            .put("tool_calls", requested));
    runTools(calls, 0);
  }

  private void runTools(List<ToolCall> calls, int index) {
    if (finished) {
      return;
    }
    if (index == calls.size()) {
      round++;
      nextRound();
      return;
    }
    ToolCall tool = calls.get(index);
    services
        .tools()
        .run(caller, tool.name(), tool.arguments())
        .onComplete(
            done -> {
              if (finished) {
                return;
              }
              Tools.Result result =
                  done.succeeded()
                      ? done.result()
                      : Tools.Result.error("the lookup failed on our side");
              conversation.add(
                  new JsonObject()
                      .put("role", "tool")
                      .put("tool_call_id", tool.id())
                      .put("content", result.output().encode()));
              JsonObject shown =
                  new JsonObject()
                      .put("name", tool.name())
                      .put("arguments", arguments(tool.arguments()))
                      .put("result_summary", result.summary());
              toolLog.add(shown);
              sink.tool(shown);
              runTools(calls, index + 1);
            });
  }

  private void fail(Throwable failure) {
    finish(Status.FAILED, null, failure);
  }

  /** The one way an answer ends: cut the upstream, store what arrived, then tell the client. */
  private void finish(Status status, String finishReason, Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    services.stops().unregister(exchange.assistantMessageId());
    services.vertx().cancelTimer(ticker);
    watchdog.disarm();
    if (call != null) {
      call.cancel();
    }
    if (opened != null && status != Status.COMPLETE) {
      opened.request().reset();
    }
    String code =
        failure == null
            ? null
            : failure instanceof UpstreamException u
                ? u.code()
                : failure instanceof ApiException api ? api.code() : "internal_error";
    if (failure != null) {
      log.warn(
          "Assistant answer {} failed: {} ({})",
          exchange.assistantMessageId(),
          code,
          failure.getMessage());
    }
    String stored =
        switch (status) {
          case COMPLETE -> "complete";
          case INTERRUPTED -> "interrupted";
          case FAILED -> "failed";
        };
    Ending ending =
        new Ending(
            content.toString(),
            stored,
            status == Status.COMPLETE ? finishReason : null,
            promptTokens,
            completionTokens,
            code,
            toolLog);
    services
        .messages()
        .finish(caller.company(), exchange.assistantMessageId(), ending)
        .onComplete(
            saved -> {
              if (saved.failed()) {
                log.error(
                    "Could not store assistant answer {}",
                    exchange.assistantMessageId(),
                    saved.cause());
                sink.failed(saved.cause());
              } else if (failure != null) {
                sink.failed(failure);
              } else {
                if (!began) {
                  began = true;
                  sink.begin(exchange.userMessageId(), exchange.assistantMessageId());
                }
                sink.finished(saved.result().json());
              }
            });
  }

  /** The arguments as the model sent them: an object when they parse, else the raw text. */
  private static Object arguments(String raw) {
    try {
      return raw == null || raw.isBlank() ? new JsonObject() : new JsonObject(raw);
    } catch (RuntimeException e) {
      return raw;
    }
  }

  private static String millis(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
