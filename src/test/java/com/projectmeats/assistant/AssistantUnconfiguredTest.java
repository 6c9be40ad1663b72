package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Without OPENAI_API_KEY the assistant says so on every route; the rest of the product works on.
 */
class AssistantUnconfiguredTest {
  @Test
  void everyAssistantRouteAnswersAiNotConfigured() {
    try (TestApp app = TestApp.start(Datastore.SQLITE)) {
      Fixtures fixtures = new Fixtures(app);
      Fixtures.Member owner = fixtures.member(fixtures.company("No AI Meats"), Role.OWNER);
      Http http = app.http().with("Authorization", "Bearer " + owner.token());
      for (Http.Response r :
          new Http.Response[] {
            http.get("/api/v1/assistant/sessions"),
            http.post("/api/v1/assistant/sessions", new JsonObject()),
            http.post(
                "/api/v1/assistant/sessions/1/messages",
                new JsonObject().put("content", "hi"),
                "Accept",
                "text/event-stream"),
            http.post("/api/v1/assistant/sessions/1/messages/2/stop", null),
            http.get("/api/v1/assistant/usage")
          }) {
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().getString("code")).isEqualTo("ai_not_configured");
        assertThat(r.json().getString("detail")).contains("OPENAI_API_KEY");
      }
      // The web app asks this first, so it learns the assistant is off without a failing call.
      Http.Response status = http.get("/api/v1/assistant/status");
      assertThat(status.status()).as(status.toString()).isEqualTo(200);
      assertThat(status.json())
          .isEqualTo(
              new JsonObject()
                  .put("configured", false)
                  .putNull("model")
                  .put("models", new io.vertx.core.json.JsonArray()));
      assertThat(app.http().get("/api/v1/assistant/status").status()).isEqualTo(401);
      assertThat(app.http().get("/api/v1/assistant/sessions").status()).isEqualTo(401);
      assertThat(http.get("/api/v1/suppliers").status()).isEqualTo(200);
      Http.Response health = app.http().get("/healthz");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).contains("assistant");
    }
  }
}
