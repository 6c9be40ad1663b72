package com.projectmeats.assistant;

import com.projectmeats.core.db.Database;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stop signals between replicas through PostgreSQL's LISTEN/NOTIFY: every replica listens on
 * {@value #CHANNEL} (on its one LISTEN connection, {@link Database#notifications()}); a stop for a
 * stream of another replica is a NOTIFY whose payload is the assistant message id.
 */
final class PgStopSignals extends StopSignals.Local {
  static final String CHANNEL = "assistant_stop";
  private static final Logger log = LoggerFactory.getLogger(PgStopSignals.class);

  private final Database database;

  PgStopSignals(Database database) {
    this.database = database;
    database.notifications().listen(CHANNEL, this::received);
  }

  private void received(String payload) {
    try {
      stopLocally(Long.parseLong(payload.trim()));
    } catch (NumberFormatException e) {
      log.warn("Ignoring a malformed assistant stop signal");
    }
  }

  @Override
  public Future<Void> signal(long messageId) {
    if (stopLocally(messageId)) {
      return Future.succeededFuture();
    }
    return database
        .sql()
        .query("SELECT pg_notify($1, $2)", CHANNEL, Long.toString(messageId))
        .mapEmpty();
  }
}
