package com.projectmeats.assistant;

import static com.projectmeats.testing.FakeOpenAi.Step.send;
import static com.projectmeats.testing.FakeOpenAi.chunk;
import static com.projectmeats.testing.FakeOpenAi.finish;
import static com.projectmeats.testing.FakeOpenAi.toolFragment;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FakeOpenAi;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.SseClient;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sessions, messages, usage, throttling and the tools' company boundary, on both datastores. */
class AssistantApiTest {

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    static final int PER_MINUTE = 4;
    private final Datastore datastore;
    private FakeOpenAi fake;
    private TestApp app;
    private Fixtures fixtures;
    private long company;
    private Fixtures.Member member;
    private Http http;

    Contract(Datastore datastore) {
      this.datastore = datastore;
    }

    @BeforeAll
    void start() {
      fake = new FakeOpenAi();
      Map<String, String> env = new HashMap<>(AssistantStreamTest.env(fake));
      env.put("ASSISTANT_MESSAGES_PER_MINUTE", Integer.toString(PER_MINUTE));
      app = TestApp.start(datastore, env);
      fixtures = new Fixtures(app);
      company = fixtures.company("Lone Star Meats");
    }

    @AfterAll
    void stop() {
      app.close();
      fake.close();
    }

    @BeforeEach
    void freshMember() {
      fake.reset();
      member = fixtures.member(company, Role.READONLY);
      http = as(member);
    }

    private Http as(Fixtures.Member m) {
      return app.http().with("Authorization", "Bearer " + m.token());
    }

    private long newSession(Http client) {
      Http.Response r = client.post("/api/v1/assistant/sessions", new JsonObject());
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      return r.json().getLong("id");
    }

    private JsonObject askJson(Http client, long session, String question) {
      Http.Response r =
          client.post(
              "/api/v1/assistant/sessions/" + session + "/messages",
              new JsonObject().put("content", question));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      return r.json();
    }

    @Test
    void sessionsAreTitledByTheirFirstQuestionRenamedArchivedAndDeleted() {
      long session = newSession(http);
      Http.Response created = http.get("/api/v1/assistant/sessions/" + session);
      assertThat(created.json().getString("title")).isEmpty();
      assertThat(created.header("ETag")).isNotBlank();
      fake.enqueue(FakeOpenAi.text("Three."), FakeOpenAi.text("Two."));
      askJson(
          http,
          session,
          "How many  open purchase orders\ndo we have with Cactus Packing this week, and which are late?");
      askJson(http, session, "And sales orders?");
      JsonObject titled = http.get("/api/v1/assistant/sessions/" + session).json();
      assertThat(titled.getString("title"))
          .isEqualTo(
              "How many open purchase orders do we have with Cactus Packing this week, and…");

      JsonObject messages = http.get("/api/v1/assistant/sessions/" + session + "/messages").json();
      assertThat(messages.getLong("count")).isEqualTo(4);
      assertThat(
              messages.getJsonArray("results").stream()
                  .map(m -> ((JsonObject) m).getString("role")))
          .containsExactly("user", "assistant", "user", "assistant");
      JsonObject answer = messages.getJsonArray("results").getJsonObject(1);
      assertThat(answer.getString("status")).isEqualTo("complete");
      assertThat(answer.getString("model")).isEqualTo("gpt-test");
      assertThat(answer.getJsonObject("usage").getLong("completion_tokens")).isEqualTo(5);
      JsonObject page =
          http.get("/api/v1/assistant/sessions/" + session + "/messages?page_size=3").json();
      assertThat(page.getJsonArray("results")).hasSize(3);
      assertThat(page.getString("next"))
          .isEqualTo(
              http.base()
                  + "/api/v1/assistant/sessions/"
                  + session
                  + "/messages?page_size=3&page=2");

      String etag = http.get("/api/v1/assistant/sessions/" + session).header("ETag");
      Http.Response renamed =
          http.patch(
              "/api/v1/assistant/sessions/" + session,
              new JsonObject().put("title", "Cactus orders"),
              "If-Match",
              etag);
      assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
      assertThat(renamed.json().getString("title")).isEqualTo("Cactus orders");
      Http.Response stale =
          http.patch(
              "/api/v1/assistant/sessions/" + session,
              new JsonObject().put("archived", true),
              "If-Match",
              etag);
      assertThat(stale.status()).isEqualTo(412);
      assertThat(
              http.patch(
                      "/api/v1/assistant/sessions/" + session,
                      new JsonObject().put("archived", true))
                  .status())
          .isEqualTo(200);
      assertThat(ids(http.get("/api/v1/assistant/sessions").json())).doesNotContain(session);
      assertThat(ids(http.get("/api/v1/assistant/sessions?archived=true").json()))
          .containsExactly(session);

      assertThat(http.delete("/api/v1/assistant/sessions/" + session).status()).isEqualTo(204);
      assertThat(http.get("/api/v1/assistant/sessions/" + session).status()).isEqualTo(404);
      assertThat(http.get("/api/v1/assistant/sessions/" + session + "/messages").status())
          .isEqualTo(404);
      assertThat(http.delete("/api/v1/assistant/sessions/" + session).status()).isEqualTo(404);
    }

