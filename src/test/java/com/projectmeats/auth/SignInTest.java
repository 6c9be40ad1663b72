package com.projectmeats.auth;

import static com.projectmeats.auth.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Browser sign-in, sessions, throttling, company selection and cross-site protection, on both
 * datastores.
 */
class SignInTest {

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

    private Accounts.Person person(Role role) {
      return accounts.person(accounts.fixtures.company("Sign In Co"), role);
    }

    @Test
    void loginSetsASafeSessionCookieAndAnswersUserAndCompanies() {
      Accounts.Person p = person(Role.MANAGER);
      Http.Response r = accounts.login(accounts.anonymous(), p.email().toUpperCase(), PASSWORD);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      String cookie = r.header("Set-Cookie");
      assertThat(cookie)
          .containsIgnoringCase("HttpOnly")
          .contains("SameSite=Lax")
          .contains("Path=/")
          .contains("Max-Age=1209600")
          .doesNotContain("Secure"); // dev serves plain http; outside dev the cookie is Secure
      // (SessionStoreTest)
      JsonObject body = r.json();
      assertThat(body.getJsonObject("user").getLong("id")).isEqualTo(p.userId());
      assertThat(body.getJsonObject("user").getString("email")).isEqualTo(p.email());
      assertThat(body.getJsonObject("user").containsKey("password_hash")).isFalse();
      assertThat(body.getJsonArray("companies")).hasSize(1);
      JsonObject company = body.getJsonArray("companies").getJsonObject(0);
      assertThat(company.getLong("id")).isEqualTo(p.companyId());
      assertThat(company.getString("slug")).isEqualTo(p.slug());
      assertThat(company.getString("name")).isEqualTo("Sign In Co");
      assertThat(company.getString("role")).isEqualTo("manager");
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM sessions WHERE user_id = $1 AND expires_on > $2",
                  p.userId(),
                  Instant.now().plusSeconds(13 * 86400)))
          .isEqualTo(1);
    }

    @Test
    void meLogoutAndTheEndOfTheSession() {
      Accounts.Person p = person(Role.USER);
      String session =
          Accounts.sessionId(accounts.login(accounts.anonymous(), p.email(), PASSWORD));
      Http browser = accounts.withSession(session);

      Http.Response me = browser.get("/api/v1/auth/me");
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.json().getJsonObject("user").getString("email")).isEqualTo(p.email());
      assertThat(me.json().getString("via")).isEqualTo("session");
      Http.Response selected = browser.get("/api/v1/auth/me", "X-Tenant-ID", p.slug());
      assertThat(selected.json().getJsonObject("company").getString("role")).isEqualTo("user");

      Http.Response out = browser.post("/api/v1/auth/logout", null);
      assertThat(out.status()).as(out.toString()).isEqualTo(204);
      assertThat(out.header("Set-Cookie")).startsWith("pm_session=;").contains("Max-Age=0");
      assertThat(accounts.count("SELECT count(*) FROM sessions WHERE user_id = $1", p.userId()))
          .isZero();
      assertThat(browser.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void everyLoginStartsANewSessionAndDropsTheOneTheBrowserBrought() {
      Accounts.Person p = person(Role.USER);
      String planted =
          Accounts.sessionId(accounts.login(accounts.anonymous(), p.email(), PASSWORD));
      Http.Response again =
          accounts
              .withSession(planted)
              .post(
                  "/api/v1/auth/login",
                  new JsonObject().put("email", p.email()).put("password", PASSWORD));
      String fresh = Accounts.sessionId(again);

      assertThat(fresh).isNotEqualTo(planted);
      assertThat(accounts.withSession(planted).get("/api/v1/auth/me").status()).isEqualTo(401);
      assertThat(accounts.withSession(fresh).get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void expiredSessionIsRefused() {
      Accounts.Person p = person(Role.USER);
      String session =
          Accounts.sessionId(accounts.login(accounts.anonymous(), p.email(), PASSWORD));
      accounts.update(
          "UPDATE sessions SET expires_on = $2 WHERE user_id = $1",
          p.userId(),
          Instant.now().minusSeconds(1));
      assertThat(accounts.withSession(session).get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordUnknownEmailAndInactiveAccountGetTheSame401() {
      Accounts.Person p = person(Role.USER);
      Accounts.Person inactive = person(Role.USER);
      accounts.update("UPDATE users SET active = $2 WHERE id = $1", inactive.userId(), false);

      Http.Response wrong =
          accounts.login(accounts.anonymous(), p.email(), "not the password at all");
      Http.Response unknown = accounts.login(accounts.anonymous(), "nobody-" + p.email(), PASSWORD);
      Http.Response disabled = accounts.login(accounts.anonymous(), inactive.email(), PASSWORD);

      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().getString("code")).isEqualTo("invalid_credentials");
      assertThat(unknown.status()).isEqualTo(401);
      assertThat(disabled.status()).isEqualTo(401);
      assertThat(unknown.body()).isEqualTo(wrong.body());
      assertThat(disabled.body()).isEqualTo(wrong.body());
      assertThat(wrong.header("Set-Cookie")).isNull();
    }

    @Test
    void missingFieldsAreNamed() {
      Http.Response r =
          accounts
              .anonymous()
              .post("/api/v1/auth/login", new JsonObject().put("email", "a@example.com"));
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.json().getJsonObject("errors").getJsonArray("password").getString(0))
          .isEqualTo("is required");
    }

    @Test
    void fiveFailuresThrottleTheAccountUntilTheyLeaveTheWindow() {
      Accounts.Person p = person(Role.USER);
      for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT; i++) {
        // Each from a new address: the account's own count is what trips.
        assertThat(accounts.login(accounts.anonymous(), p.email(), "wrong password " + i).status())
            .isEqualTo(401);
      }
      Http.Response throttled = accounts.login(accounts.anonymous(), p.email(), PASSWORD);
      assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
      assertThat(throttled.json().getString("code")).isEqualTo("throttled");
      assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
      assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(800L, 900L);
      assertThat(throttled.header("Set-Cookie")).isNull();

      // The failures age: once they are older than the window, the right password works again.
      accounts.update(
          "UPDATE login_attempts SET created_on = $1",
          Instant.now().minus(LoginThrottle.WINDOW).minusSeconds(1));
      assertThat(accounts.login(accounts.anonymous(), p.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void retryAfterCountsFromTheOldestFailureInTheWindow() {
      Accounts.Person p = person(Role.USER);
      for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT; i++) {
        accounts.login(accounts.anonymous(), p.email(), "wrong password " + i);
      }
      // Pretend all but the latest failure were ten minutes ago: the first leaves the window in
      // about five.
      accounts.update(
          "UPDATE login_attempts SET created_on = $1 WHERE id < (SELECT max(id) FROM login_attempts)",
          Instant.now().minusSeconds(600));
      Http.Response throttled = accounts.login(accounts.anonymous(), p.email(), PASSWORD);
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(290L, 300L);
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreThanTheLimitChecked() throws Exception {
      Accounts.Person p = person(Role.USER);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int i = 0; i < 12; i++) {
          String guess = "parallel guess " + i;
          answers.add(
              pool.submit(() -> accounts.login(accounts.anonymous(), p.email(), guess).status()));
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
          statuses.add(answer.get());
        }
        // Attempts are counted before the password is checked, so concurrency cannot buy extra
        // guesses.
        assertThat(statuses).isSubsetOf(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count())
            .isLessThanOrEqualTo(LoginThrottle.ACCOUNT_LIMIT);
      } finally {
        pool.shutdown();
      }
    }

    @Test
    void aSuccessResetsTheAccountsCount() {
      Accounts.Person p = person(Role.USER);
      for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT - 1; i++) {
        assertThat(accounts.login(accounts.anonymous(), p.email(), "wrong " + i).status())
            .isEqualTo(401);
      }
      assertThat(accounts.login(accounts.anonymous(), p.email(), PASSWORD).status()).isEqualTo(200);
      for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT - 1; i++) {
        assertThat(accounts.login(accounts.anonymous(), p.email(), "wrong again " + i).status())
            .isEqualTo(401);
      }
      assertThat(accounts.login(accounts.anonymous(), p.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottled() {
      Http attacker = accounts.anonymous();
      for (int i = 0; i < LoginThrottle.ADDRESS_LIMIT; i++) {
        assertThat(accounts.login(attacker, "victim" + i + "@example.com", "guess").status())
            .isEqualTo(401);
      }
      Accounts.Person p = person(Role.USER);
      assertThat(accounts.login(attacker, p.email(), PASSWORD).status()).isEqualTo(429);
      // Another address is not affected, and the table keeps hashes, never the typed e-mail
      // addresses.
      assertThat(accounts.login(accounts.anonymous(), p.email(), PASSWORD).status()).isEqualTo(200);
      assertThat(accounts.count("SELECT count(*) FROM login_attempts WHERE subject LIKE $1", "%@%"))
          .isZero();
    }

    @Test
    void aMemberOfCompanyAIsRefusedWhenSelectingCompanyB() {
      Accounts.Person a = person(Role.OWNER);
      long companyB = accounts.fixtures.company("Company B");
      String slugB = accounts.fixtures.slug(companyB);
      Http browser = accounts.browser(a);

      for (String tenant : new String[] {String.valueOf(companyB), slugB}) {
        Http.Response r = browser.get("/api/v1/members", "X-Tenant-ID", tenant);
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.json().getString("code")).isEqualTo("forbidden");
      }
      assertThat(browser.get("/api/v1/members", "X-Tenant-ID", a.slug()).status()).isEqualTo(200);
      assertThat(
              browser.get("/api/v1/members", "X-Tenant-ID", String.valueOf(a.companyId())).status())
          .isEqualTo(200);
      // A bearer token of company A cannot be pointed at company B either.
      assertThat(
              app.http()
                  .get(
                      "/api/v1/members",
                      "Authorization",
                      "Bearer " + a.token(),
                      "X-Tenant-ID",
                      slugB)
                  .status())
          .isEqualTo(403);
    }

    @Test
    void cookieRequestsThatChangeStateMustComeFromOurPage() {
      Accounts.Person p = person(Role.USER);
      String session =
          Accounts.sessionId(accounts.login(accounts.anonymous(), p.email(), PASSWORD));
      Http bare = app.http().with("Cookie", "pm_session=" + session);
      JsonObject token = new JsonObject().put("name", "csrf probe");

      Http.Response noProof = bare.post("/api/v1/auth/tokens", token);
      assertThat(noProof.status()).as(noProof.toString()).isEqualTo(403);
      assertThat(noProof.json().getString("code")).isEqualTo("csrf_failed");
      Http.Response foreign =
          bare.post("/api/v1/auth/tokens", token, "Origin", "https://evil.example");
      assertThat(foreign.json().getString("code")).isEqualTo("csrf_failed");
      assertThat(bare.post("/api/v1/auth/logout", null).status()).isEqualTo(403);
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM api_tokens WHERE user_id = $1 AND name = $2",
                  p.userId(),
                  "csrf probe"))
          .isZero();

      // Reads need no proof; our page's header or our own origin is proof enough.
      assertThat(bare.get("/api/v1/auth/me").status()).isEqualTo(200);
      assertThat(
              bare.post("/api/v1/auth/tokens", token, "X-Requested-With", "XMLHttpRequest")
                  .status())
          .isEqualTo(201);
      assertThat(bare.post("/api/v1/auth/tokens", token, "Origin", "http://localhost").status())
          .isEqualTo(201);
      // A bearer token is no ambient credential: it needs no proof.
      assertThat(
              app.http()
                  .delete(
                      "/api/v1/invitations/999999",
                      "Authorization",
                      "Bearer " + person(Role.ADMIN).token())
                  .status())
          .isEqualTo(404);
    }

    @Test
    void securityHeadersOnAuthResponses() {
      Http.Response r = accounts.login(accounts.anonymous(), "x@example.com", "whatever it is");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }
  }
}
