package com.projectmeats.assistant;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the answer as server-sent events (the events are listed in docs/assistant.md): nothing is
 * buffered on the way (no compression, {@code Cache-Control: no-cache}, {@code X-Accel-Buffering:
 * no} for proxies such as nginx), each event is flushed as it is written; the events of one chunk
 * from the model are written together ({@link #hold}).
 */
final class SseSink implements ChatSink {
  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final long keepAliveNanos;
  private boolean begun;
  private long lastWrite = System.nanoTime();

  /** Events gathered while held, written on release; null when not held. */
  private StringBuilder held;

  SseSink(RoutingContext ctx, java.time.Duration keepAlive) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.keepAliveNanos = keepAlive.toNanos();
  }

  @Override
  public void begin(long userMessageId, long assistantMessageId) {
    if (begun || gone()) {
      return;
    }
    begun = true;
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
    // Ids as decimal strings, as the protocol shows them (JavaScript cannot hold every 64-bit id);
    // digits need no escaping, so the event is written without a JSON tree to encode.
    event(
        "message",
        "{\"user_message_id\":\""
            + userMessageId
            + "\",\"assistant_message_id\":\""
            + assistantMessageId
            + "\"}");
  }

  @Override
  public void delta(String text) {
    if (!text.isEmpty()) {
      // The most frequent event, written without building a JSON tree to encode.
      StringBuilder data = new StringBuilder(text.length() + 16).append("{\"content\":");
      quote(data, text);
      event("delta", data.append('}'));
    }
  }

  @Override
  public void hold() {
    if (held == null) {
      held = new StringBuilder(256);
    }
  }

  @Override
  public void release() {
    StringBuilder events = held;
    held = null;
    if (events != null && !events.isEmpty() && !gone()) {
      response.write(events.toString());
    }
  }

  /** {@code text} as a JSON string, quoted by Jackson's own encoder (what a JsonObject writes). */
  static void quote(StringBuilder out, String text) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }

  @Override
  public void tool(JsonObject call) {
    event("tool", call);
  }

  @Override
  public void tick() {
    if (begun
        && System.nanoTime() - lastWrite >= keepAliveNanos
        && !gone()
        && !response.writeQueueFull()) {
      lastWrite = System.nanoTime();
      response.write(": keep-alive\n\n");
    }
  }

  @Override
  public boolean writeQueueFull() {
    return begun && !gone() && response.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable drained) {
    response.drainHandler(v -> drained.run());
  }

  @Override
  public void onClose(Runnable closed) {
    if (response.closed()) {
      closed.run(); // gone while the question was being stored
    } else {
      response.closeHandler(v -> closed.run());
    }
  }

  /** Vert.x tells each connection when the server's graceful shutdown begins. */
  @Override
  public void onShutdown(Runnable shuttingDown) {
    ctx.request().connection().shutdownHandler(v -> shuttingDown.run());
  }

  @Override
  public void finished(JsonObject message) {
    String reason =
        "interrupted".equals(message.getString("status"))
            ? "interrupted"
            : message.getString("finish_reason");
    JsonObject usage = message.getJsonObject("usage");
    // Once an answer, but a JSON tree's encode costs more than the rest of the event: written as
    // text.
    StringBuilder data = new StringBuilder(96).append("{\"finish_reason\":");
    if (reason == null) {
      data.append("null");
    } else {
      quote(data, reason);
    }
    data.append(",\"usage\":");
    if (usage == null) {
      data.append("null");
    } else {
      data.append("{\"prompt_tokens\":")
          .append(usage.getLong("prompt_tokens"))
          .append(",\"completion_tokens\":")
          .append(usage.getLong("completion_tokens"))
          .append('}');
    }
    event("done", data.append('}'));
    end();
  }

  @Override
  public void failed(Throwable failure) {
    if (!begun) {
      if (!gone()) {
        ctx.fail(failure instanceof UpstreamException upstream ? upstream.toProblem() : failure);
      }
      return;
    }
    String code =
        failure instanceof UpstreamException upstream
            ? upstream.code()
            : failure instanceof ApiException api ? api.code() : "internal_error";
    String message =
        failure instanceof UpstreamException || failure instanceof ApiException
            ? failure.getMessage()
            : "Something went wrong on our side; what had arrived is kept.";
    event("error", new JsonObject().put("code", code).put("message", message));
    end();
  }

  @Override
  public Future<Reply> reply() {
    // The events are written as they come; failures before the first are written by ctx.fail above.
    return Future.succeededFuture(Reply.written());
  }

  private void event(String name, JsonObject data) {
    event(name, data.encode());
  }

  private void event(String name, CharSequence data) {
    if (gone()) {
      return;
    }
    lastWrite = System.nanoTime();
    if (held != null) {
      held.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
      return;
    }
    response.write("event: " + name + "\ndata: " + data + "\n\n");
  }

  private void end() {
    release();
    if (!gone()) {
      response.end();
    }
  }

  private boolean gone() {
    return response.ended() || response.closed();
  }
}
