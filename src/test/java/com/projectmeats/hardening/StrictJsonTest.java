package com.projectmeats.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.http.Api;
import com.projectmeats.testing.Datastore;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the JSON reader refuses, each with a 400 that says why: keys given twice, broken UTF-8, NUL
 * characters, empty bodies, nesting past 1,000 levels, bodies on actions that are not JSON, and
 * query strings with NUL characters or broken percent-escapes.
 */
class StrictJsonTest {

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
    private final Datastore datastore;
    private World world;
    private Probe owner;

    Contract(Datastore datastore) {
      this.datastore = datastore;
    }

    @BeforeAll
    void start() {
      world = World.shared(datastore);
      owner = world.as(world.owner());
    }

    private void refused(Probe.Result r, int status, String mentions) {
      assertThat(Verdict.refusal(r, Set.of(status), mentions)).as(r.toString()).isNull();
    }

    private long suppliers() {
      return com.projectmeats.testing.Fixtures.await(
          world
              .app
              .app()
              .database()
              .sql()
              .count("SELECT count(*) FROM suppliers WHERE company_id = $1", world.companyA));
    }

    @Test
    void aKeyGivenTwiceIsRefusedByName() {
      long before = suppliers();
      refused(
          owner.json(
              "POST",
              Api.PREFIX + "/suppliers",
              "{\"name\":\"Honest Meats\",\"name\":\"Other Meats\"}"),
          400,
          "name");
      String line = "{\"weight\":\"1.00\",\"price_per_unit\":\"1.0000\",\"weight\":\"9.00\"}";
      refused(
          owner.json(
              "POST",
              Api.PREFIX + "/purchase-orders",
              "{\"supplier\":" + world.recordOfA.get("suppliers") + ",\"lines\":[" + line + "]}"),
          400,
          "weight");
      assertThat(suppliers()).isEqualTo(before);
    }

    @Test
    void anEmptyBodyIsABadRequestNotAServerError() {
      refused(
          owner.send("POST", Api.PREFIX + "/suppliers", "application/json", new byte[0]),
          400,
          "JSON object");
    }

    @Test
    void malformedUtf8IsRefusedEvenWhereJacksonWouldDecodeIt() {
      // 0xC0 0xAF is an overlong "/": Jackson reads it as a slash, a strict decoder refuses it.
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      body.writeBytes("{\"name\":\"a".getBytes(StandardCharsets.UTF_8));
      body.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
      body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
      refused(
          owner.send("POST", Api.PREFIX + "/suppliers", "application/json", body.toByteArray()),
          400,
          "UTF-8");
    }

    @Test
    void nulCharactersAreRefusedWhereverTheyAre() {
      refused(
          world
              .probe()
              .json(
                  "POST",
                  Api.PREFIX + "/auth/login",
                  "{\"email\":\"nobody\\u0000@example.com\",\"password\":\"whatever it is 123\"}"),
          400,
          "email");
      refused(
          owner.json(
              "POST", Api.PREFIX + "/suppliers", "{\"name\":\"ok\",\"notes\":[\"a\\u0000\"]}"),
          400,
          "notes[0]");
      refused(
          owner.json("POST", Api.PREFIX + "/suppliers", "{\"name\":\"ok\",\"x\\u0000\":1}"),
          400,
          "NUL");
    }

