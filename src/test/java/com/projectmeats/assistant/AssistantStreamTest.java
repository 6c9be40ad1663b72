package com.projectmeats.assistant;

import static com.projectmeats.testing.FakeOpenAi.Step.after;
import static com.projectmeats.testing.FakeOpenAi.Step.send;
import static com.projectmeats.testing.FakeOpenAi.chunk;
import static com.projectmeats.testing.FakeOpenAi.delta;
import static com.projectmeats.testing.FakeOpenAi.finish;
import static com.projectmeats.testing.FakeOpenAi.toolFragment;
import static com.projectmeats.testing.FakeOpenAi.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FakeOpenAi;
import com.projectmeats.testing.FakeOpenAi.Step;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.SseClient;
import com.projectmeats.testing.SseClient.Event;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streamed answer end to end on both datastores: the real service, a scripted OpenAI-compatible
 * server on loopback, and the event stream read off the socket. A question is stored differently on
 * each (one statement on PostgreSQL, a transaction on SQLite).
 */
class AssistantStreamTest {
  static final Duration WAIT = Duration.ofSeconds(10);

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

  static Map<String, String> env(FakeOpenAi fake) {
    return Map.of(
        "OPENAI_API_KEY",
        FakeOpenAi.KEY,
        "OPENAI_BASE_URL",
        fake.baseUrl(),
        "OPENAI_MODEL",
        "gpt-test",
        "OPENAI_MODELS",
        "gpt-test,gpt-big",
        "ASSISTANT_FIRST_TOKEN_TIMEOUT_MS",
        "2500",
        "ASSISTANT_IDLE_TIMEOUT_MS",
        "2500",
        "ASSISTANT_KEEPALIVE_MS",
        "200",
        // The slow-reader test streams 12 MB to fill the sockets; the answer cap has its own test.
        "ASSISTANT_MAX_ANSWER_CHARS",
        "50000000");
  }

  abstract static class Contract extends OnEachDatastore {
    private FakeOpenAi fake;
    private Fixtures fixtures;
    private long company;
    private Fixtures.Member member;
    private Http http;
    private long session;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @Override
    protected TestApp startApp() {
      fake = new FakeOpenAi();
      return TestApp.start(datastore, env(fake));
    }

    @BeforeAll
    void start() {
      fixtures = new Fixtures(app);
      company = fixtures.company("Cactus Brokerage");
    }

    @AfterAll
    void stopFake() {
      fake.close();
    }

    @BeforeEach
    void freshMember() {
      fake.reset();
      member = fixtures.member(company, Role.READONLY);
      http = app.http().with("Authorization", "Bearer " + member.token());
      Http.Response created = http.post("/api/v1/assistant/sessions", new JsonObject());
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      session = created.json().getLong("id");
    }

    private SseClient ask(String question) {
      return SseClient.post(
          app.app().port(),
          "/assistant/sessions/" + session + "/messages",
          member.token(),
          new JsonObject().put("content", question));
    }

    private JsonObject message(long id) {
      Http.Response r = http.get("/api/v1/assistant/sessions/" + session + "/messages/" + id);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      return r.json();
    }

