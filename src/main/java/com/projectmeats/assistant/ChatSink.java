package com.projectmeats.assistant;

import com.projectmeats.core.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Where an answer goes: an event stream written as it arrives ({@link SseSink}), or one JSON reply
 * when it is complete ({@link JsonSink}). {@link ChatStream} drives either the same way.
 */
interface ChatSink {
  /** The model's server answered: from here on failures are reported inside the answer. */
  void begin(long userMessageId, long assistantMessageId);

  void delta(String text);

  /**
   * Until {@link #release}, events are gathered instead of written: the events of one chunk from
   * the model go to the client in one write (one flush, one system call) instead of one each.
   */
  default void hold() {}

  /** Writes what was gathered since {@link #hold}, if anything. */
  default void release() {}

  void tool(JsonObject call);

  /**
   * Called on a timer; a stream that has been silent for the keep-alive interval sends a comment.
   */
  void tick();

  /**
   * True while the client has not taken what was written; the upstream is paused until {@code
   * drained}.
   */
  boolean writeQueueFull();

  void onDrain(Runnable drained);

  /**
   * The client went away (closed the connection) before the answer ended; runs at once if it
   * already has.
   */
  void onClose(Runnable closed);

  /**
   * The server is shutting down (SIGTERM, a deploy) while the answer is open; a sink that can say
   * so runs {@code shuttingDown}.
   */
  default void onShutdown(Runnable shuttingDown) {}

  /** The answer ended as stored in {@code message} (complete or interrupted). */
  void finished(JsonObject message);

  /** The answer failed; before {@link #begin} this is the request's error response. */
  void failed(Throwable failure);

  /** What the endpoint answers: null when the sink writes the response itself. */
  Future<Reply> reply();
}
