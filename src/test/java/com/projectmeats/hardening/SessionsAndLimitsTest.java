package com.projectmeats.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sessions (ASVS V3) and the limits that keep one client from hurting the rest, through the API as
 * a browser uses it: people are invited and sign up, so their passwords are real.
 */
class SessionsAndLimitsTest {
  static final String PASSWORD = "a long and fine password 42";
  private static final AtomicInteger PEOPLE = new AtomicInteger();

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

  /**
   * A person who signed up through an invitation: their e-mail and the session cookie sign-up set.
   */
  record Person(String email, long userId, String session) {}

  static String sessionOf(Probe.Result r) {
    String cookie = r.header("Set-Cookie");
    assertThat(cookie).as(r.toString()).startsWith("pm_session=");
    return cookie.substring("pm_session=".length(), cookie.indexOf(';'));
  }

  static Person signUp(Probe admin, Probe anonymous, Role role) {
    String email = "person" + PEOPLE.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    Probe.Result invited =
        admin.json(
            "POST",
            Api.PREFIX + "/invitations",
            new JsonObject().put("email", email).put("role", role.wire()).encode());
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    Probe.Result joined =
        anonymous.json(
            "POST",
            Api.PREFIX + "/auth/signup",
            new JsonObject()
                .put("token", invited.problem().getString("token"))
                .put("name", "Person")
                .put("password", PASSWORD)
                .encode());
    assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
    return new Person(
        email, joined.problem().getJsonObject("user").getLong("id"), sessionOf(joined));
  }

  static Probe browser(Probe base, String session) {
    return base.with("Cookie", "pm_session=" + session).with("X-Requested-With", "XMLHttpRequest");
  }

  /** A client address of its own, so one test's failed sign-ins never throttle another's. */
  static Probe fromFreshAddress(Probe base) {
    int n = PEOPLE.incrementAndGet();
    return base.with("X-Forwarded-For", "198.51." + (n / 250) + "." + (n % 250 + 1));
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    private final Datastore datastore;
    private World world;
    private Probe admin;

    Contract(Datastore datastore) {
      this.datastore = datastore;
    }

    @BeforeAll
    void start() {
      world = World.shared(datastore);
      admin = world.as(world.owner());
    }

    private Probe.Result login(Probe client, String email, String password) {
      return client.json(
          "POST",
          Api.PREFIX + "/auth/login",
          new JsonObject().put("email", email).put("password", password).encode());
    }

    @Test
    void signInAlwaysStartsANewSessionAndEndsTheOneTheBrowserBrought() {
      Person person = signUp(admin, fromFreshAddress(world.probe()), Role.USER);
      String planted = "pms_" + Secrets.generate("");
      Probe.Result fixated =
          login(
              fromFreshAddress(world.probe()).with("Cookie", "pm_session=" + planted),
              person.email(),
              PASSWORD);
      assertThat(fixated.status()).isEqualTo(200);
      String issued = sessionOf(fixated);
      assertThat(issued).isNotEqualTo(planted);
      assertThat(browser(world.probe(), planted).get(Api.PREFIX + "/auth/me").status())
          .isEqualTo(401);

      Probe.Result again =
          login(
              fromFreshAddress(world.probe()).with("Cookie", "pm_session=" + issued),
              person.email(),
              PASSWORD);
      String renewed = sessionOf(again);
      assertThat(renewed).isNotEqualTo(issued);
      assertThat(browser(world.probe(), issued).get(Api.PREFIX + "/auth/me").status())
          .as("the old session")
          .isEqualTo(401);
      assertThat(browser(world.probe(), renewed).get(Api.PREFIX + "/auth/me").status())
          .isEqualTo(200);
    }

    @Test
    void inDevTheCookieIsHttpOnlyAndLaxButNotSecure() {
      Person person = signUp(admin, fromFreshAddress(world.probe()), Role.USER);
      String cookie =
          login(fromFreshAddress(world.probe()), person.email(), PASSWORD).header("Set-Cookie");
      assertThat(cookie)
          .containsIgnoringCase("HttpOnly")
          .contains("SameSite=Lax")
          .contains("Path=/")
          .doesNotContain("Secure");
    }

    @Test
    void signOutEndsTheSessionAtOnce() {
      Person person = signUp(admin, fromFreshAddress(world.probe()), Role.USER);
      Probe me = browser(world.probe(), person.session());
      assertThat(me.get(Api.PREFIX + "/auth/me").status()).isEqualTo(200);
      Probe.Result out = me.send("POST", Api.PREFIX + "/auth/logout", null, null);
      assertThat(out.status()).isEqualTo(204);
      assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
      assertThat(me.get(Api.PREFIX + "/auth/me").status()).isEqualTo(401);
      assertThat(me.get(Api.PREFIX + "/suppliers").status()).isEqualTo(401);
    }

    @Test
    void removingAMemberCutsTheirSessionAndTokensOffAtOnce() {
      Person person = signUp(admin, fromFreshAddress(world.probe()), Role.USER);
      Probe session =
          browser(world.probe(), person.session())
              .with("X-Tenant-ID", Long.toString(world.companyA));
      assertThat(session.get(Api.PREFIX + "/suppliers").status()).isEqualTo(200);
      Probe.Result minted =
          session.json("POST", Api.PREFIX + "/auth/tokens", "{\"name\":\"laptop\"}");
      assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
      Probe token =
          world.probe().with("Authorization", "Bearer " + minted.problem().getString("token"));
      assertThat(token.get(Api.PREFIX + "/suppliers").status()).isEqualTo(200);

      assertThat(
              admin.send("DELETE", Api.PREFIX + "/members/" + person.userId(), null, null).status())
          .isEqualTo(204);
      Probe.Result viaSession = session.get(Api.PREFIX + "/suppliers");
      assertThat(viaSession.status()).isEqualTo(403);
      assertThat(viaSession.body()).doesNotContain(World.MARKER_A);
      assertThat(token.get(Api.PREFIX + "/suppliers").status()).isEqualTo(401);
    }

    @Test
    void repeatedFailedSignInsAreThrottledWithRetryAfter() {
      Person person = signUp(admin, fromFreshAddress(world.probe()), Role.READONLY);
      Probe client = fromFreshAddress(world.probe());
      for (int i = 0; i < 5; i++) {
        assertThat(login(client, person.email(), "wrong password " + i).status()).isEqualTo(401);
      }
      Probe.Result throttled = login(client, person.email(), "wrong password again");
      assertThat(Verdict.refusal(throttled, Set.of(429), null)).isNull();
      assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
      // The right password does not get past the lock either, from anywhere.
      assertThat(login(fromFreshAddress(world.probe()), person.email(), PASSWORD).status())
          .isEqualTo(429);
    }

    @Test
    void oneUserCannotRunTheAssistantPastTheirLimitNorSpendOthersShare() {
      Probe eager = world.as(world.fixtures.member(world.companyA, Role.USER));
      Probe other = world.as(world.fixtures.member(world.companyA, Role.USER));
      String session =
          Api.PREFIX
              + "/assistant/sessions/"
              + eager
                  .send("POST", Api.PREFIX + "/assistant/sessions", null, null)
                  .problem()
                  .getLong("id")
              + "/messages";
      for (int i = 0; i < 20; i++) {
        assertThat(eager.json("POST", session, "{\"content\":\"question " + i + "\"}").status())
            .as("answer " + i)
            .isEqualTo(201);
      }
      int upstreamCalls = world.ai.requests().size();
      Probe.Result throttled = eager.json("POST", session, "{\"content\":\"one more\"}");
      assertThat(Verdict.refusal(throttled, Set.of(429), null)).isNull();
      assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 61L);
      assertThat(world.ai.requests())
          .as("a refused question costs no upstream call")
          .hasSize(upstreamCalls);
      String theirs =
          Api.PREFIX
              + "/assistant/sessions/"
              + other
                  .send("POST", Api.PREFIX + "/assistant/sessions", null, null)
                  .problem()
                  .getLong("id")
              + "/messages";
      assertThat(other.json("POST", theirs, "{\"content\":\"my turn\"}").status()).isEqualTo(201);
    }