    private JsonObject awaitStatus(long id, String status) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        JsonObject m = message(id);
        if (m.getString("status").equals(status) || System.nanoTime() > deadline) {
          assertThat(m.getString("status")).isEqualTo(status);
          return m;
        }
        sleep(20);
      }
    }

    private static long assistantId(List<Event> events) {
      assertThat(events.get(0).name()).isEqualTo("message");
      return Long.parseLong(events.get(0).json().getString("assistant_message_id"));
    }

    private static List<String> names(List<Event> events) {
      return events.stream().map(Event::name).distinct().toList();
    }

    // ---- streaming
    // -------------------------------------------------------------------------------

    @Test
    void relaysEachDeltaAsItArrivesAndStoresExactlyTheSameText() {
      fake.enqueue(
          FakeOpenAi.stream(
              send(chunk(delta("Cactus "))),
              after(400, chunk(delta("Packing owes "))),
              send(chunk(delta("1 234,50 €."))),
              send(chunk(finish("stop"))),
              send(chunk(usage(42, 7))),
              send("data: [DONE]\n\n")));
      try (SseClient client = ask("Who owes us money?")) {
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(client.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(client.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(client.header("Content-Encoding")).isIn(null, "identity");
        Event first = client.next(WAIT);
        assertThat(first.name()).isEqualTo("message");
        assertThat(first.json().getString("user_message_id")).matches("\\d+");
        Event delta = client.next(WAIT);
        assertThat(delta.json().getString("content")).isEqualTo("Cactus ");
        // The first piece is here while the model still holds back the rest: nothing buffers on the
        // way.
        assertThat(fake.request(0).finished()).isFalse();
        List<Event> rest = client.readAll(WAIT);
        List<Event> all = new ArrayList<>(List.of(first, delta));
        all.addAll(rest);
        assertThat(names(all)).containsExactly("message", "delta", "done");
        JsonObject done = all.get(all.size() - 1).json();
        assertThat(done.getString("finish_reason")).isEqualTo("stop");
        assertThat(done.getJsonObject("usage"))
            .isEqualTo(new JsonObject().put("prompt_tokens", 42).put("completion_tokens", 7));
        JsonObject stored = message(assistantId(all));
        assertThat(SseClient.deltas(all))
            .isEqualTo("Cactus Packing owes 1 234,50 €.")
            .isEqualTo(stored.getString("content"));
        assertThat(stored.getString("status")).isEqualTo("complete");
        assertThat(stored.getString("finish_reason")).isEqualTo("stop");
        assertThat(stored.getJsonObject("usage").getLong("prompt_tokens")).isEqualTo(42);
      }
      JsonObject upstream = fake.request(0).body();
      assertThat(upstream.getBoolean("stream")).isTrue();
      assertThat(upstream.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
      assertThat(upstream.getString("model")).isEqualTo("gpt-test");
      JsonArray sent = upstream.getJsonArray("messages");
      assertThat(sent.getJsonObject(0).getString("role")).isEqualTo("system");
      assertThat(sent.getJsonObject(0).getString("content"))
          .contains("Cactus Brokerage")
          .contains("cannot create");
      assertThat(sent.getJsonObject(sent.size() - 1))
          .isEqualTo(new JsonObject().put("role", "user").put("content", "Who owes us money?"));
    }

    /** One upstream byte sequence with every awkward feature, cut into chunks in many ways. */
    static final String UPSTREAM =
        ": OPENROUTER PROCESSING\r\n\r\n"
            + chunk(delta("Grüße ")).replace("\n", "\r\n")
            + chunk(delta("🥩 Rind"))
            + chunk(delta("fleisch, "))
            + "\n"
            + chunk(delta("日本, "))
            + ":\n"
            + chunk(delta("done")).replace("\n", "\r")
            + chunk(finish("stop"))
            + chunk(usage(3, 4))
            + "data: [DONE]\n\n";

    static final String UPSTREAM_TEXT = "Grüße 🥩 Rindfleisch, 日本, done";

    static Stream<Arguments> chunkings() {
      byte[] bytes = UPSTREAM.getBytes(StandardCharsets.UTF_8);
      int emoji = indexOf(bytes, "🥩".getBytes(StandardCharsets.UTF_8));
      int japanese = indexOf(bytes, "日".getBytes(StandardCharsets.UTF_8));
      int crlf = indexOf(bytes, "\r\n".getBytes(StandardCharsets.UTF_8));
      int loneCr = indexOf(bytes, "done\"".getBytes(StandardCharsets.UTF_8));
      int[] everyByte = new int[bytes.length - 1];
      for (int i = 0; i < everyByte.length; i++) {
        everyByte[i] = i + 1;
      }
      int[] sevens = new int[bytes.length / 7];
      for (int i = 0; i < sevens.length; i++) {
        sevens[i] = (i + 1) * 7;
      }
      return Stream.of(
          Arguments.of("all in one chunk (several events per chunk)", new int[] {}),
          Arguments.of("inside a 4-byte character", new int[] {emoji + 1, emoji + 2, emoji + 3}),
          Arguments.of("inside a 3-byte character", new int[] {japanese + 1, japanese + 2}),
          Arguments.of("between CR and LF", new int[] {crlf + 1}),
          Arguments.of("after a lone CR", new int[] {loneCr + 9}),
          Arguments.of("every 7 bytes", sevens),
          Arguments.of("every byte on its own", everyByte));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkings")
    void anyChunkingOfTheUpstreamGivesTheSameAnswer(String name, int[] cuts) {
      byte[] bytes = UPSTREAM.getBytes(StandardCharsets.UTF_8);
      fake.enqueue(FakeOpenAi.stream(FakeOpenAi.cut(bytes, cuts, cuts.length > 50 ? 1 : 30)));
      try (SseClient client = ask("chunks")) {
        List<Event> events = client.readAll(WAIT);
        assertThat(names(events)).containsExactly("message", "delta", "done");
        assertThat(SseClient.deltas(events)).isEqualTo(UPSTREAM_TEXT);
        JsonObject stored = message(assistantId(events));
        assertThat(stored.getString("content")).isEqualTo(UPSTREAM_TEXT);
        assertThat(stored.getJsonObject("usage"))
            .isEqualTo(new JsonObject().put("prompt_tokens", 3).put("completion_tokens", 4));
      }
    }

    @Test
    void sendsKeepAliveCommentsWhileTheModelIsSilent() {
      fake.enqueue(
          FakeOpenAi.stream(
              Step.pause(1000),
              send(chunk(delta("late"))),
              send(chunk(finish("stop"))),
              send("data: [DONE]\n\n")));
      try (SseClient client = ask("think first")) {
        List<Event> events = client.readAll(WAIT);
        assertThat(SseClient.deltas(events)).isEqualTo("late");
        assertThat(client.comments()).contains("keep-alive");
        assertThat(client.rawBody())
            .startsWith("event: message\n")
            .contains("\n\n: keep-alive\n\n");
      }
    }

    @Test
    void aSlowReaderPausesTheUpstreamAndStillGetsEverything() {
      long total = 12L * 1024 * 1024;
      fake.enqueue(FakeOpenAi.flood(1000, total));
      try (SseClient client =
          SseClient.post(
              app.app().port(),
              "/assistant/sessions/" + session + "/messages",
              member.token(),
              new JsonObject().put("content", "everything"),
              4096)) {
        Event first = client.next(WAIT);
        FakeOpenAi.Received upstream = fake.awaitRequest(1, WAIT);
        // The client reads nothing: the service stops reading the model, whose writes back up until
        // they stop altogether, long before the whole answer is written.
        long stalled = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
          long before = upstream.bytesWritten().get();
          sleep(700);
          if (upstream.bytesWritten().get() == before) {
            stalled = before;
            break;
          }
        }
        assertThat(upstream.finished()).isFalse();
        assertThat(stalled)
            .as("bytes the model wrote before it was paused")
            .isPositive()
            .isLessThan(total / 2);
        assertThat(upstream.blocked()).isTrue();
        List<Event> events = client.readAll(Duration.ofSeconds(90));
        assertThat(upstream.finished()).isTrue();
        JsonObject stored = message(assistantId(List.of(first)));
        String text = SseClient.deltas(events);
        assertThat(text.length())
            .isGreaterThan((int) (total / 2))
            .isEqualTo(text.length() / 1000 * 1000);
        assertThat(stored.getString("content")).isEqualTo(text);
        assertThat(stored.getString("status")).isEqualTo("complete");
      }
    }

    // ---- stopping -------------------------------------------------------------------------------

    @Test
    void aClientThatDisconnectsEndsTheUpstreamWithinASecondAndThePartialIsKept() throws Exception {
      fake.enqueue(FakeOpenAi.endless(30));
      StringBuilder read = new StringBuilder();
      long id;
      long closed;
      try (SseClient client = ask("go on for ever")) {
        id = Long.parseLong(client.next(WAIT).json().getString("assistant_message_id"));
        for (int i = 0; i < 3; i++) {
          read.append(client.next(WAIT).json().getString("content"));
        }
        closed = System.nanoTime();
      }
      long upstreamClosed = fake.request(0).closedNanos().get(5, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(upstreamClosed - closed)).isLessThan(Duration.ofSeconds(1));
      JsonObject stored = awaitStatus(id, "interrupted");
      assertThat(stored.getString("content")).startsWith(read.toString()).startsWith("w0 w1 w2 ");
      assertThat(stored.getString("content")).matches("(w\\d+ )+");
    }

    @Test
    void stopFromAnotherRequestEndsTheStreamAndKeepsWhatWasSent() throws Exception {
      fake.enqueue(FakeOpenAi.endless(30));
      try (SseClient client = ask("go on for ever")) {
        List<Event> events = new ArrayList<>();
        events.add(client.next(WAIT));
        long id = assistantId(events);
        events.add(client.next(WAIT));
        events.add(client.next(WAIT));
        Http.Response other =
            app.http()
                .with("Authorization", "Bearer " + fixtures.token(member.userId(), company))
                .post("/api/v1/assistant/sessions/" + session + "/messages/" + id + "/stop", null);
        long stopped = System.nanoTime();
        assertThat(other.status()).as(other.toString()).isEqualTo(202);
        events.addAll(client.readAll(WAIT));
        assertThat(client.ended()).isTrue();
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("done");
        assertThat(last.json().getString("finish_reason")).isEqualTo("interrupted");
        long upstreamClosed = fake.request(0).closedNanos().get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(upstreamClosed - stopped)).isLessThan(Duration.ofSeconds(1));
        JsonObject stored = message(id);
        assertThat(stored.getString("status")).isEqualTo("interrupted");
        assertThat(stored.getString("content")).isEqualTo(SseClient.deltas(events));
        Http.Response again =
            http.post("/api/v1/assistant/sessions/" + session + "/messages/" + id + "/stop", null);
        assertThat(again.status()).isEqualTo(409);
      }
    }

    @Test
    void someoneElseCannotStopOrReadYourAnswer() {
      fake.enqueue(FakeOpenAi.endless(50));
      try (SseClient client = ask("mine")) {
        long id = Long.parseLong(client.next(WAIT).json().getString("assistant_message_id"));
        Fixtures.Member colleague = fixtures.member(company, Role.OWNER);
        Http other = app.http().with("Authorization", "Bearer " + colleague.token());
        assertThat(
                other
                    .post(
                        "/api/v1/assistant/sessions/" + session + "/messages/" + id + "/stop", null)
                    .status())
            .isEqualTo(404);
        assertThat(other.get("/api/v1/assistant/sessions/" + session + "/messages").status())
            .isEqualTo(404);
        assertThat(
                other
                    .post(
                        "/api/v1/assistant/sessions/" + session + "/messages",
                        new JsonObject().put("content", "hi"))
                    .status())
            .isEqualTo(404);
        assertThat(client.next(WAIT).name()).isEqualTo("delta");
      }
    }

    @Test
    void aSessionDeletedMidAnswerIsStoppedAndKeepsNoTextOnlyItsUsageRow() throws Exception {
      fake.enqueue(FakeOpenAi.endless(30));
      long id;
      try (SseClient client = ask("secret plans")) {
        id = Long.parseLong(client.next(WAIT).json().getString("assistant_message_id"));
        client.next(WAIT);
        assertThat(http.delete("/api/v1/assistant/sessions/" + session).status()).isEqualTo(204);
        long deleted = System.nanoTime();
        // Deleting the session also stops its answer: the model stops generating (and billing).
        client.readAll(WAIT);
        assertThat(
                Duration.ofNanos(fake.request(0).closedNanos().get(5, TimeUnit.SECONDS) - deleted))
            .isLessThan(Duration.ofSeconds(1));
      }
      var sql = app.app().database().sql();
      long deadline = System.nanoTime() + WAIT.toNanos();
      var row =
          Fixtures.await(
                  sql.one(
                      "SELECT content, status, session_id FROM assistant_messages WHERE id = $1",
                      id))
              .orElseThrow();
      while (!"interrupted".equals(row.getString("status")) && System.nanoTime() < deadline) {
        sleep(20);
        row =
            Fixtures.await(
                    sql.one(
                        "SELECT content, status, session_id FROM assistant_messages WHERE id = $1",
                        id))
                .orElseThrow();
      }
      assertThat(row.getString("status")).isEqualTo("interrupted");
      assertThat(row.getString("content")).isEmpty();
      assertThat(row.getValue("session_id")).isNull();
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM assistant_messages WHERE content LIKE '%secret plans%'")))
          .isZero();
    }

    // ---- regenerate -----------------------------------------------------------------------------

    @Test
    void regenerateAnswersTheLatestQuestionAgain() {
      fake.enqueue(
          FakeOpenAi.text("First ", "try."),
          FakeOpenAi.text("Second ", "try."),
          FakeOpenAi.text("Next."));
      long question;
      long firstAnswer;
      try (SseClient client = ask("What is open?")) {
        List<Event> events = client.readAll(WAIT);
        question = Long.parseLong(events.get(0).json().getString("user_message_id"));
        firstAnswer = assistantId(events);
      }
      long secondAnswer;
      try (SseClient client =
          SseClient.post(
              app.app().port(),
              "/assistant/sessions/" + session + "/messages/" + firstAnswer + "/regenerate",
              member.token(),
              null)) {
        List<Event> events = client.readAll(WAIT);
        assertThat(events.get(0).json().getString("user_message_id"))
            .isEqualTo(Long.toString(question));
        secondAnswer = assistantId(events);
        assertThat(secondAnswer).isGreaterThan(firstAnswer);
        assertThat(SseClient.deltas(events))
            .isEqualTo("Second try.")
            .isEqualTo(message(secondAnswer).getString("content"));
      }
      assertThat(
              fake.request(1).body().getJsonArray("messages").stream()
                  .map(m -> ((JsonObject) m).getString("content"))
                  .skip(1))
          .containsExactly("What is open?");
      assertThat(message(firstAnswer).getString("content")).isEqualTo("First try.");
      Http.Response older =
          http.post(
              "/api/v1/assistant/sessions/" + session + "/messages/" + firstAnswer + "/regenerate",
              null);
      assertThat(older.status()).isEqualTo(409);
      try (SseClient client = ask("And then?")) {
        client.readAll(WAIT);
      }
      // The next turn sees the regenerated answer, not the one it replaced.
      assertThat(
              fake.request(2).body().getJsonArray("messages").stream()
                  .map(m -> ((JsonObject) m).getString("content"))
                  .skip(1))
          .containsExactly("What is open?", "Second try.", "And then?");
    }

    // ---- failures -------------------------------------------------------------------------------

    private JsonObject problem(SseClient client, int status, String code) {
      assertThat(client.status()).isEqualTo(status);
      assertThat(client.header("Content-Type")).startsWith("application/problem+json");
      JsonObject body = new JsonObject(client.readBody());
      assertThat(body.getString("code")).isEqualTo(code);
      return body;
    }

    private JsonObject lastAssistant() {
      JsonArray results =
          http.get("/api/v1/assistant/sessions/" + session + "/messages")
              .json()
              .getJsonArray("results");
      return results.getJsonObject(results.size() - 1);
    }

    @Test
    void upstreamUnauthorizedIsA502BeforeTheStreamAndNotRetried() {
      fake.enqueue(
          FakeOpenAi.status(
              401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-abc\"}}"));
      try (SseClient client = ask("hello")) {
        JsonObject body = problem(client, 502, "upstream_unauthorized");
        assertThat(body.getString("detail")).doesNotContain("sk-");
      }
      assertThat(fake.requests()).hasSize(1);
      JsonObject stored = lastAssistant();
      assertThat(stored.getString("status")).isEqualTo("failed");
      assertThat(stored.getString("error_code")).isEqualTo("upstream_unauthorized");
    }

    @Test
    void rateLimitsAreRetriedAndThenSucceed() {
      fake.enqueue(
          FakeOpenAi.status(429, "{}", "Retry-After", "0"),
          FakeOpenAi.status(503, "{}", "Retry-After", "0"),
          FakeOpenAi.status(429, "{}", "retry-after-ms", "10"),
          FakeOpenAi.text("finally"));
      try (SseClient client = ask("hello")) {
        assertThat(SseClient.deltas(client.readAll(WAIT))).isEqualTo("finally");
      }
      assertThat(fake.requests()).hasSize(4);
    }

    @Test
    void rateLimitedFourTimesIsUpstreamRateLimited() {
      for (int i = 0; i < 4; i++) {
        fake.enqueue(FakeOpenAi.status(429, "{}", "Retry-After", "0"));
      }
      try (SseClient client = ask("hello")) {
        problem(client, 503, "upstream_rate_limited");
        assertThat(client.header("Retry-After")).isNotNull();
      }
      assertThat(fake.requests()).hasSize(4);
      assertThat(lastAssistant().getString("error_code")).isEqualTo("upstream_rate_limited");
    }

    @Test
    void retryAfterIsHonoured() {
      fake.enqueue(FakeOpenAi.status(429, "{}", "Retry-After", "1"), FakeOpenAi.text("ok"));
      try (SseClient client = ask("hello")) {
        assertThat(SseClient.deltas(client.readAll(WAIT))).isEqualTo("ok");
      }
      assertThat(Duration.ofNanos(fake.request(1).arrivedNanos() - fake.request(0).arrivedNanos()))
          .isGreaterThan(Duration.ofMillis(950));
    }

    @Test
    void serverErrorsFourTimesAreUpstreamUnavailable() {
      for (int i = 0; i < 4; i++) {
        fake.enqueue(FakeOpenAi.status(500 + i, "<html>down</html>", "Retry-After", "0"));
      }
      try (SseClient client = ask("hello")) {
        problem(client, 503, "upstream_unavailable");
      }
      assertThat(fake.requests()).hasSize(4);
    }

    @Test
    void noResponseAtAllIsATimeout() {
      fake.enqueue(FakeOpenAi.silent());
      long start = System.nanoTime();
      try (SseClient client = ask("hello")) {
        problem(client, 504, "upstream_timeout");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(2400), Duration.ofSeconds(8));
    }

    @Test
    void noFirstTokenAfterTheHeadIsATimeoutEvent() throws Exception {
      fake.enqueue(FakeOpenAi.stream(Step.hang()));
      try (SseClient client = ask("hello")) {
        List<Event> events = client.readAll(WAIT);
        assertThat(names(events)).containsExactly("message", "error");
        assertThat(events.get(1).json().getString("code")).isEqualTo("upstream_timeout");
        JsonObject stored = message(assistantId(events));
        assertThat(stored.getString("status")).isEqualTo("failed");
        assertThat(stored.getString("content")).isEmpty();
      }
      fake.request(0).closedNanos().get(5, TimeUnit.SECONDS);
    }

    @Test
    void silenceMidAnswerIsATimeoutAndThePartialIsStoredAsFailed() {
      fake.enqueue(
          FakeOpenAi.stream(
              send(chunk(delta("Half an "))), send(chunk(delta("answer"))), Step.hang()));
      try (SseClient client = ask("hello")) {
        List<Event> events = client.readAll(WAIT);
        assertThat(names(events)).containsExactly("message", "delta", "error");
        Event error = events.get(events.size() - 1);
        assertThat(error.json().getString("code")).isEqualTo("upstream_timeout");
        assertThat(error.json().getString("message")).isNotBlank();
        JsonObject stored = message(assistantId(events));
        assertThat(stored.getString("status")).isEqualTo("failed");
        assertThat(stored.getString("error_code")).isEqualTo("upstream_timeout");
        assertThat(stored.getString("content"))
            .isEqualTo("Half an answer")
            .isEqualTo(SseClient.deltas(events));
      }
    }

    static Stream<Arguments> garbage() {
      return Stream.of(
          Arguments.of("not JSON", "data: {\"choices\": [oops\n\n"),
          Arguments.of(
              "an error object", "data: {\"error\":{\"message\":\"model overloaded\"}}\n\n"),
          Arguments.of("a line over 1 MB", "data: " + "x".repeat(1024 * 1024 + 10) + "\n\n"),
          Arguments.of("an end without finishing", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageAfterTheStreamBeganIsAnErrorEventAndThePartialIsKept(String name, String garbage) {
      fake.enqueue(
          FakeOpenAi.stream(
              send(chunk(delta("Before "))), send(chunk(delta("the mess"))), send(garbage)));
      try (SseClient client = ask("hello")) {
        List<Event> events = client.readAll(WAIT);
        assertThat(names(events)).containsExactly("message", "delta", "error");
        assertThat(events.get(events.size() - 1).json().getString("code"))
            .isEqualTo("upstream_bad_response");
        JsonObject stored = message(assistantId(events));
        assertThat(stored.getString("status")).isEqualTo("failed");
        assertThat(stored.getString("content"))
            .isEqualTo("Before the mess")
            .isEqualTo(SseClient.deltas(events));
      }
    }

    @Test
    void aPageInsteadOfAStreamIsABadResponseBeforeTheStream() {
      fake.enqueue(
          (vertx, response, request) ->
              response.putHeader("Content-Type", "text/html").end("<html>login</html>"));
      try (SseClient client = ask("hello")) {
        problem(client, 502, "upstream_bad_response");
      }
    }

    // ---- tools ----------------------------------------------------------------------------------

    @Test
    void aToolRoundTrip() {
      String toolStream =
          chunk(toolFragment(0, "call_1", "search_records", ""))
              + chunk(toolFragment(0, null, null, "{\"resource\":\"supp"))
              + chunk(toolFragment(0, null, null, "liers\",\"q\":\"acme\"}"))
              + chunk(finish("tool_calls"))
              + chunk(usage(20, 3))
              + "data: [DONE]\n\n";
      byte[] bytes = toolStream.getBytes(StandardCharsets.UTF_8);
      fake.enqueue(
          FakeOpenAi.stream(FakeOpenAi.cut(bytes, new int[] {17, 90, 91, 200}, 20)),
          FakeOpenAi.text("No supplier ", "matches."));
      try (SseClient client = ask("Find Acme")) {
        List<Event> events = client.readAll(WAIT);
        assertThat(names(events)).containsExactly("message", "tool", "delta", "done");
        JsonObject tool = events.get(1).json();
        assertThat(tool.getString("name")).isEqualTo("search_records");
        assertThat(tool.getJsonObject("arguments"))
            .isEqualTo(new JsonObject().put("resource", "suppliers").put("q", "acme"));
        assertThat(tool.getString("result_summary")).isNotBlank();
        JsonObject done = events.get(events.size() - 1).json();
        assertThat(done.getJsonObject("usage"))
            .isEqualTo(new JsonObject().put("prompt_tokens", 30).put("completion_tokens", 8));
        JsonObject stored = message(assistantId(events));
        assertThat(stored.getString("content")).isEqualTo("No supplier matches.");
        assertThat(stored.getJsonArray("tool_calls").getJsonObject(0).getString("name"))
            .isEqualTo("search_records");
      }
      JsonObject first = fake.request(0).body();
      assertThat(
              first.getJsonArray("tools").stream()
                  .map(t -> ((JsonObject) t).getJsonObject("function").getString("name")))
          .containsExactly(
              "search_records", "get_record", "open_orders", "receivables_aging", "dashboard");
      JsonArray second = fake.request(1).body().getJsonArray("messages");
      JsonObject asked = second.getJsonObject(second.size() - 2);
      assertThat(asked.getString("role")).isEqualTo("assistant");
      JsonObject call = asked.getJsonArray("tool_calls").getJsonObject(0);
      assertThat(call.getString("id")).isEqualTo("call_1");
      assertThat(call.getJsonObject("function").getString("arguments"))
          .isEqualTo("{\"resource\":\"suppliers\",\"q\":\"acme\"}");
      JsonObject result = second.getJsonObject(second.size() - 1);
      assertThat(result.getString("role")).isEqualTo("tool");
      assertThat(result.getString("tool_call_id")).isEqualTo("call_1");
      assertThat(new JsonObject(result.getString("content"))).isNotNull();
    }

    @Test
    void atMostFiveToolRoundsThenTheModelMustAnswer() {
      for (int i = 0; i < 6; i++) {
        fake.enqueue(
            FakeOpenAi.stream(
                send(chunk(toolFragment(0, "call_" + i, "dashboard", "{}"))),
                send(chunk(finish("tool_calls"))),
                send("data: [DONE]\n\n")));
      }
      try (SseClient client = ask("loop")) {
        List<Event> events = client.readAll(WAIT);
        assertThat(events.stream().filter(e -> e.name().equals("tool"))).hasSize(5);
        assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
      }
      assertThat(fake.requests()).hasSize(6);
      assertThat(fake.request(4).body().containsKey("tool_choice")).isFalse();
      assertThat(fake.request(5).body().getString("tool_choice")).isEqualTo("none");
    }

    // ---- without streaming, models
    // ---------------------------------------------------------------

    @Test
    void withoutAcceptEventStreamTheWholeMessageComesBackAsJson() {
      fake.enqueue(FakeOpenAi.text("All ", "at ", "once."));
      Http.Response r =
          http.post(
              "/api/v1/assistant/sessions/" + session + "/messages",
              new JsonObject().put("content", "hello").put("model", "gpt-big"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().getString("content")).isEqualTo("All at once.");
      assertThat(r.json().getString("status")).isEqualTo("complete");
      assertThat(r.json().getString("model")).isEqualTo("gpt-big");
      assertThat(fake.request(0).body().getString("model")).isEqualTo("gpt-big");
      assertThat(http.get(r.header("Location")).json()).isEqualTo(r.json());
    }

    @Test
    void aModelOutsideOpenAiModelsIsRefusedNamingTheAllowedOnes() {
      Http.Response r =
          http.post(
              "/api/v1/assistant/sessions/" + session + "/messages",
              new JsonObject().put("content", "hello").put("model", "gpt-5-ultra"));
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.json().getJsonObject("errors").getJsonArray("model").getString(0))
          .contains("gpt-test", "gpt-big");
      Http.Response empty =
          http.post(
              "/api/v1/assistant/sessions/" + session + "/messages",
              new JsonObject().put("content", " "));
      assertThat(empty.status()).isEqualTo(422);
      assertThat(empty.json().getJsonObject("errors").containsKey("content")).isTrue();
      assertThat(fake.requests()).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      throw new IllegalArgumentException("not found");
    }

    static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