    @Test
    void statusSaysTheAssistantIsOnWithItsModels() {
      Http.Response r = http.get("/api/v1/assistant/status");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().getBoolean("configured")).isTrue();
      assertThat(r.json().getString("model")).isNotBlank();
      assertThat(r.json().getJsonArray("models").getList()).contains(r.json().getString("model"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
      long session = newSession(http);
      Http.Response longTitle =
          http.patch(
              "/api/v1/assistant/sessions/" + session,
              new JsonObject().put("title", "x".repeat(201)));
      assertThat(longTitle.status()).isEqualTo(422);
      assertThat(longTitle.json().getJsonObject("errors").containsKey("title")).isTrue();
      Http.Response archived =
          http.patch(
              "/api/v1/assistant/sessions/" + session, new JsonObject().put("archived", "yes"));
      assertThat(archived.status()).isEqualTo(422);
      assertThat(http.get("/api/v1/assistant/sessions?page_size=500").status()).isEqualTo(400);
      assertThat(http.get("/api/v1/assistant/sessions/abc").status()).isEqualTo(404);
      Http.Response notJson =
          http.send(
              "POST", "/api/v1/assistant/sessions/" + session + "/messages", "hi", "text/plain");
      assertThat(notJson.status()).isEqualTo(415);
      Http.Response wrongType =
          http.post(
              "/api/v1/assistant/sessions/" + session + "/messages",
              new JsonObject().put("content", 42));
      assertThat(wrongType.status()).isEqualTo(422);
    }

    @Test
    void sessionsBelongToOneUserInOneCompany() {
      long mine = newSession(http);
      Fixtures.Member colleague = fixtures.member(company, Role.OWNER);
      long otherCompany = fixtures.company("Other Brokerage");
      fixtures.join(member.userId(), otherCompany, Role.OWNER);
      Http meElsewhere =
          app.http()
              .with("Authorization", "Bearer " + fixtures.token(member.userId(), otherCompany));
      for (Http stranger : List.of(as(colleague), meElsewhere)) {
        assertThat(stranger.get("/api/v1/assistant/sessions/" + mine).status()).isEqualTo(404);
        assertThat(
                stranger
                    .patch("/api/v1/assistant/sessions/" + mine, new JsonObject().put("title", "x"))
                    .status())
            .isEqualTo(404);
        assertThat(stranger.delete("/api/v1/assistant/sessions/" + mine).status()).isEqualTo(404);
        assertThat(ids(stranger.get("/api/v1/assistant/sessions").json())).doesNotContain(mine);
      }
      assertThat(http.get("/api/v1/assistant/sessions/" + mine).status()).isEqualTo(200);
      assertThat(app.http().get("/api/v1/assistant/sessions").status()).isEqualTo(401);
    }

    @Test
    void usageIsSummedPerCompanyAndMonthAndSurvivesDeletion() {
      long other = fixtures.company("Elsewhere");
      Fixtures.Member outsider = fixtures.member(other, Role.MANAGER);
      Fixtures.Member manager = fixtures.member(company, Role.MANAGER);
      long before = monthTotals(as(manager)).getLong("prompt_tokens", 0L);
      long beforeMessages = monthTotals(as(manager)).getLong("messages", 0L);
      fake.enqueue(usageOnly(100, 10), usageOnly(200, 20), usageOnly(1000, 1000));
      long session = newSession(http);
      askJson(http, session, "one");
      askJson(as(manager), newSession(as(manager)), "two");
      askJson(as(outsider), newSession(as(outsider)), "elsewhere");
      assertThat(http.delete("/api/v1/assistant/sessions/" + session).status()).isEqualTo(204);

      JsonObject month = monthTotals(as(manager));
      assertThat(month.getLong("prompt_tokens") - before).isEqualTo(300);
      assertThat(month.getLong("messages") - beforeMessages).isEqualTo(2);
      assertThat(month.getLong("total_tokens"))
          .isEqualTo(month.getLong("prompt_tokens") + month.getLong("completion_tokens"));
      assertThat(month.getJsonArray("by_model").getJsonObject(0).getString("model"))
          .isEqualTo("gpt-test");
      assertThat(monthTotals(as(outsider)).getLong("prompt_tokens")).isEqualTo(1000);
      assertThat(http.get("/api/v1/assistant/usage").status()).isEqualTo(403);
      assertThat(as(manager).get("/api/v1/assistant/usage?month=2026-13").status()).isEqualTo(400);
      assertThat(
              as(manager)
                  .get("/api/v1/assistant/usage?month=2001-01")
                  .json()
                  .getJsonArray("results"))
          .isEmpty();
    }

    private FakeOpenAi.Script usageOnly(long prompt, long completion) {
      return FakeOpenAi.stream(
          send(chunk(FakeOpenAi.delta("ok"))),
          send(chunk(finish("stop"))),
          send(chunk(FakeOpenAi.usage(prompt, completion))),
          send("data: [DONE]\n\n"));
    }

    private JsonObject monthTotals(Http client) {
      Http.Response r = client.get("/api/v1/assistant/usage");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      String month = YearMonth.now(ZoneOffset.UTC).toString();
      return r.json().getJsonArray("results").stream()
          .map(o -> (JsonObject) o)
          .filter(o -> o.getString("month").equals(month))
          .findFirst()
          .orElse(new JsonObject());
    }

    @Test
    void eachUserMayAskOnlySoOftenAMinute() {
      long session = newSession(http);
      for (int i = 0; i < PER_MINUTE; i++) {
        fake.enqueue(FakeOpenAi.text("ok"));
        askJson(http, session, "question " + i);
      }
      Http.Response throttled =
          http.post(
              "/api/v1/assistant/sessions/" + session + "/messages",
              new JsonObject().put("content", "more"));
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 61L);
      assertThat(fake.requests()).hasSize(PER_MINUTE);
      // Another user of the same company is not held back.
      fake.enqueue(FakeOpenAi.text("ok"));
      Fixtures.Member colleague = fixtures.member(company, Role.USER);
      askJson(as(colleague), newSession(as(colleague)), "mine");
    }

