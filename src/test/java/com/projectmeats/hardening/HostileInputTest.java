package com.projectmeats.hardening;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.http.Api;
import com.projectmeats.testing.Datastore;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hand-written part of the bad-input suite: injection payloads that must be stored and returned
 * as plain data, traversal attempts on the static files written byte for byte, and bodies, headers
 * and URLs past their limits.
 */
class HostileInputTest {

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

  static final List<String> PAYLOADS =
      List.of(
          "Robert'); DROP TABLE suppliers;--",
          "' OR '1'='1",
          "1; SELECT pg_sleep(10); --",
          "x' AND 1=(SELECT count(*) FROM sqlite_master) --",
          "\"; DELETE FROM suppliers WHERE \"\"=\"",
          "%' OR 1=1 --",
          "\\'; UPDATE companies SET active = false; --",
          "<script>alert('pm')</script>",
          "<img src=x onerror=alert(1)>",
          "\"><svg/onload=alert(1)>",
          "{{7*7}} ${7*7} #{7*7}",
          "Ünïcödé 牛肉 🥩");

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

    private long count(String sql, Object... args) {
      return await(world.app.app().database().sql().count(sql, args));
    }

    @Test
    void injectionPayloadsAreStoredVerbatimReturnedAsJsonAndNeverExecuted() {
      long suppliers =
          count("SELECT count(*) FROM suppliers WHERE company_id = $1", world.companyA);
      List<String> wrong = new ArrayList<>();
      for (String payload : PAYLOADS) {
        Probe.Result created =
            owner.json(
                "POST",
                Api.PREFIX + "/suppliers",
                new JsonObject()
                    .put("name", payload)
                    .put("notes", payload)
                    .put("city", payload)
                    .encode());
        if (created.status() != 201 || created.millis() > 5000) {
          wrong.add(payload + " → " + created);
          continue;
        }
        Probe.Result read = owner.get(Api.PREFIX + "/suppliers/" + created.problem().getLong("id"));
        JsonObject record = read.problem();
        if (!payload.equals(record.getString("name"))
            || !payload.equals(record.getString("notes"))
            || !payload.equals(record.getString("city"))) {
          wrong.add(
              payload
                  + " came back as "
                  + record.getString("name")
                  + " / "
                  + record.getString("notes"));
        }
        if (!read.header("Content-Type").startsWith("application/json")
            || !"nosniff".equals(read.header("X-Content-Type-Options"))) {
          wrong.add(
              payload + " was not served as JSON with nosniff: " + read.header("Content-Type"));
        }
        // Searching for the payload finds exactly the record that holds it: the text is a value,
        // not SQL.
        Probe.Result found =
            owner.get(
                Api.PREFIX + "/suppliers?q=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
        long expected =
            PAYLOADS.stream().filter(p -> p.toLowerCase().contains(payload.toLowerCase())).count();
        if (found.status() != 200 || found.problem().getLong("count") != expected) {
          wrong.add("search for " + payload + " → " + found);
        }
      }
      assertThat(wrong).isEmpty();
      // Nothing was dropped, deleted or updated by any of them.
      assertThat(count("SELECT count(*) FROM suppliers WHERE company_id = $1", world.companyA))
          .isEqualTo(suppliers + PAYLOADS.size());
      assertThat(count("SELECT count(*) FROM companies WHERE active = $1", true)).isEqualTo(2);
      // A wildcard in a search is a literal character, not "everything".
      assertThat(owner.get(Api.PREFIX + "/suppliers?q=%25").problem().getLong("count"))
          .isEqualTo(PAYLOADS.stream().filter(p -> p.contains("%")).count());
    }

    @Test
    void htmlInThePathIsNeverReflected() {
      Probe.Result page = world.probe().raw("/%3Cscript%3Ealert(1)%3C/script%3E");
      assertThat(page.status()).isIn(200, 404);
      // A build without the web app answers problem+json, whose "instance" names the path; JSON
      // is never rendered as a page, so only an HTML answer must leave the path out.
      if (page.header("Content-Type").startsWith("text/html")) {
        assertThat(page.body()).doesNotContain("alert(1)");
      } else {
        assertThat(page.header("Content-Type")).startsWith("application/problem+json");
      }
      Probe.Result api = world.probe().raw(Api.PREFIX + "/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
      assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void pathTraversalNeverLeavesTheWebRoot() {
      List<String> attempts =
          List.of(
              "/../../../../etc/passwd",
              "/..%2f..%2f..%2f..%2fetc%2fpasswd",
              "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/assets/../../logback.xml",
              "/..%5c..%5clogback.xml",
              "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
              "/index.html%00.js",
              "//etc/passwd",
              "/./././../logback.xml",
              "/webroot/../db/migration/postgresql/V1__tenancy.sql",
              "/../db/migration/postgresql/V1__tenancy.sql",
              "/../com/projectmeats/App.class",
              "/%252e%252e%252flogback.xml",
              "/..;/logback.xml",
              "/assets/..\\..\\logback.xml",
              "/assets/%2e%2e/%2e%2e/auth/common-passwords.txt",
              "/file:///etc/passwd",
              "/%2e%2e%2f%2e%2e%2fpom.xml");
      List<String> wrong = new ArrayList<>();
      for (String target : attempts) {
        Probe.Result r = world.probe().raw(target);
        String body = new String(r.bytes(), StandardCharsets.ISO_8859_1);
        boolean leaked =
            body.contains("root:x:0:0")
                || body.contains("<configuration")
                || body.contains("CREATE TABLE")
                || body.contains("\u00CA\u00FE\u00BA\u00BE")
                || body.contains("<project")
                || body.contains("123456\n");
        boolean app = r.status() == 200 && body.contains("<div id=\"root\">");
        if (leaked || r.status() >= 500 || !(app || Set.of(400, 403, 404).contains(r.status()))) {
          wrong.add(target + " → " + r.status() + (leaked ? " LEAKED a file" : ""));
        }
      }
      assertThat(wrong).isEmpty();
    }

    @Test
    void bodiesHeadersAndUrlsPastTheirLimitsAreRefusedAtOnce() throws Exception {
      byte[] big =
          ("{\"name\":\"" + "x".repeat((int) Api.JSON_BODY_LIMIT) + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      Probe.Result declared =
          owner.send("POST", Api.PREFIX + "/suppliers", "application/json", big);
      assertThat(Verdict.refusal(declared, Set.of(413), null)).isNull();
      assertThat(
              Verdict.refusal(
                  world.probe().send("POST", Api.PREFIX + "/auth/login", "application/json", big),
                  Set.of(413),
                  null))
          .isNull();

      // Chunked, so the server cannot refuse on Content-Length: it must stop at the limit as it
      // reads.
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> chunked =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + world.app.app().port() + Api.PREFIX + "/suppliers"))
                  .timeout(Probe.TIMEOUT)
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + world.owner().token())
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(chunked.statusCode()).isEqualTo(413);
      assertThat(chunked.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");

      Probe.Result header = owner.raw(Api.PREFIX + "/suppliers", "X-Filler", "y".repeat(20_000));
      assertThat(header.status()).isBetween(400, 499);
      Probe.Result url = owner.raw(Api.PREFIX + "/suppliers?q=" + "z".repeat(10_000));
      assertThat(url.status()).isBetween(400, 499);
      assertThat(owner.get("/healthz").status()).isEqualTo(200);
    }
  }
}
