package com.projectmeats.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Integrators' API tokens: created once with the secret shown, used, listed without it, revoked,
 * expired.
 */
class TokenTest {

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

  abstract static class Contract extends AccountsContract {

    Contract(Datastore datastore) {
      super(datastore);
    }

    private JsonObject create(Http browser, JsonObject body) {
      Http.Response r = browser.post("/api/v1/auth/tokens", body);
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      return r.json();
    }

    @Test
    void createUseListAndRevoke() {
      Accounts.Person p = accounts.person(accounts.fixtures.company("Token Co"), Role.MANAGER);
      Http browser = accounts.browser(p);
      JsonObject created = create(browser, new JsonObject().put("name", "ERP sync"));
      String secret = created.getString("token");

      assertThat(secret).startsWith("pmt_").hasSizeGreaterThan(40);
      assertThat(created.getString("prefix")).isEqualTo(secret.substring(0, 12));
      assertThat(created.getString("expires_on")).isNull();
      // Stored only as a hash.
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM api_tokens WHERE token_hash = $1 AND company_id = $2",
                  Secrets.hash(secret),
                  p.companyId()))
          .isEqualTo(1);
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM api_tokens WHERE token_hash = $1 OR prefix = $1", secret))
          .isZero();

      Http.Response me = bearer(secret).get("/api/v1/auth/me");
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.json().getString("via")).isEqualTo("token");
      assertThat(me.json().getJsonObject("company").getLong("id")).isEqualTo(p.companyId());
      assertThat(me.json().getJsonObject("company").getString("role")).isEqualTo("manager");

      Http.Response list = browser.get("/api/v1/auth/tokens");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).doesNotContain(secret).doesNotContain("token_hash");
      JsonObject listed =
          list.json().getJsonArray("results").stream()
              .map(JsonObject.class::cast)
              .filter(t -> t.getLong("id").equals(created.getLong("id")))
              .findFirst()
              .orElseThrow();
      assertThat(listed.getString("name")).isEqualTo("ERP sync");
      assertThat(listed.getString("last_used_on")).as("set by the request above").isNotNull();
      assertThat(listed.fieldNames())
          .containsExactlyInAnyOrder(
              "id", "name", "prefix", "created_on", "expires_on", "last_used_on");

      Http.Response revoked = browser.delete("/api/v1/auth/tokens/" + created.getLong("id"));
      assertThat(revoked.status()).isEqualTo(204);
      Http.Response after = bearer(secret).get("/api/v1/auth/me");
      assertThat(after.status()).isEqualTo(401);
      assertThat(browser.delete("/api/v1/auth/tokens/" + created.getLong("id")).status())
          .isEqualTo(404);
      assertThat(browser.get("/api/v1/auth/tokens").body())
          .doesNotContain("\"id\":" + created.getLong("id") + ",");
    }

    @Test
    void anExpiredTokenIsRefusedOnTheNextRequest() {
      Accounts.Person p = accounts.person(accounts.fixtures.company("Expiry Co"), Role.USER);
      Http browser = accounts.browser(p);
      String tomorrow = Instant.now().plusSeconds(86_400).toString();
      JsonObject created =
          create(browser, new JsonObject().put("name", "short lived").put("expires_on", tomorrow));
      String secret = created.getString("token");
      assertThat(Instant.parse(created.getString("expires_on"))).isEqualTo(Instant.parse(tomorrow));
      assertThat(bearer(secret).get("/api/v1/auth/me").status()).isEqualTo(200);

      accounts.update(
          "UPDATE api_tokens SET expires_on = $2 WHERE id = $1",
          created.getLong("id"),
          Instant.now().minusSeconds(1));
      Http.Response r = bearer(secret).get("/api/v1/auth/me");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().getString("code")).isEqualTo("not_authenticated");
    }

    @Test
    void expiryMustBeAFutureDateOrTime() {
      Http browser =
          accounts.browser(accounts.person(accounts.fixtures.company("Dates Co"), Role.USER));
      Http.Response past =
          browser.post(
              "/api/v1/auth/tokens",
              new JsonObject().put("name", "x").put("expires_on", "2020-01-01"));
      assertThat(past.status()).isEqualTo(422);
      assertThat(past.json().getJsonObject("errors").containsKey("expires_on")).isTrue();
      Http.Response garbage =
          browser.post(
              "/api/v1/auth/tokens", new JsonObject().put("name", "x").put("expires_on", "soon"));
      assertThat(garbage.status()).isEqualTo(422);
      Http.Response noName = browser.post("/api/v1/auth/tokens", new JsonObject());
      assertThat(noName.json().getJsonObject("errors").containsKey("name")).isTrue();
      // A date means "through that day" (UTC).
      JsonObject dated =
          create(browser, new JsonObject().put("name", "dated").put("expires_on", "2099-03-01"));
      assertThat(dated.getString("expires_on")).isEqualTo("2099-03-02T00:00:00Z");
    }

    @Test
    void aTokenCannotMintTokensAndNobodyRevokesAnothersToken() {
      long company = accounts.fixtures.company("Mint Co");
      Accounts.Person p = accounts.person(company, Role.OWNER);
      Http.Response minted =
          bearer(p.token()).post("/api/v1/auth/tokens", new JsonObject().put("name", "child"));
      assertThat(minted.status()).isEqualTo(403);

      Accounts.Person other = accounts.person(company, Role.ADMIN);
      long othersToken =
          accounts.count("SELECT id FROM api_tokens WHERE user_id = $1", other.userId());
      assertThat(accounts.browser(p).delete("/api/v1/auth/tokens/" + othersToken).status())
          .isEqualTo(404);
      assertThat(bearer(other.token()).get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void aTokenIsBoundToTheCompanySelectedWhenItWasMade() {
      Accounts.Person p = accounts.person(accounts.fixtures.company("First Co"), Role.OWNER);
      long second = accounts.fixtures.company("Second Co");
      accounts.fixtures.join(p.userId(), second, Role.READONLY);
      Http browser = accounts.browser(p);
      String secondSlug = accounts.fixtures.slug(second);

      Http.Response created =
          browser.post(
              "/api/v1/auth/tokens",
              new JsonObject().put("name", "second"),
              "X-Tenant-ID",
              secondSlug);
      assertThat(created.status()).isEqualTo(201);
      JsonObject me = bearer(created.json().getString("token")).get("/api/v1/auth/me").json();
      assertThat(me.getJsonObject("company").getString("slug")).isEqualTo(secondSlug);
      assertThat(me.getJsonObject("company").getString("role")).isEqualTo("readonly");
      // It is listed in that company only.
      assertThat(
              browser.get("/api/v1/auth/tokens", "X-Tenant-ID", secondSlug).json().getLong("count"))
          .isEqualTo(1);
      assertThat(browser.get("/api/v1/auth/tokens", "X-Tenant-ID", p.slug()).body())
          .doesNotContain("\"name\":\"second\"");
    }
  }
}
