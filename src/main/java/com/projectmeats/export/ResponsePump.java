package com.projectmeats.export;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes an export to its response with backpressure: the next page is read only once the client
 * has taken the last (the write queue has drained), so a slow reader holds one page in memory, not
 * the list. A client that goes away fails the pending wait, which ends the export.
 */
final class ResponsePump {
  private static final long STALL_SECONDS = 120;

  private final HttpServerResponse response;
  private final Context context;
  private volatile boolean closed;
  private Promise<Void> waiting;

  ResponsePump(HttpServerResponse response, Context context) {
    this.response = response;
    this.context = context;
    response.closeHandler(
        v -> {
          closed = true;
          if (waiting != null) {
            waiting.tryFail("the client closed the connection");
          }
        });
  }

  boolean closed() {
    return closed || response.closed();
  }

  /**
   * Writes {@code chunk}; completes when there is room for the next one. Call on the response's
   * context.
   */
  Future<Void> write(Buffer chunk) {
    if (closed()) {
      return Future.failedFuture("the client closed the connection");
    }
    response.write(chunk);
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    waiting = Promise.promise();
    Promise<Void> mine = waiting;
    response.drainHandler(v -> mine.tryComplete());
    return mine.future();
  }

  /**
   * An OutputStream for a blocking writer on a worker thread (POI zipping a workbook): each 64 KB
   * is handed to the event loop and the worker waits until the client has room for more.
   */
  OutputStream blockingStream() {
    return new OutputStream() {
      private final byte[] pending = new byte[64 * 1024];
      private int length;

      @Override
      public void write(int b) throws IOException {
        if (length == pending.length) {
          flush();
        }
        pending[length++] = (byte) b;
      }

      @Override
      public void write(byte[] bytes, int offset, int count) throws IOException {
        while (count > 0) {
          if (length == pending.length) {
            flush();
          }
          int n = Math.min(count, pending.length - length);
          System.arraycopy(bytes, offset, pending, length, n);
          length += n;
          offset += n;
          count -= n;
        }
      }

      /** Sends what is left: the end of the zip (its central directory) is written last. */
      @Override
      public void close() throws IOException {
        flush();
      }

      @Override
      public void flush() throws IOException {
        if (length == 0) {
          return;
        }
        Buffer chunk = Buffer.buffer(java.util.Arrays.copyOf(pending, length));
        length = 0;
        Promise<Void> sent = Promise.promise();
        context.runOnContext(v -> ResponsePump.this.write(chunk).onComplete(sent));
        try {
          sent.future()
              .toCompletionStage()
              .toCompletableFuture()
              .get(STALL_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          throw new IOException("the client stopped reading: " + e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    };
  }
}
