package com.projectmeats.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FakeOpenAi;
import com.projectmeats.testing.SseClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An upstream that never stops answering (a runaway model, a broken proxy looping): the answer is
 * cut at a size no real answer reaches, the client hears why, and the service neither holds an
 * unbounded text in memory nor writes one to the database.
 */
class RunawayAnswerTest {

  @Test
  void aNeverEndingAnswerIsCutWithAClearErrorAndKeptAtTheLimit() throws Exception {
    World world = World.shared(Datastore.SQLITE);
    var member = world.fixtures.member(world.companyA, Role.USER);
    long session =
        world
            .as(member)
            .send("POST", "/api/v1/assistant/sessions", null, null)
            .problem()
            .getLong("id");
    int before = world.ai.requests().size();
    world.ai.enqueue(FakeOpenAi.flood(1000, 200L * 1024 * 1024));
    try (SseClient stream =
        SseClient.post(
            world.app.app().port(),
            "/assistant/sessions/" + session + "/messages",
            member.token(),
            new JsonObject().put("content", "talk for ever"))) {
      List<SseClient.Event> events = stream.readAll(Duration.ofSeconds(30));
      SseClient.Event last = events.get(events.size() - 1);
      assertThat(last.name()).isEqualTo("error");
      assertThat(last.json().getString("code")).isEqualTo("upstream_bad_response");
      assertThat(last.json().getString("message")).contains("characters");
      String shown = SseClient.deltas(events);
      assertThat(shown.length()).isLessThanOrEqualTo(200_000);
      JsonObject stored =
          world
              .as(member)
              .get("/api/v1/assistant/sessions/" + session + "/messages")
              .problem()
              .getJsonArray("results")
              .stream()
              .map(JsonObject.class::cast)
              .filter(m -> "assistant".equals(m.getString("role")))
              .reduce((a, b) -> b)
              .orElseThrow();
      assertThat(stored.getString("content")).isEqualTo(shown);
      assertThat(stored.getString("status")).isEqualTo("failed");
    }
    assertThat(world.ai.request(before).closedNanos().get(2, TimeUnit.SECONDS))
        .as("the upstream call is closed")
        .isPositive();
  }
}
