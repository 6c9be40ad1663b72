package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FakeOpenAi;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.SseClient;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one PostgreSQL database: the answer streams from one, the stop lands on the
 * other, and the first still cuts its upstream within a second (LISTEN/NOTIFY carries the stop).
 */
class StopAcrossReplicasTest {
  @Test
  void aStopOnAnotherReplicaEndsTheStream() throws Exception {
    try (FakeOpenAi fake = new FakeOpenAi();
        TestApp first = TestApp.start(Datastore.POSTGRES, AssistantStreamTest.env(fake));
        TestApp second = first.replica(AssistantStreamTest.env(fake))) {
      Fixtures fixtures = new Fixtures(first);
      Fixtures.Member member =
          fixtures.member(fixtures.company("Two Replicas Meats"), Role.READONLY);
      long session =
          first
              .http()
              .with("Authorization", "Bearer " + member.token())
              .post("/api/v1/assistant/sessions", new JsonObject())
              .json()
              .getLong("id");
      fake.enqueue(FakeOpenAi.endless(30));
      try (SseClient client =
          SseClient.post(
              first.app().port(),
              "/assistant/sessions/" + session + "/messages",
              member.token(),
              new JsonObject().put("content", "keep talking"))) {
        List<SseClient.Event> events = new ArrayList<>();
        events.add(client.next(Duration.ofSeconds(10)));
        long id = Long.parseLong(events.get(0).json().getString("assistant_message_id"));
        events.add(client.next(Duration.ofSeconds(10)));
        Http onSecond = second.http().with("Authorization", "Bearer " + member.token());
        Http.Response stop =
            onSecond.post(
                "/api/v1/assistant/sessions/" + session + "/messages/" + id + "/stop", null);
        long stopped = System.nanoTime();
        assertThat(stop.status()).as(stop.toString()).isEqualTo(202);
        events.addAll(client.readAll(Duration.ofSeconds(5)));
        long upstreamClosed = fake.request(0).closedNanos().get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(upstreamClosed - stopped)).isLessThan(Duration.ofSeconds(1));
        SseClient.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("done");
        assertThat(last.json().getString("finish_reason")).isEqualTo("interrupted");
        JsonObject stored =
            onSecond.get("/api/v1/assistant/sessions/" + session + "/messages/" + id).json();
        assertThat(stored.getString("status")).isEqualTo("interrupted");
        assertThat(stored.getString("content")).isEqualTo(SseClient.deltas(events)).isNotEmpty();
      }
    }
  }
}
