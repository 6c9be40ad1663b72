package com.projectmeats.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FakeOpenAi;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.SseClient;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A service that is stopped (SIGTERM, a deploy) while answers stream: each open stream ends with an
 * {@code error} event {@code server_restarting} instead of a cut connection, so the browser can say
 * so and ask again; what had arrived is stored, and the upstream call is closed.
 */
class ShutdownStreamTest {

  @Test
  void openStreamsAreToldTheServerIsRestartingAndKeepTheirPartialAnswer() throws Exception {
    try (FakeOpenAi ai = new FakeOpenAi()) {
      TestApp app =
          TestApp.start(
              Datastore.SQLITE,
              Map.of(
                  "OPENAI_API_KEY",
                  FakeOpenAi.KEY,
                  "OPENAI_BASE_URL",
                  ai.baseUrl(),
                  "SHUTDOWN_TIMEOUT_SECONDS",
                  "20"));
      Fixtures fx = new Fixtures(app);
      String token = fx.member(fx.company("Restart Co"), Role.USER).token();
      long session =
          app.http()
              .with("Authorization", "Bearer " + token)
              .post("/api/v1/assistant/sessions", null)
              .json()
              .getLong("id");
      ai.enqueue(FakeOpenAi.endless(20), FakeOpenAi.endless(20));
      List<SseClient> streams = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        SseClient stream =
            SseClient.post(
                app.app().port(),
                "/assistant/sessions/" + session + "/messages",
                token,
                new JsonObject().put("content", "keep talking " + i));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next(Duration.ofSeconds(5)).name()).isEqualTo("message");
        assertThat(stream.next(Duration.ofSeconds(5)).name()).isEqualTo("delta");
        streams.add(stream);
      }
      long t0 = System.nanoTime();
      CompletableFuture<Void> stopped = app.app().stop().toCompletionStage().toCompletableFuture();
      for (SseClient stream : streams) {
        List<SseClient.Event> rest = stream.readAll(Duration.ofSeconds(10));
        SseClient.Event last = rest.get(rest.size() - 1);
        assertThat(last.name()).as(stream.rawBody()).isEqualTo("error");
        assertThat(last.json().getString("code")).isEqualTo("server_restarting");
        stream.close();
      }
      stopped.get(30, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .as("streams do not hold the shutdown for the drain limit")
          .isLessThan(Duration.ofSeconds(10));
      for (int i = 0; i < 2; i++) {
        assertThat(ai.request(i).closedNanos().get(1, TimeUnit.SECONDS))
            .as("upstream call " + i + " closed")
            .isPositive();
      }
      try (Connection c = DriverManager.getConnection("jdbc:" + app.databaseUrl());
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT status, error_code, content FROM assistant_messages WHERE role = 'assistant'")) {
        int answers = 0;
        while (rs.next()) {
          answers++;
          assertThat(rs.getString("status")).isEqualTo("interrupted");
          assertThat(rs.getString("error_code")).isEqualTo("server_restarting");
          assertThat(rs.getString("content")).startsWith("w0 ");
        }
        assertThat(answers).isEqualTo(2);
      }
    }
  }
}