    @Test
    void pagesHoldAtMostAHundred() {
      Probe owner = world.as(world.owner());
      assertThat(owner.get(Api.PREFIX + "/suppliers?page_size=100").status()).isEqualTo(200);
      for (String path :
          new String[] {
            "/suppliers", "/purchase-orders", "/members", "/invitations", "/auth/tokens"
          }) {
        assertThat(
                Verdict.refusal(
                    owner.get(Api.PREFIX + path + "?page_size=101"), Set.of(400), "page_size"))
            .as(path)
            .isNull();
        assertThat(
                Verdict.refusal(
                    owner.get(Api.PREFIX + path + "?page_size=1000000"), Set.of(400), "page_size"))
            .as(path)
            .isNull();
      }
    }
  }

  @Test
  void outsideDevTheSessionCookieIsSecure() {
    try (TestApp uat =
        TestApp.start(Datastore.SQLITE, Map.of("APP_ENV", "uat", "APP_DOMAIN", "pm.example.com"))) {
      com.projectmeats.testing.Fixtures fx = new com.projectmeats.testing.Fixtures(uat);
      Probe admin =
          new Probe(uat.app().port())
              .with(
                  "Authorization", "Bearer " + fx.member(fx.company("Uat Co"), Role.ADMIN).token());
      // Sign-up hashes at the production cost here (600,000 iterations): one person only.
      Probe.Result invited =
          admin.json(
              "POST",
              Api.PREFIX + "/invitations",
              "{\"email\":\"uat@example.com\",\"role\":\"user\"}");
      Probe.Result joined =
          new Probe(uat.app().port())
              .json(
                  "POST",
                  Api.PREFIX + "/auth/signup",
                  new JsonObject()
                      .put("token", invited.problem().getString("token"))
                      .put("name", "Uat")
                      .put("password", PASSWORD)
                      .encode());
      assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
      assertThat(joined.header("Set-Cookie"))
          .contains("Secure")
          .containsIgnoringCase("HttpOnly")
          .contains("SameSite=Lax");
      Probe.Result out =
          browser(new Probe(uat.app().port()), sessionOf(joined))
              .with("Origin", "https://pm.example.com")
              .send("POST", Api.PREFIX + "/auth/logout", null, null);
      assertThat(out.status()).isEqualTo(204);
      assertThat(out.header("Set-Cookie")).contains("Secure").contains("Max-Age=0");
    }
  }
}
