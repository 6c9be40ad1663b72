package com.projectmeats.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every deployment relies on: health, the web app's files, the error shape, request ids,
 * headers.
 */
class ServiceTest {

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

  abstract static class Contract extends OnEachDatastore {
    private Http http;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void start() {
      http = app.http();
    }

    @Test
    void healthzReportsTheDatabaseUp() {
      Http.Response r = http.get("/healthz");
      assertThat(r.status()).isEqualTo(200);
      JsonObject body = r.json();
      assertThat(body.getString("status")).isEqualTo("UP");
      assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
          .contains("database");
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      Http.Response head = http.head("/healthz");
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }

    @Test
    void unknownApiPathsAreProblemsNeverTheApp() {
      for (String path :
          new String[] {
            "/api/v1/no-such-thing",
            "/api/elsewhere",
            "/api/v1/suppliers/1/nope",
            // Starts as a segment with routes does (the routes are grouped by first segment).
            "/api/v1/suppliersx",
            "/api/v1/suppliersx/1"
          }) {
        Http.Response r = http.get(path);
        assertThat(r.status()).as(path).isIn(401, 404);
        assertThat(r.header("Content-Type")).as(path).startsWith("application/problem+json");
        assertThat(r.json().getInteger("status")).isEqualTo(r.status());
        assertThat(r.body()).doesNotContain("<html");
      }
    }

    @Test
    void clientRoutesAnswerTheAppAndAssetsAreCachedForever() {
      Http.Response route = http.get("/purchase-orders/42");
      assertThat(route.status()).isEqualTo(200);
      assertThat(route.header("Content-Type")).startsWith("text/html");
      assertThat(route.header("Cache-Control")).isEqualTo("no-cache");
      assertThat(route.body()).contains("<div id=\"root\">");
      assertThat(http.get("/").body()).contains("<div id=\"root\">");
      String asset = builtAsset();
      Http.Response js = http.get("/assets/" + asset);
      assertThat(js.status()).isEqualTo(200);
      assertThat(js.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
      assertThat(http.get("/assets/missing-0000.js").status()).isEqualTo(404);
      assertThat(http.get("/favicon-that-is-not-there.png").status()).isEqualTo(404);
    }

    @Test
    void pathTraversalNeverLeavesTheWebRoot() {
      String[] attempts = {
        "/../pom.xml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2flogback.xml",
        "/assets/%2e%2e/%2e%2e/logback.xml",
        "/..%5c..%5clogback.xml",
        "/webroot/../logback.xml",
        "/assets/....//....//logback.xml",
        "/%252e%252e/logback.xml"
      };
      for (String path : attempts) {
        Http.Response r = http.get(path);
        assertThat(r.body())
            .as(path)
            .doesNotContain("<configuration")
            .doesNotContain("root:x:0:0")
            .doesNotContain("<project");
        assertThat(r.status()).as(path).isIn(200, 400, 404);
      }
    }

    @Test
    void everyResponseCarriesARequestIdAndSecurityHeaders() {
      Http.Response given = http.get("/healthz", "X-Request-Id", "trace-abc.123");
      assertThat(given.header("X-Request-Id")).isEqualTo("trace-abc.123");
      Http.Response fresh = http.get("/api/v1/nothing");
      assertThat(fresh.header("X-Request-Id")).matches("[0-9a-f-]{36}");
      Http.Response hostile = http.get("/healthz", "X-Request-Id", "bad id\twith spaces");
      assertThat(hostile.header("X-Request-Id")).matches("[0-9a-f-]{36}");
      for (Http.Response r : new Http.Response[] {given, fresh, http.get("/")}) {
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Referrer-Policy")).isNotBlank();
        assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
      }
    }

    @Test
    void wrongMethodIsAProblemToo() {
      Http.Response r = http.send("POST", "/healthz", "{}", "application/json");
      assertThat(r.status()).isIn(404, 405);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    private static String builtAsset() {
      File assets = new File("target/classes/webroot/assets");
      String[] names = assets.list((dir, name) -> name.endsWith(".js"));
      assertThat(names)
          .as("the web app must be built into target/classes/webroot (mvn runs npm)")
          .isNotEmpty();
      return Arrays.stream(names).sorted().findFirst().orElseThrow();
    }
  }
}
