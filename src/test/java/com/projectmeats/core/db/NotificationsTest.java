package com.projectmeats.core.db;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every channel of a process shares one LISTEN connection (a replica's connections count against
 * the database's limit), and each channel's listener hears its own notifications, is told when the
 * line is lost, and hears again once it is back.
 */
class NotificationsTest {
  private Vertx vertx;
  private String url;
  private Database database;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    url = Datastore.POSTGRES.freshUrl();
    database = Database.open(vertx, AppConfig.from(TestApp.env(url)));
  }

  @AfterEach
  void close() throws Exception {
    await(database.close());
    await(vertx.close());
    Datastore.POSTGRES.dispose(url);
  }

  /** What one channel's listener was told, in order. */
  private static final class Heard implements Notifications.Listener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void notified(String payload) {
      events.add("notified " + payload);
    }

    @Override
    public void listening() {
      events.add("listening");
    }

    @Override
    public void lost() {
      events.add("lost");
    }

    String next() throws InterruptedException {
      String event = events.poll(30, TimeUnit.SECONDS);
      assertThat(event).as("an event within 30 s").isNotNull();
      return event;
    }
  }

  @Test
  void channelsShareOneConnectionAndListenAgainAfterItIsLost() throws Exception {
    Notifications notifications = database.notifications();
    Heard tokens = new Heard();
    Heard stops = new Heard();
    notifications.listen("test_tokens", tokens);
    notifications.listen("test_stops", stops);
    assertThat(tokens.next()).isEqualTo("listening");
    assertThat(stops.next()).isEqualTo("listening");
    assertThat(listenerBackends()).hasSize(1);

    Sql sql = database.sql();
    await(sql.query("SELECT pg_notify('test_tokens', 'a'), pg_notify('test_stops', 'b')"));
    assertThat(tokens.next()).isEqualTo("notified a");
    assertThat(stops.next()).isEqualTo("notified b");

    await(
        sql.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1"
                + " AND datname = current_database()",
            Notifications.SESSION_NAME));
    assertThat(tokens.next()).isEqualTo("lost");
    assertThat(tokens.next()).isEqualTo("listening");
    assertThat(stops.next()).isEqualTo("lost");
    assertThat(stops.next()).isEqualTo("listening");
    assertThat(listenerBackends()).hasSize(1);

    notifications.unlisten("test_tokens");
    await(sql.query("SELECT pg_notify('test_tokens', 'c'), pg_notify('test_stops', 'd')"));
    assertThat(stops.next()).isEqualTo("notified d");
    assertThat(tokens.events).as("a channel no longer listened to").isEmpty();
  }

  private List<Integer> listenerBackends() {
    List<Integer> pids = new java.util.ArrayList<>();
    await(
            database
                .sql()
                .query(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = $1"
                        + " AND datname = current_database()",
                    Notifications.SESSION_NAME))
        .forEach(r -> pids.add(r.getInteger(0)));
    return pids;
  }
}
