package com.projectmeats.assistant;

import com.projectmeats.assistant.Messages.Exchange;
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
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Asking, re-asking and stopping: checks the request, stores the question and the (streaming)
 * answer, builds the prompt and hands over to a {@link ChatStream}.
 */
final class Chat {
  static final int MAX_QUESTION = 32_000;
  static final int HISTORY_MESSAGES = 200;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final ChatStream.Services services;
  private final Sessions sessions;
  private final Messages messages;

  Chat(ChatStream.Services services, Sessions sessions, Messages messages) {
    this.services = services;
    this.sessions = sessions;
    this.messages = messages;
  }

  private OpenAiSettings settings() {
    return services.settings();
  }

  Future<Reply> ask(RoutingContext ctx, long sessionId) {
    Principal caller = Principal.of(ctx);
    JsonObject body = Json.body(ctx);
    String question = question(body.getValue("content"));
    String model = model(body.getValue("model"), settings().model());
    ChatSink sink = sinkFor(ctx);
    Context context = Vertx.currentContext();
    throttle(caller)
        .compose(v -> messages.ask(caller, sessionId, question, model))
        .compose(exchange -> start(context, caller, exchange, sink))
        .onFailure(sink::failed);
    return sink.reply();
  }

  /** The question to answer again, and with which model (the earlier answer's, unless the client names one). */
  private record Retry(long question, String model) {}

  /** A new answer to the latest question; only the latest answer can be regenerated. */
  Future<Reply> regenerate(RoutingContext ctx, long sessionId, long messageId) {
    Principal caller = Principal.of(ctx);
    JsonObject body = ctx.body() == null || ctx.body().length() <= 0 ? new JsonObject() : Json.body(ctx);
    Object askedModel = body.getValue("model");
    String checked = askedModel == null ? null : model(askedModel, null);
    ChatSink sink = sinkFor(ctx);
    Context context = Vertx.currentContext();
    messages.get(caller, sessionId, messageId)
        .compose(previous -> messages.latest(caller.company(), sessionId).map(latest -> {
          if (previous.isUser() || previous.id() != latest[1] || latest[0] > previous.id()) {
            throw ApiException.conflict("not_latest_answer", "Only the latest answer of a session can be regenerated.");
          }
          if ("streaming".equals(previous.status())) {
            throw ApiException.conflict("still_streaming", "This answer is still being written; stop it first.");
          }
          String model = checked != null ? checked
              : settings().models().contains(previous.model()) ? previous.model() : settings().model();
          return new Retry(latest[0], model);
        }))
        .compose(retry -> throttle(caller).compose(v -> messages.reanswer(caller, sessionId, retry.question(), retry.model())))
        .compose(exchange -> start(context, caller, exchange, sink))
        .onFailure(sink::failed);
    return sink.reply();
  }

  /** Asks the process streaming this answer (whichever replica it is) to stop; 202, as the stop lands shortly after. */
  Future<Reply> stop(RoutingContext ctx, long sessionId, long messageId) {
    Principal caller = Principal.of(ctx);
    return messages.get(caller, sessionId, messageId).compose(message -> {
      if (!"streaming".equals(message.status())) {
        throw ApiException.conflict("not_streaming", "This message is not being written; there is nothing to stop.");
      }
      return services.stops().signal(messageId)
          .map(v -> Reply.accepted(new JsonObject().put("id", messageId).put("status", "stopping")));
    });
  }

  private Future<Void> start(Context context, Principal caller, Exchange exchange, ChatSink sink) {
    return sessions.companyName(caller.company())
        .compose(company -> messages.history(caller.company(), exchange.sessionId(), exchange.userMessageId(), HISTORY_MESSAGES)
            .map(history -> Prompt.messages(Prompt.system(company, caller, LocalDate.now(ZoneOffset.UTC)), history)))
        .recover(failure -> abandon(caller, exchange, failure))
        .map(conversation -> {
          // The stream's handlers and timers all belong to the request's event loop.
          context.runOnContext(v -> new ChatStream(services, context, caller, exchange, conversation, sink).start());
          return null;
        });
  }

  /** The prompt could not be built: the answer that was stored as streaming must not stay so. */
  private Future<JsonArray> abandon(Principal caller, Exchange exchange, Throwable failure) {
    Messages.Ending ending = new Messages.Ending("", "failed", null, 0, 0, "internal_error", new JsonArray());
    return messages.finish(caller.company(), exchange.assistantMessageId(), ending)
        .transform(ignored -> Future.failedFuture(failure));
  }

  /** At most the configured number of answers per user and minute, on every replica (counted in the database). */
  private Future<Void> throttle(Principal caller) {
    Instant now = Instant.now();
    return messages.recentAnswers(caller.userId(), now.minus(WINDOW)).map(row -> {
      long recent = row.getLong("n");
      if (recent >= settings().messagesPerMinute()) {
        Instant oldest = oldest(row);
        long wait = oldest == null ? WINDOW.toSeconds() : Duration.between(now, oldest.plus(WINDOW)).toSeconds() + 1;
        throw ApiException.tooManyRequests("You asked the assistant " + recent + " times in the last minute; wait a moment.", wait);
      }
      return null;
    });
  }

  private static Instant oldest(Row row) {
    return com.projectmeats.core.db.Rows.instant(row, "oldest");
  }

  private ChatSink sinkFor(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream")
        ? new SseSink(ctx, settings().keepAlive())
        : new JsonSink(ctx);
  }

  private static String question(Object content) {
    if (!(content instanceof String text) || text.isBlank()) {
      throw ApiException.validation("content", "Ask something: content must be a non-empty string.");
    }
    if (text.length() > MAX_QUESTION) {
      throw ApiException.validation("content", "A question may have at most " + MAX_QUESTION + " characters.");
    }
    return text;
  }

  private String model(Object asked, String fallback) {
    if (asked == null) {
      return fallback;
    }
    if (!(asked instanceof String name) || !settings().models().contains(name)) {
      throw ApiException.validation("model", "must be one of: " + String.join(", ", settings().models()));
    }
    return name;
  }
}
