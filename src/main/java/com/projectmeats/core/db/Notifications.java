package com.projectmeats.core.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's LISTEN for this process: every channel a feature listens on shares one dedicated
 * connection, kept open and re-established when lost. One connection, not one per feature, because
 * a replica's connections count against the database's limit (22 on the smallest managed plan)
 * during a rollout, when three replicas run at once.
 *
 * <p>A connection that went silent without closing (a dropped route, a frozen server) would leave
 * its listeners trusting a line that carries nothing: one that does not answer a heartbeat is given
 * up. Listeners are told when they start listening and when the line is lost, since notifications
 * sent in between are gone.
 */
public final class Notifications {
  /** The listening connection's name in pg_stat_activity. */
  public static final String SESSION_NAME = "projectmeats-listener";

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final Pattern CHANNEL = Pattern.compile("[a-z_]+");
  private static final long HEARTBEAT_MS = 10_000;

  /** What a feature does with its channel's notifications. */
  public interface Listener {
    void notified(String payload);

    /** Listening from now on; whatever was sent before is unknown. */
    default void listening() {}

    /** No longer listening: notifications sent from now until {@link #listening} are missed. */
    default void lost() {}
  }

  private final Map<String, Listener> channels = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final PgConnectOptions options;
  private volatile PgConnection connection;
  private volatile boolean started;
  private volatile boolean closed;

  Notifications(Vertx vertx, PgConnectOptions options) {
    this.vertx = vertx;
    this.options = new PgConnectOptions(options).addProperty("application_name", SESSION_NAME);
  }

  /** Listens on {@code channel} (one listener each); connects on the first call. */
  public void listen(String channel, Listener listener) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("channel names are lower case letters and _");
    }
    if (channels.putIfAbsent(channel, listener) != null) {
      throw new IllegalStateException("someone already listens on " + channel);
    }
    synchronized (this) {
      if (!started) {
        started = true;
        connect();
        heartbeat();
        return;
      }
    }
    PgConnection conn = connection;
    if (conn != null) {
      listenOn(conn, channel, listener);
    }
  }

  /** Stops listening on {@code channel}. */
  public void unlisten(String channel) {
    Listener listener = channels.remove(channel);
    PgConnection conn = connection;
    if (listener != null && conn != null) {
      conn.query("UNLISTEN " + channel).execute();
    }
  }

  void close() {
    closed = true;
    PgConnection conn = connection;
    connection = null;
    if (conn != null) {
      conn.close();
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    PgConnection.connect(vertx, options)
        .onSuccess(
            conn -> {
              if (closed) {
                conn.close();
                return;
              }
              connection = conn;
              conn.notificationHandler(
                  n -> {
                    Listener listener = channels.get(n.getChannel());
                    if (listener != null) {
                      listener.notified(n.getPayload());
                    }
                  });
              conn.closeHandler(v -> lost(conn, "closed"));
              conn.exceptionHandler(e -> lost(conn, e.getMessage()));
              // A channel added meanwhile may be listened to twice, which PostgreSQL takes as once.
              channels.forEach((channel, listener) -> listenOn(conn, channel, listener));
            })
        .onFailure(
            e -> {
              log.warn("Cannot listen for changes from other replicas yet ({})", e.getMessage());
              later(2000, this::connect);
            });
  }

  private void listenOn(PgConnection conn, String channel, Listener listener) {
    conn.query("LISTEN " + channel)
        .execute()
        .onSuccess(
            r -> {
              if (connection == conn && channels.get(channel) == listener) {
                listener.listening();
              }
            })
        .onFailure(e -> lost(conn, e.getMessage()));
  }

  private void lost(PgConnection conn, String why) {
    if (connection != conn) {
      return;
    }
    connection = null;
    channels.values().forEach(Listener::lost);
    if (!closed) {
      log.warn(
          "The connection listening for other replicas' changes was lost ({}); reconnecting", why);
      conn.close();
      later(1000, this::connect);
    }
  }

  private void heartbeat() {
    later(
        HEARTBEAT_MS,
        () -> {
          PgConnection conn = connection;
          if (conn != null) {
            conn.query("SELECT 1")
                .execute()
                .timeout(5, TimeUnit.SECONDS)
                .onFailure(e -> lost(conn, "no answer to a heartbeat"));
          }
          heartbeat();
        });
  }

  private void later(long ms, Runnable work) {
    if (closed) {
      return;
    }
    try {
      vertx.setTimer(ms, t -> work.run());
    } catch (RuntimeException stopping) {
      // Vert.x is closing: nothing left to listen for.
      closed = true;
    }
  }
}
