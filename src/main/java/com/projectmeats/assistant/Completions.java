package com.projectmeats.assistant;

import com.projectmeats.assistant.UpstreamException.Kind;
import com.projectmeats.core.config.AppConfig.OpenAiSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One whole chat completion for code that is not a chat (document drafts): the same client as the
 * assistant (retries, Retry-After, error codes) and the same stream parser, collected into the
 * final text. The whole call, retries included, is bounded by {@code limit}; on expiry the request
 * is cut off so the model stops generating.
 */
public final class Completions {
  private static final int LINE_LIMIT = 1024 * 1024;

  private final Vertx vertx;
  private final OpenAiSettings settings;
  private final UpstreamClient upstream;

  public Completions(Vertx vertx, OpenAiSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    // Documents are read a few at a time (documents/Worker), so one event loop may use the whole
    // limit.
    this.upstream = new UpstreamClient(vertx, settings, 1);
  }

  /**
   * Why the model gave no usable answer: an assistant error code ({@code upstream_timeout}, …) and
   * a sentence.
   */
  public static final class Failure extends RuntimeException {
    private final String code;

    public Failure(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * The default model unless the body names one; streamed, so the assistant's parser and timeouts
   * apply.
   */
  public Future<String> complete(JsonObject body, Duration limit) {
    JsonObject request = body.copy().put("stream", true);
    if (!request.containsKey("model")) {
      request.put("model", settings.model());
    }
    Promise<String> result = Promise.promise();
    UpstreamClient.Call call = upstream.open(request);
    long timer =
        vertx.setTimer(
            limit.toMillis(),
            t -> {
              call.cancel();
              call.opened().onSuccess(o -> o.request().reset());
              result.tryFail(
                  new Failure(
                      Kind.TIMEOUT.code,
                      "The AI service did not finish within " + limit.toSeconds() + " s."));
            });
    call.opened()
        .onComplete(
            opened -> {
              if (opened.failed()) {
                result.tryFail(translate(opened.cause()));
                return;
              }
              collect(opened.result(), result);
            });
    return result.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  private static void collect(UpstreamClient.Opened opened, Promise<String> result) {
    CompletionRound round = new CompletionRound();
    SseParser parser =
        new SseParser(
            LINE_LIMIT,
            event -> {
              if ("error".equals(event.type())) {
                throw UpstreamException.badResponse("it sent an error event");
              }
              round.accept(event.data());
            });
    HttpClientResponse response = opened.response();
    response.handler(
        chunk -> {
          if (result.future().isComplete()) {
            return;
          }
          try {
            parser.feed(chunk);
          } catch (RuntimeException e) {
            opened.request().reset();
            result.tryFail(translate(e));
          }
        });
    response.exceptionHandler(
        e ->
            result.tryFail(
                new Failure(
                    Kind.UNAVAILABLE.code, "The connection to the AI service broke mid-answer.")));
    response.endHandler(
        v -> {
          try {
            parser.finish();
            round.requireFinished();
            result.tryComplete(round.text());
          } catch (RuntimeException e) {
            result.tryFail(translate(e));
          }
        });
    result.future().onFailure(e -> opened.request().reset());
    response.resume();
  }

  private static Throwable translate(Throwable failure) {
    if (failure instanceof Failure) {
      return failure;
    }
    if (failure instanceof UpstreamException upstream) {
      return new Failure(upstream.code(), upstream.getMessage());
    }
    if (failure instanceof SseParser.TooLong tooLong) {
      return new Failure(Kind.BAD_RESPONSE.code, tooLong.getMessage());
    }
    return new Failure(
        Kind.BAD_RESPONSE.code,
        "The AI service's answer could not be read (" + failure.getClass().getSimpleName() + ").");
  }
}
