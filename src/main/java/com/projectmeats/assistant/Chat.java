package com.projectmeats.assistant;

import com.projectmeats.assistant.Messages.Exchange;
import com.projectmeats.assistant.Messages.Message;
import com.projectmeats.core.config.AppConfig.OpenAiSettings;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Asking, re-asking and stopping: checks the request (throttle, session, history: one statement),
 * then asks the model while it stores the question and the (streaming) answer, and hands both over
 * to a {@link ChatStream}. On PostgreSQL a question's checks, store and history are one statement
 * ({@link Messages#askWithHistory}), and the model is asked after it. Nothing reaches the model for
 * a request that is refused by those checks; one that the store refuses (the throttle again,
 * counted under a lock: see {@link Throttle}) has its model request cancelled before anything is
 * streamed.
 */
final class Chat {
  static final int MAX_QUESTION = 32_000;
  static final int HISTORY_MESSAGES = 200;

  private final ChatStream.Services services;
  private final Messages messages;

  Chat(ChatStream.Services services, Messages messages) {
    this.services = services;
    this.messages = messages;
  }

  private OpenAiSettings settings() {
    return services.settings();
  }

  private Throttle throttle() {
    return new Throttle(settings().messagesPerMinute());
  }

  /** A question stored, and the prompt to ask the model with. */
  private record Stored(Exchange exchange, JsonArray conversation) {}

  Future<Reply> ask(RoutingContext ctx, long sessionId) {
    Principal caller = Principal.of(ctx);
    JsonObject body = Json.body(ctx);
    String question = question(body.getValue("content"));
    String model = model(body.getValue("model"), settings().model());
    ChatSink sink = sinkFor(ctx);
    Context context = Vertx.currentContext();
    Instant now = Instant.now();
    Throttle throttle = throttle();
    if (messages.foldsPreflight()) {
      // One statement checks, stores and reads what the prompt needs (PostgreSQL); the model is
      // asked once it answered, so a refused question never reaches the model.
      messages
          .askWithHistory(caller, sessionId, question, model, throttle, HISTORY_MESSAGES - 1)
          .map(
              asked -> {
                List<Message> history = new ArrayList<>(asked.history());
                history.add(asQuestion(sessionId, question, now));
                return new Stored(asked.exchange(), prompt(caller, asked.company(), history));
              })
          .onSuccess(
              stored ->
                  answer(
                      ctx,
                      context,
                      caller,
                      stored.conversation(),
                      model,
                      sink,
                      () -> Future.succeededFuture(stored.exchange())))
          .onFailure(sink::failed);
      return sink.reply();
    }
    // One statement checks the throttle and the session and reads the prompt's history; the
    // question itself is not stored yet, so it joins the history here, as the newest message.
    messages
        .preflight(caller, sessionId, Long.MAX_VALUE, HISTORY_MESSAGES - 1, throttle.since(now))
        .map(
            checks -> {
              List<Message> history = new ArrayList<>(checks.history());
              history.add(asQuestion(sessionId, question, now));
              return conversation(caller, checks, throttle, now, history);
            })
        .onSuccess(
            conversation ->
                answer(
                    ctx,
                    context,
                    caller,
                    conversation,
                    model,
                    sink,
                    () -> messages.ask(caller, sessionId, question, model, throttle)))
        .onFailure(sink::failed);
    return sink.reply();
  }

  /**
   * The request is allowed: the model is asked at once, while the question and the streaming answer
   * are stored. The stream begins when both are done (its first event names the stored ids); if the
   * store fails or refuses (429 throttled), the model's request is cancelled and the client gets
   * the error.
   */
  private void answer(
      RoutingContext ctx,
      Context context,
      Principal caller,
      JsonArray conversation,
      String model,
      ChatSink sink,
      java.util.function.Supplier<Future<Exchange>> store) {
    onContext(
        context,
        () -> {
          UpstreamClient.Call first;
          Future<Exchange> stored;
          try {
            // A client that left while the checks ran gets no model request; its answer is stored
            // as interrupted.
            first =
                ctx.response().closed() ? null : ChatStream.open(services, model, conversation, 0);
            stored = store.get();
          } catch (RuntimeException e) {
            sink.failed(e);
            return;
          }
          stored.onComplete(
              done ->
                  onContext(
                      context,
                      () -> {
                        if (done.failed()) {
                          if (first != null) {
                            first.cancel();
                          }
                          sink.failed(done.cause());
                          return;
                        }
                        new ChatStream(services, context, caller, done.result(), conversation, sink)
                            .start(first);
                      }));
        });
  }

  /** The question, not stored yet, as the newest message of the prompt's history. */
  private static Message asQuestion(long sessionId, String question, Instant now) {
    return new Message(
        -1,
        sessionId,
        "user",
        question,
        null,
        "complete",
        null,
        0,
        0,
        null,
        new JsonArray(),
        now,
        now);
  }

  /** The prompt: who the assistant works for, then the history ending with the question. */
  private JsonArray conversation(
      Principal caller,
      Messages.Preflight checks,
      Throttle throttle,
      Instant now,
      List<Message> history) {
    throttle.check(checks.recentAnswers(), checks.oldestAnswer(), now);
    if (!checks.ownsSession()) {
      throw Sessions.notFound();
    }
    return prompt(caller, checks.company(), history);
  }

  private static JsonArray prompt(Principal caller, String company, List<Message> history) {
    String name = company == null ? "your company" : company;
    return Prompt.messages(Prompt.system(name, caller, LocalDate.now(ZoneOffset.UTC)), history);
  }

  private static void onContext(Context context, Runnable work) {
    if (Vertx.currentContext() == context) {
      work.run();
    } else {
      context.runOnContext(v -> work.run());
    }
  }

  /**
   * The question to answer again, and with which model (the earlier answer's, unless the client
   * names one).
   */
  private record Retry(long question, String model) {}

  /** A new answer to the latest question; only the latest answer can be regenerated. */
  Future<Reply> regenerate(RoutingContext ctx, long sessionId, long messageId) {
    Principal caller = Principal.of(ctx);
    JsonObject body = Json.optionalBody(ctx);
    Object askedModel = body.getValue("model");
    String checked = askedModel == null ? null : model(askedModel, null);
    ChatSink sink = sinkFor(ctx);
    Context context = Vertx.currentContext();
    // The message and the session's latest ids are read together; then the same checks as a
    // question's.
    Future.all(
            messages.get(caller, sessionId, messageId),
            messages.latest(caller.company(), sessionId))
        .map(
            both -> {
              Message previous = both.resultAt(0);
              long[] latest = both.resultAt(1);
              if (previous.isUser() || previous.id() != latest[1] || latest[0] > previous.id()) {
                throw ApiException.conflict(
                    "not_latest_answer", "Only the latest answer of a session can be regenerated.");
              }
              if ("streaming".equals(previous.status())) {
                throw ApiException.conflict(
                    "still_streaming", "This answer is still being written; stop it first.");
              }
              String model =
                  checked != null
                      ? checked
                      : settings().models().contains(previous.model())
                          ? previous.model()
                          : settings().model();
              return new Retry(latest[0], model);
            })
        .compose(
            retry -> {
              Instant now = Instant.now();
              Throttle throttle = throttle();
              return messages
                  .preflight(
                      caller, sessionId, retry.question(), HISTORY_MESSAGES, throttle.since(now))
                  .map(checks -> conversation(caller, checks, throttle, now, checks.history()))
                  .onSuccess(
                      conversation ->
                          answer(
                              ctx,
                              context,
                              caller,
                              conversation,
                              retry.model(),
                              sink,
                              () ->
                                  messages.reanswer(
                                      caller,
                                      sessionId,
                                      retry.question(),
                                      retry.model(),
                                      throttle)));
            })
        .onFailure(sink::failed);
    return sink.reply();
  }

  /**
   * Asks the process streaming this answer (whichever replica it is) to stop; 202, as the stop
   * lands shortly after.
   */
  Future<Reply> stop(RoutingContext ctx, long sessionId, long messageId) {
    Principal caller = Principal.of(ctx);
    return messages
        .get(caller, sessionId, messageId)
        .compose(
            message -> {
              if (!"streaming".equals(message.status())) {
                throw ApiException.conflict(
                    "not_streaming",
                    "This message is not being written; there is nothing to stop.");
              }
              return services
                  .stops()
                  .signal(messageId)
                  .map(
                      v ->
                          Reply.accepted(
                              new JsonObject().put("id", messageId).put("status", "stopping")));
            });
  }

  private ChatSink sinkFor(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream")
        ? new SseSink(ctx, settings().keepAlive())
        : new JsonSink(ctx);
  }

  private static String question(Object content) {
    if (!(content instanceof String text) || text.isBlank()) {
      throw ApiException.validation(
          "content", "Ask something: content must be a non-empty string.");
    }
    if (text.length() > MAX_QUESTION) {
      throw ApiException.validation(
          "content", "A question may have at most " + MAX_QUESTION + " characters.");
    }
    return text;
  }

  private String model(Object asked, String fallback) {
    if (asked == null) {
      return fallback;
    }
    if (!(asked instanceof String name) || !settings().models().contains(name)) {
      throw ApiException.validation(
          "model", "must be one of: " + String.join(", ", settings().models()));
    }
    return name;
  }
}