    @Test
    void anActionWithABrokenBodyIsRefusedAndNotDone() {
      Probe.Result created =
          owner.json(
              "POST",
              Api.PREFIX + "/purchase-orders",
              "{\"supplier\":" + world.recordOfA.get("suppliers") + "}");
      String order = Api.PREFIX + "/purchase-orders/" + created.problem().getLong("id");
      refused(owner.json("POST", order + "/submit", "{\"note\": "), 400, "JSON");
      refused(owner.json("POST", order + "/submit", "[]"), 400, "object");
      refused(
          owner.send(
              "POST", order + "/submit", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
          415,
          "application/json");
      assertThat(owner.get(order).problem().getString("status")).isEqualTo("draft");
      assertThat(owner.send("POST", order + "/submit", null, null).status()).isEqualTo(200);
      assertThat(owner.get(order).problem().getString("status")).isEqualTo("pending");

      Probe browser = world.browser(world.owner());
      refused(browser.json("POST", Api.PREFIX + "/auth/logout", "{\"all\":tru"), 400, "JSON");
      assertThat(browser.get(Api.PREFIX + "/auth/me").status())
          .as("the session survives a refused sign-out")
          .isEqualTo(200);
    }

    /**
     * A client generated from the document (openapi-generator's Java clients) sends JSON null for
     * an optional body the caller left out: it is "nothing", as no body is, not a broken body.
     */
    @Test
    void anOptionalBodyOfJsonNullIsReadAsNoBody() {
      Probe.Result started = owner.json("POST", Api.PREFIX + "/assistant/sessions", " null ");
      assertThat(started.status()).as(started.toString()).isEqualTo(201);
      assertThat(started.problem().getString("title")).isEmpty(); // no title was given
      refused(owner.json("POST", Api.PREFIX + "/assistant/sessions", "nul"), 400, "JSON");
    }

    /**
     * Workflow actions and sign-out document no body (a generated client offers none); a JSON one
     * sent anyway is not read, so nothing in it reaches the record (a broken one is refused: see
     * anActionWithABrokenBodyIsRefusedAndNotDone).
     */
    @Test
    void aBodySentToARouteThatReadsNoneChangesNothing() {
      Probe.Result created =
          owner.json(
              "POST",
              Api.PREFIX + "/purchase-orders",
              "{\"supplier\":" + world.recordOfA.get("suppliers") + "}");
      String order = Api.PREFIX + "/purchase-orders/" + created.problem().getLong("id");
      Probe.Result submitted =
          owner.json("POST", order + "/submit", "{\"status\":\"approved\",\"notes\":\"smuggled\"}");
      assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
      assertThat(submitted.problem().getString("status")).isEqualTo("pending");
      assertThat(owner.get(order).problem().getString("notes")).isNotEqualTo("smuggled");
      // Clients generated from the earlier document send JSON null there: still no body.
      Probe.Result approved = owner.json("POST", order + "/approve", " null ");
      assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
      assertThat(approved.problem().getString("status")).isEqualTo("approved");
      refused(owner.json("POST", order + "/cancel", "nul"), 400, "JSON");
      assertThat(owner.get(order).problem().getString("status")).isEqualTo("approved");

      Probe browser = world.browser(world.owner());
      assertThat(browser.json("POST", Api.PREFIX + "/auth/logout", "{\"all\":true}").status())
          .isEqualTo(204);
      assertThat(browser.get(Api.PREFIX + "/auth/me").status()).isEqualTo(401);
    }

    @Test
    void queryStringsWithNulOrBrokenEscapesAreRefusedByName() {
      refused(owner.get(Api.PREFIX + "/suppliers?q=a%00b"), 400, "q");
      refused(owner.get(Api.PREFIX + "/suppliers?state=T%00X"), 400, "state");
      refused(owner.raw(Api.PREFIX + "/suppliers?q=%ZZ"), 400, null);
      refused(owner.get(Api.PREFIX + "/auth/tokens?page=1%00"), 400, "page");
      refused(world.probe().get(Api.PREFIX + "/auth/invitations/pmi_%00x"), 400, "NUL");
    }

    @Test
    void nestingPastAThousandLevelsIsRefused() {
      refused(
          owner.json(
              "POST",
              Api.PREFIX + "/suppliers",
              "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
          400,
          "nesting");
      refused(
          owner.json(
              "POST",
              Api.PREFIX + "/suppliers",
              "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
          400,
          "nesting");
    }
  }
}
