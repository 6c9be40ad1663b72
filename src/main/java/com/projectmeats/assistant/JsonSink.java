package com.projectmeats.assistant;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Without {@code Accept: text/event-stream} the same answer is awaited and returned whole. */
final class JsonSink implements ChatSink {
  private final RoutingContext ctx;
  private final Promise<Reply> reply = Promise.promise();

  JsonSink(RoutingContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void begin(long userMessageId, long assistantMessageId) {}

  @Override
  public void delta(String text) {}

  @Override
  public void tool(JsonObject call) {}

  @Override
  public void tick() {}

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public void onDrain(Runnable drained) {}

  @Override
  public void onClose(Runnable closed) {
    if (ctx.response().closed()) {
      closed.run();
    } else {
      ctx.response().closeHandler(v -> closed.run());
    }
  }

  @Override
  public void finished(JsonObject message) {
    reply.tryComplete(
        Reply.created(
            message,
            Api.PREFIX
                + "/assistant/sessions/"
                + message.getLong("session")
                + "/messages/"
                + message.getLong("id")));
  }

  @Override
  public void failed(Throwable failure) {
    reply.tryFail(failure instanceof UpstreamException upstream ? upstream.toProblem() : failure);
  }

  @Override
  public Future<Reply> reply() {
    return reply.future();
  }
}
