package com.projectmeats.auth;

import static com.projectmeats.auth.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password?" through a real SMTP server (GreenMail), the reset link's single use and hour,
 * the same answer for unknown addresses, throttling, "Change password", and an admin's reset link;
 * then the same service without mail. On both datastores.
 */
class PasswordResetTest {
  private static final Pattern LINK = Pattern.compile("/reset-password#(pmr_[A-Za-z0-9_-]+)");
  private static final String NEW_PASSWORD = "a fresh and rather long passphrase";

  @Nested
  class OnSqlite extends WithMail {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends WithMail {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  @Nested
  class WithoutMailOnSqlite extends WithoutMail {
    WithoutMailOnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class WithoutMailOnPostgres extends WithoutMail {
    WithoutMailOnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  abstract static class WithMail extends AccountsContract {
    private GreenMail greenMail;

    WithMail(Datastore datastore) {
      super(datastore);
    }

    @Override
    protected TestApp startApp() {
      greenMail =
          new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      greenMail.start();
      Map<String, String> env = new HashMap<>(Accounts.ENV);
      env.put("SMTP_URL", "smtp://127.0.0.1:" + greenMail.getSmtp().getPort());
      env.put("MAIL_RETRY_MS", "200");
      return TestApp.start(datastore, env);
    }

    @AfterAll
    void stopGreenMail() {
      greenMail.stop();
    }

    private Http.Response forgot(Http http, String email) {
      return http.post("/api/v1/auth/password-reset", new JsonObject().put("email", email));
    }

    private String linkFor(String email) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        List<MimeMessage> mine =
            Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> GreenMailUtil.getAddressList(recipients(m)).contains(email))
                .toList();
        if (!mine.isEmpty()) {
          Matcher link =
              LINK.matcher(GreenMailUtil.getBody(mine.get(mine.size() - 1)).replace("=\r\n", ""));
          assertThat(link.find()).isTrue();
          return link.group(1);
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no reset e-mail reached " + email);
    }

    private static jakarta.mail.Address[] recipients(MimeMessage m) {
      try {
        return m.getAllRecipients();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Test
    void aResetLinkArrivesWorksOnceAndEndsEverySession() throws Exception {
      Accounts.Person person = accounts.person(accounts.fixtures.company("Reset Co"), Role.USER);
      Http browser = accounts.browser(person);
      Http.Response asked = forgot(accounts.anonymous(), person.email().toUpperCase());
      assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
      String token = linkFor(person.email());
      // Only its hash is stored, and the outbox forgets the message's text once it is sent.
      long stored =
          Fixtures.await(
              app.app()
                  .database()
                  .sql()
                  .count(
                      "SELECT count(*) FROM password_resets WHERE token_hash = $1",
                      Secrets.hash(token)));
      assertThat(stored).isEqualTo(1);
      awaitNoBodyKeeps(token);

      Http.Response weak = confirm(token, "password");
      assertThat(weak.status()).isEqualTo(422);
      assertThat(weak.json().getJsonObject("errors").fieldNames()).containsExactly("password");
      assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
      assertThat(confirm(token, NEW_PASSWORD + "!").json().getString("code"))
          .isEqualTo("reset_link_invalid");
      assertThat(browser.get("/api/v1/auth/me").status())
          .as("the old session ended")
          .isEqualTo(401);
      assertThat(accounts.login(accounts.anonymous(), person.email(), PASSWORD).status())
          .isEqualTo(401);
      assertThat(accounts.login(accounts.anonymous(), person.email(), NEW_PASSWORD).status())
          .isEqualTo(200);
    }

    @Test
    void anExpiredLinkIsRefusedAndANewerOneVoidsTheOlder() throws Exception {
      Accounts.Person person = accounts.person(accounts.fixtures.company("Expiry Co"), Role.USER);
      forgot(accounts.anonymous(), person.email());
      String first = linkFor(person.email());
      int before = greenMail.getReceivedMessages().length;
      forgot(accounts.anonymous(), person.email());
      greenMail.waitForIncomingEmail(10_000, before + 1);
      String second = linkFor(person.email());
      assertThat(second).isNotEqualTo(first);
      assertThat(confirm(first, NEW_PASSWORD).status())
          .as("a newer link voids the older")
          .isEqualTo(410);
      Fixtures.await(
          app.app()
              .database()
              .sql()
              .update(
                  "UPDATE password_resets SET expires_on = $1 WHERE token_hash = $2",
                  java.time.Instant.now().minusSeconds(1),
                  Secrets.hash(second)));
      assertThat(confirm(second, NEW_PASSWORD).status()).as("an hour later").isEqualTo(410);
      assertThat(confirm("pmr_made-up", NEW_PASSWORD).status()).isEqualTo(410);
    }

    @Test
    void unknownAddressesGetTheSameAnswerInAboutTheSameTimeAndNoMail() throws Exception {
      long company = accounts.fixtures.company("Timing Co");
      List<Long> known = new ArrayList<>();
      List<Long> unknown = new ArrayList<>();
      String knownBody = null;
      String unknownBody = null;
      for (int i = 0; i < 5; i++) {
        Accounts.Person person = accounts.person(company, Role.USER);
        long t0 = System.nanoTime();
        Http.Response a = forgot(accounts.anonymous(), person.email());
        known.add((System.nanoTime() - t0) / 1_000_000);
        long t1 = System.nanoTime();
        Http.Response b = forgot(accounts.anonymous(), "nobody-" + i + "@nowhere.example");
        unknown.add((System.nanoTime() - t1) / 1_000_000);
        assertThat(a.status()).isEqualTo(202);
        assertThat(b.status()).isEqualTo(202);
        knownBody = a.body();
        unknownBody = b.body();
      }
      assertThat(unknownBody).isEqualTo(knownBody);
      assertThat(known.stream().mapToLong(Long::longValue).min().orElseThrow())
          .as("every answer waits out the floor: " + known)
          .isGreaterThanOrEqualTo(PasswordRoutes.ANSWER_AFTER.toMillis() - 5);
      assertThat(unknown.stream().mapToLong(Long::longValue).min().orElseThrow())
          .as("every answer waits out the floor: " + unknown)
          .isGreaterThanOrEqualTo(PasswordRoutes.ANSWER_AFTER.toMillis() - 5);
      long knownMedian = known.stream().sorted().toList().get(2);
      long unknownMedian = unknown.stream().sorted().toList().get(2);
      // Loose on purpose: a shared build machine adds hundreds of milliseconds of noise to either.
      assertThat(Math.abs(knownMedian - unknownMedian))
          .as("known " + known + " vs unknown " + unknown)
          .isLessThan(250 + Math.max(knownMedian, unknownMedian) / 4);
      Thread.sleep(500);
      assertThat(
              Arrays.stream(greenMail.getReceivedMessages())
                  .filter(
                      m ->
                          GreenMailUtil.getAddressList(recipients(m)).contains("@nowhere.example")))
          .isEmpty();
    }

    @Test
    void requestsAreThrottledPerAddressAskedAbout() {
      String email = "flood-" + System.nanoTime() + "@example.com";
      for (int i = 0; i < 3; i++) {
        assertThat(forgot(accounts.anonymous(), email).status()).isEqualTo(202);
      }
      Http.Response fourth = forgot(accounts.anonymous(), email);
      assertThat(fourth.status()).isEqualTo(429);
      assertThat(fourth.header("Retry-After")).isNotNull();
      assertThat(forgot(accounts.anonymous(), "not an address").status()).isEqualTo(422);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
      Accounts.Person person = accounts.person(accounts.fixtures.company("Change Co"), Role.USER);
      Http here = accounts.browser(person);
      Http elsewhere = accounts.browser(person);
      Http.Response wrong =
          here.post(
              "/api/v1/auth/password",
              new JsonObject()
                  .put("current_password", "not it at all")
                  .put("new_password", NEW_PASSWORD));
      assertThat(wrong.status()).isEqualTo(422);
      assertThat(wrong.json().getJsonObject("errors").fieldNames())
          .containsExactly("current_password");
      Http.Response weak =
          here.post(
              "/api/v1/auth/password",
              new JsonObject()
                  .put("current_password", PASSWORD)
                  .put("new_password", person.email()));
      assertThat(weak.json().getJsonObject("errors").fieldNames()).containsExactly("new_password");
      assertThat(elsewhere.get("/api/v1/auth/me").status())
          .as("nothing changed yet")
          .isEqualTo(200);

      Http.Response changed =
          here.post(
              "/api/v1/auth/password",
              new JsonObject().put("current_password", PASSWORD).put("new_password", NEW_PASSWORD));
      assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
      assertThat(here.get("/api/v1/auth/me").status()).as("this session goes on").isEqualTo(200);
      assertThat(elsewhere.get("/api/v1/auth/me").status())
          .as("every other session ended")
          .isEqualTo(401);
      assertThat(accounts.login(accounts.anonymous(), person.email(), NEW_PASSWORD).status())
          .isEqualTo(200);
    }

    private void awaitNoBodyKeeps(String token) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (Fixtures.await(
              app.app()
                  .database()
                  .sql()
                  .count("SELECT count(*) FROM mail_outbox WHERE body LIKE $1", "%" + token + "%"))
          > 0) {
        assertThat(System.nanoTime()).as("the outbox still holds the link").isLessThan(deadline);
        Thread.sleep(50);
      }
    }

    private Http.Response confirm(String token, String password) {
      return accounts
          .anonymous()
          .post(
              "/api/v1/auth/password-reset/confirm",
              new JsonObject().put("token", token).put("password", password));
    }
  }

  abstract static class WithoutMail extends AccountsContract {
    WithoutMail(Datastore datastore) {
      super(datastore);
    }

    @Test
    void theFormSaysMailIsOffAndAnAdminMakesALinkForTheirOwnMembersOnly() {
      long company = accounts.fixtures.company("No Mail Co");
      Accounts.Person admin = accounts.person(company, Role.ADMIN);
      Accounts.Person member = accounts.person(company, Role.USER);
      Accounts.Person plain = accounts.person(company, Role.MANAGER);
      Accounts.Person owner = accounts.person(company, Role.OWNER);
      Accounts.Person shared = accounts.person(company, Role.USER);
      accounts.fixtures.join(shared.userId(), accounts.fixtures.company("Another Co"), Role.OWNER);
      Accounts.Person outsider =
          accounts.person(accounts.fixtures.company("Outside Co"), Role.USER);

      Http.Response forgot =
          accounts
              .anonymous()
              .post("/api/v1/auth/password-reset", new JsonObject().put("email", member.email()));
      assertThat(forgot.status()).isEqualTo(503);
      assertThat(forgot.json().getString("code")).isEqualTo("mail_not_configured");

      Http asAdmin = accounts.browser(admin);
      Http.Response issued =
          asAdmin.post("/api/v1/members/" + member.userId() + "/password-reset", null);
      assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
      assertThat(issued.header("Cache-Control")).isEqualTo("no-store");
      Matcher link = LINK.matcher(issued.json().getString("url"));
      assertThat(link.find()).isTrue();
      assertThat(
              accounts
                  .anonymous()
                  .post(
                      "/api/v1/auth/password-reset/confirm",
                      new JsonObject().put("token", link.group(1)).put("password", NEW_PASSWORD))
                  .status())
          .isEqualTo(204);
      assertThat(accounts.login(accounts.anonymous(), member.email(), NEW_PASSWORD).status())
          .isEqualTo(200);

      assertThat(
              asAdmin
                  .post("/api/v1/members/" + outsider.userId() + "/password-reset", null)
                  .status())
          .isEqualTo(404);
      assertThat(
              asAdmin.post("/api/v1/members/" + owner.userId() + "/password-reset", null).status())
          .isEqualTo(403);
      Http.Response sharedLink =
          asAdmin.post("/api/v1/members/" + shared.userId() + "/password-reset", null);
      assertThat(sharedLink.status()).isEqualTo(403);
      assertThat(sharedLink.json().getString("code")).isEqualTo("member_of_other_companies");
      assertThat(
              accounts
                  .browser(plain)
                  .post("/api/v1/members/" + admin.userId() + "/password-reset", null)
                  .status())
          .as("a manager may not")
          .isEqualTo(403);
      assertThat(
              Fixtures.await(
                  app.app()
                      .database()
                      .sql()
                      .count(
                          "SELECT count(*) FROM password_resets WHERE user_id IN ($1, $2, $3)",
                          outsider.userId(),
                          owner.userId(),
                          shared.userId())))
          .isZero();
    }

    @Test
    void invitationsStillWorkAndSayTheyWereNotEmailed() {
      Accounts.Person admin = accounts.person(accounts.fixtures.company("Invite Co"), Role.ADMIN);
      Http.Response invited =
          accounts
              .browser(admin)
              .post(
                  "/api/v1/invitations",
                  new JsonObject()
                      .put("email", "new-" + System.nanoTime() + "@example.com")
                      .put("role", "user"));
      assertThat(invited.status()).isEqualTo(201);
      assertThat(invited.json().getBoolean("emailed")).isFalse();
      assertThat(invited.json().getString("url"))
          .endsWith("/invite/" + invited.json().getString("token"));
      assertThat(
              Fixtures.await(app.app().database().sql().count("SELECT count(*) FROM mail_outbox")))
          .isZero();
    }
  }
}
