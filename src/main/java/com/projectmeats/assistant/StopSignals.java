package com.projectmeats.assistant;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Stop this answer" for whichever process streams it. Each stream registers its message id; a stop
 * request signals the id. With SQLite there is one process, so an in-process map is the whole
 * story; with PostgreSQL the signal is broadcast to every replica ({@link PgStopSignals}).
 */
interface StopSignals {
  /** Runs {@code stop} on {@code context} when someone signals {@code messageId}. */
  void register(long messageId, Context context, Runnable stop);

  void unregister(long messageId);

  /** Asks the process that streams {@code messageId} (this one or another) to stop it. */
  Future<Void> signal(long messageId);

  /** The answers this process is streaming now. */
  java.util.Set<Long> streaming();

  static StopSignals forDatabase(Database database) {
    return database.dialect() == Dialect.POSTGRES ? new PgStopSignals(database) : new Local();
  }

  /** The streams of this process. */
  class Local implements StopSignals {
    private record Registration(Context context, Runnable stop) {}

    private final Map<Long, Registration> streams = new ConcurrentHashMap<>();

    @Override
    public void register(long messageId, Context context, Runnable stop) {
      streams.put(messageId, new Registration(context, stop));
    }

    @Override
    public void unregister(long messageId) {
      streams.remove(messageId);
    }

    /** True when the stream runs here (and was told to stop). */
    boolean stopLocally(long messageId) {
      Registration registration = streams.get(messageId);
      if (registration == null) {
        return false;
      }
      registration.context().runOnContext(v -> registration.stop().run());
      return true;
    }

    @Override
    public java.util.Set<Long> streaming() {
      return java.util.Set.copyOf(streams.keySet());
    }

    @Override
    public Future<Void> signal(long messageId) {
      stopLocally(messageId);
      return Future.succeededFuture();
    }
  }
}
