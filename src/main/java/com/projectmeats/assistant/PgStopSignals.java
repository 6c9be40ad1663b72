package com.projectmeats.assistant;

import com.projectmeats.core.config.DatabaseSettings;
import com.projectmeats.core.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stop signals between replicas through PostgreSQL's LISTEN/NOTIFY: every replica listens on
 * {@value #CHANNEL} over one dedicated connection (kept open, re-established when lost); a stop for
 * a stream of another replica is a NOTIFY whose payload is the assistant message id.
 */
final class PgStopSignals extends StopSignals.Local {
  static final String CHANNEL = "assistant_stop";
  private static final Logger log = LoggerFactory.getLogger(PgStopSignals.class);

  private final Vertx vertx;
  private final Database database;
  private final PgSubscriber subscriber;

  PgStopSignals(Vertx vertx, Database database) {
    this.vertx = vertx;
    this.database = database;
    this.subscriber =
        PgSubscriber.subscriber(
            vertx, Database.connectOptions((DatabaseSettings.Postgres) database.settings()));
    subscriber.reconnectPolicy(retries -> 1000L);
    subscriber.channel(CHANNEL).handler(this::received);
    connect();
  }

  private void connect() {
    subscriber
        .connect()
        .onFailure(
            failure -> {
              log.warn(
                  "Cannot listen for assistant stop signals yet ({}); retrying in 2 s",
                  failure.getMessage());
              vertx.setTimer(2000, t -> connect());
            });
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
