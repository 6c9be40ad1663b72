package com.projectmeats.auth;

import static com.projectmeats.auth.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * GET /auth/session, which the web app asks before anyone has signed in: the signed-out state is a
 * 200 that says so (a browser logs a 401 as a failed request), while /auth/me stays a 401 for
 * integrators who call it without credentials.
 */
class SessionProbeTest {

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

    private static final String PROBE = "/api/v1/auth/session";

    @Test
    void signedOutIsAnAnswerNotAnError() {
      Http.Response r = accounts.anonymous().get(PROBE);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json()).isEqualTo(new JsonObject().put("signed_in", false));
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      assertThat(r.header("Set-Cookie")).isNull();
      assertThat(accounts.anonymous().get("/api/v1/auth/me").status())
          .as("/auth/me keeps its 401")
          .isEqualTo(401);
    }

    @Test
    void aStaleCookieOrABadTokenIsSignedOutAndTheCookieIsCleared() {
      Http.Response stale = accounts.withSession("pms_stale").get(PROBE);
      assertThat(stale.status()).as(stale.toString()).isEqualTo(200);
      assertThat(stale.json().getBoolean("signed_in")).isFalse();
      assertThat(stale.header("Set-Cookie")).startsWith("pm_session=;").contains("Max-Age=0");
      Http.Response token =
          accounts.anonymous().get(PROBE, "Authorization", "Bearer pmt_not-a-real-token");
      assertThat(token.status()).as(token.toString()).isEqualTo(200);
      assertThat(token.json().getBoolean("signed_in")).isFalse();
    }

    @Test
    void signedInAnswersWhatMeAnswersUntilSignOut() {
      Accounts.Person p = accounts.person(accounts.fixtures.company("Probe Co"), Role.USER);
      Http browser = accounts.browser(p);
      Http.Response probe = browser.get(PROBE);
      assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
      JsonObject me = browser.get("/api/v1/auth/me").json();
      assertThat(probe.json().getBoolean("signed_in")).isTrue();
      assertThat(probe.json().copy().put("signed_in", null))
          .isEqualTo(me.copy().put("signed_in", null));
      assertThat(probe.json().getJsonObject("user").getString("email")).isEqualTo(p.email());
      assertThat(probe.json().getString("via")).isEqualTo("session");
      JsonObject selected =
          browser.get(PROBE, "X-Tenant-ID", p.slug()).json().getJsonObject("company");
      assertThat(selected.getString("role")).isEqualTo("user");

      Http.Response byToken = app.http().get(PROBE, "Authorization", "Bearer " + p.token());
      assertThat(byToken.json().getBoolean("signed_in")).as(byToken.toString()).isTrue();
      assertThat(byToken.json().getString("via")).isEqualTo("token");

      assertThat(browser.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
      Http.Response after = browser.get(PROBE);
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.json().getBoolean("signed_in")).isFalse();
      assertThat(accounts.login(accounts.anonymous(), p.email(), PASSWORD).status()).isEqualTo(200);
    }
  }
}