    /**
     * Questions sent at the same moment all pass the early check (none of them is stored yet), so
     * the limit has to hold where they are stored: exactly the allowed number is answered, the rest
     * are refused as throttled before anything is streamed, and they leave no message behind.
     */
    @Test
    void questionsSentAtOnceCannotOutrunTheLimit() throws Exception {
      int sent = PER_MINUTE + 4;
      List<Long> sessions = new ArrayList<>();
      for (int i = 0; i < sent; i++) {
        sessions.add(newSession(http)); // as from several tabs: no session row lines them up
      }
      ExecutorService senders = Executors.newFixedThreadPool(sent);
      List<Http.Response> responses = new ArrayList<>();
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> pending = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
          String path = "/api/v1/assistant/sessions/" + sessions.get(i) + "/messages";
          JsonObject question = new JsonObject().put("content", "all at once " + i);
          String[] accept =
              i % 2 == 0 ? new String[] {"Accept", "text/event-stream"} : new String[0];
          pending.add(
              senders.submit(
                  () -> {
                    go.await();
                    return http.post(path, question, accept);
                  }));
        }
        go.countDown();
        for (Future<Http.Response> response : pending) {
          responses.add(response.get(30, TimeUnit.SECONDS));
        }
      } finally {
        senders.shutdownNow();
      }

      assertThat(responses)
          .filteredOn(r -> r.status() == 200 || r.status() == 201)
          .as(responses.toString())
          .hasSize(PER_MINUTE);
      List<Http.Response> refused =
          responses.stream().filter(r -> r.status() != 200 && r.status() != 201).toList();
      assertThat(refused)
          .hasSize(sent - PER_MINUTE)
          .allSatisfy(
              r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(429);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.json().getString("code")).isEqualTo("throttled");
                assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 61L);
                assertThat(r.body()).doesNotContain("event:");
              });
      var sql = app.app().database().sql();
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM assistant_messages WHERE user_id = $1",
                      member.userId())))
          .as("a question and its answer for each one answered, nothing for the refused")
          .isEqualTo(2L * PER_MINUTE);
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM assistant_messages WHERE user_id = $1 AND status = 'streaming'",
                      member.userId())))
          .isZero();
    }

    /**
     * The model is told the company it works for and the session's earlier turns, ending with the
     * question; a regenerated answer is asked with the same.
     */
    @Test
    void theModelSeesTheCompanyAndTheSessionsHistoryAlsoWhenRegenerating() {
      long session = newSession(http);
      fake.enqueue(
          FakeOpenAi.text("First answer."),
          FakeOpenAi.text("Second answer."),
          FakeOpenAi.text("Second again."));
      askJson(http, session, "first question");
      long answer = askJson(http, session, "second question").getLong("id");
      Http.Response again =
          http.post(
              "/api/v1/assistant/sessions/" + session + "/messages/" + answer + "/regenerate",
              null);
      assertThat(again.status()).as(again.toString()).isEqualTo(201);
      assertThat(again.json().getString("content")).isEqualTo("Second again.");
      for (int i : List.of(1, 2)) {
        JsonArray sent = fake.request(i).body().getJsonArray("messages");
        assertThat(sent.getJsonObject(0).getString("content")).contains("Lone Star Meats");
        assertThat(
                sent.stream()
                    .skip(1)
                    .map(
                        m ->
                            ((JsonObject) m).getString("role")
                                + ": "
                                + ((JsonObject) m).getString("content")))
            .containsExactly(
                "user: first question", "assistant: First answer.", "user: second question");
      }
    }

    @Test
    void aQuestionTheServiceRefusesNeverReachesTheModel() {
      long otherCompany = fixtures.company("Faraway Meats");
      long theirs = newSession(as(fixtures.member(otherCompany, Role.USER)));
      long colleagues = newSession(as(fixtures.member(company, Role.USER)));
      long gone = newSession(http);
      assertThat(http.delete("/api/v1/assistant/sessions/" + gone).status()).isEqualTo(204);
      for (long session : List.of(theirs, colleagues, gone, 987_654_321L)) {
        Http.Response plain =
            http.post(
                "/api/v1/assistant/sessions/" + session + "/messages",
                new JsonObject().put("content", "hello"));
        assertThat(plain.status()).as(plain.toString()).isEqualTo(404);
        try (SseClient client =
            SseClient.post(
                app.app().port(),
                "/assistant/sessions/" + session + "/messages",
                member.token(),
                new JsonObject().put("content", "hello"))) {
          assertThat(client.status()).isEqualTo(404);
          assertThat(client.header("Content-Type")).startsWith("application/problem+json");
        }
      }
      // The caller's own session, asked about while acting for another company the caller is in.
      long mine = newSession(http);
      fixtures.join(member.userId(), otherCompany, Role.USER);
      Http.Response elsewhere =
          app.http()
              .with("Authorization", "Bearer " + fixtures.token(member.userId(), otherCompany))
              .post(
                  "/api/v1/assistant/sessions/" + mine + "/messages",
                  new JsonObject().put("content", "hello"));
      assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(404);
      assertThat(elsewhere.header("Content-Type")).startsWith("application/problem+json");
      sleep(300); // a model request started alongside the checks would have arrived by now
      assertThat(fake.requests()).isEmpty();
      assertThat(
              Fixtures.await(
                  app.app()
                      .database()
                      .sql()
                      .count(
                          "SELECT count(*) FROM assistant_messages WHERE session_id IN ($1, $2, $3)",
                          theirs,
                          colleagues,
                          mine)))
          .isZero();
    }

    /**
     * On SQLite the model is asked while the question is stored; when storing fails, the model's
     * request is cut and the client gets the error, with nothing stored. On PostgreSQL the store
     * comes first, so the model is not asked at all. A trigger refuses the question (on PostgreSQL
     * after half a second, so a model request started beside the store would surely be out).
     */
    @Test
    void aStoreThatFailsAfterTheModelWasAskedCutsTheModelsRequest() throws Exception {
      var sql = app.app().database().sql();
      if (datastore == Datastore.POSTGRES) {
        Fixtures.await(
            sql.update(
                "CREATE OR REPLACE FUNCTION pm_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.content = 'refuse to store' THEN PERFORM pg_sleep(0.5); RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$"));
        Fixtures.await(
            sql.update(
                "CREATE TRIGGER pm_test_refuse BEFORE INSERT ON assistant_messages "
                    + "FOR EACH ROW EXECUTE FUNCTION pm_test_refuse()"));
      } else {
        Fixtures.await(
            sql.update(
                "CREATE TRIGGER pm_test_refuse BEFORE INSERT ON assistant_messages "
                    + "WHEN NEW.content = 'refuse to store' BEGIN SELECT RAISE(ABORT, 'refused'); END"));
      }
      try {
        fake.enqueue(FakeOpenAi.endless(30));
        long session = newSession(http);
        long answered;
        try (SseClient client =
            SseClient.post(
                app.app().port(),
                "/assistant/sessions/" + session + "/messages",
                member.token(),
                new JsonObject().put("content", "refuse to store"))) {
          assertThat(client.status()).isEqualTo(500);
          assertThat(client.header("Content-Type")).startsWith("application/problem+json");
          assertThat(new JsonObject(client.readBody()).getString("code"))
              .isEqualTo("internal_error");
          answered = System.nanoTime();
        }
        if (datastore == Datastore.POSTGRES) {
          // A question is checked, stored and read in one statement before the model is asked
          // (Messages.askWithHistory): a store that fails leaves nothing to cut.
          assertThat(fake.requests()).isEmpty();
        }
        for (FakeOpenAi.Received upstream : fake.requests()) {
          long closed = upstream.closedNanos().get(5, TimeUnit.SECONDS);
          assertThat(Duration.ofNanos(closed - answered)).isLessThan(Duration.ofSeconds(1));
          assertThat(upstream.finished()).isFalse();
        }
        assertThat(
                http.get("/api/v1/assistant/sessions/" + session + "/messages")
                    .json()
                    .getLong("count"))
            .isZero();
        // The session is not left broken: the next question is answered and stored as usual.
        fake.reset();
        fake.enqueue(FakeOpenAi.text("Stored."));
        assertThat(askJson(http, session, "and now?").getString("content")).isEqualTo("Stored.");
        assertThat(
                http.get("/api/v1/assistant/sessions/" + session + "/messages")
                    .json()
                    .getLong("count"))
            .isEqualTo(2);
      } finally {
        Fixtures.await(
            sql.update(
                "DROP TRIGGER pm_test_refuse"
                    + (datastore == Datastore.POSTGRES ? " ON assistant_messages" : "")));
      }
    }

    @Test
    void toolsSeeTheCallersCompanyOnly() {
      Fixtures.Member writer = fixtures.member(company, Role.USER);
      long ours = supplier(as(writer), "Our Cactus Packing");
      long otherCompany = fixtures.company("Rival Brokerage");
      Fixtures.Member rival = fixtures.member(otherCompany, Role.USER);
      long theirs = supplier(as(rival), "Rival Secret Packing");

      String calls =
          chunk(
                  toolFragment(
                      0, "c0", "get_record", "{\"resource\":\"suppliers\",\"id\":" + theirs + "}"))
              + chunk(
                  toolFragment(
                      1,
                      "c1",
                      "search_records",
                      "{\"resource\":\"suppliers\",\"q\":\"Rival Secret\"}"))
              + chunk(
                  toolFragment(
                      2, "c2", "get_record", "{\"resource\":\"suppliers\",\"id\":" + ours + "}"))
              + chunk(
                  toolFragment(
                      3,
                      "c3",
                      "search_records",
                      "{\"resource\":\"suppliers\",\"filters\":{\"state\":\"TX\"}}"))
              + chunk(finish("tool_calls"))
              + "data: [DONE]\n\n";
      fake.enqueue(FakeOpenAi.stream(send(calls)), FakeOpenAi.text("Done."));
      long session = newSession(http);
      List<SseClient.Event> events;
      try (SseClient client =
          SseClient.post(
              app.app().port(),
              "/assistant/sessions/" + session + "/messages",
              member.token(),
              new JsonObject().put("content", "Tell me about Rival Secret Packing"))) {
        events = client.readAll(Duration.ofSeconds(10));
      }
      assertThat(events.stream().filter(e -> e.name().equals("tool"))).hasSize(4);
      JsonArray sent = fake.request(1).body().getJsonArray("messages");
      JsonObject[] results = new JsonObject[4];
      for (Object o : sent) {
        JsonObject m = (JsonObject) o;
        if ("tool".equals(m.getString("role"))) {
          results[Integer.parseInt(m.getString("tool_call_id").substring(1))] =
              new JsonObject(m.getString("content"));
        }
      }
      assertThat(results[0].getString("error")).contains("not found");
      assertThat(results[1].getLong("count")).isZero();
      assertThat(results[2].getJsonObject("record").getString("name"))
          .isEqualTo("Our Cactus Packing");
      assertThat(
              results[3].getJsonArray("results").stream().map(r -> ((JsonObject) r).getLong("id")))
          .contains(ours)
          .doesNotContain(theirs);
      assertThat(sent.encode()).doesNotContain("Rival Secret Packing\",");
      assertThat(events.stream().filter(e -> e.name().equals("tool")).map(SseClient.Event::data))
          .noneMatch(d -> d.contains("Rival Secret Packing\""));
    }

    @Test
    void reportToolsAnswerTheCompanysFigures() {
      String calls =
          chunk(toolFragment(0, "c0", "open_orders", ""))
              + chunk(toolFragment(1, "c1", "receivables_aging", "{}"))
              + chunk(toolFragment(2, "c2", "dashboard", "{}"))
              + chunk(toolFragment(3, "c3", "delete_everything", "{}"))
              + chunk(finish("tool_calls"))
              + "data: [DONE]\n\n";
      fake.enqueue(FakeOpenAi.stream(send(calls)), FakeOpenAi.text("Here."));
      askJson(http, newSession(http), "How are we doing?");
      JsonArray sent = fake.request(1).body().getJsonArray("messages");
      List<JsonObject> results =
          sent.stream()
              .map(o -> (JsonObject) o)
              .filter(m -> "tool".equals(m.getString("role")))
              .map(m -> new JsonObject(m.getString("content")))
              .toList();
      assertThat(results).hasSize(4);
      assertThat(
              results
                  .get(0)
                  .getJsonObject("purchase_orders")
                  .getJsonObject("pending")
                  .getLong("count"))
          .isNotNull();
      assertThat(results.get(1).containsKey("totals")).as(results.get(1).encode()).isTrue();
      assertThat(results.get(2).containsKey("open_orders")).as(results.get(2).encode()).isTrue();
      assertThat(results.get(3).getString("error")).contains("no tool named");
    }

    private long supplier(Http client, String name) {
      Http.Response r =
          client.post("/api/v1/suppliers", new JsonObject().put("name", name).put("state", "TX"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      return r.json().getLong("id");
    }

    private static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static List<Long> ids(JsonObject page) {
      return page.getJsonArray("results").stream()
          .map(o -> ((JsonObject) o).getLong("id"))
          .toList();
    }
  }
}
