package com.projectmeats.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FaultySmtp;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The outbox against real SMTP servers started here: GreenMail for the conversations that go well,
 * and {@link FaultySmtp} for a server that refuses (5xx), greylists (4xx, then accepts), hangs
 * after DATA and drops the connection mid-message. Invitations are the messages, since they are
 * e-mailed as soon as they are made. On SQLite and PostgreSQL.
 */
class OutboxTest {

  @Nested
  class GreenMailOnSqlite extends Delivery {
    GreenMailOnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class GreenMailOnPostgres extends Delivery {
    GreenMailOnPostgres() {
      super(Datastore.POSTGRES);
    }

    /**
     * Two replicas sweep one outbox at the same time; each message reaches the server exactly once.
     */
    @Test
    void twoInstancesNeverSendOneMessageTwice() throws Exception {
      TestApp second = TestApp.start(datastore, app.databaseUrl(), withUrl(env, app.databaseUrl()));
      try {
        int before = greenMail.getReceivedMessages().length;
        Instant now = Instant.now();
        for (int i = 0; i < 40; i++) {
          Fixtures.await(
              app.app()
                  .database()
                  .sql()
                  .update(
                      """
              INSERT INTO mail_outbox (kind, message_id, recipients, subject, body, status, attempts, next_attempt_on, created_on, modified_on)
              VALUES ('invitation', $1, $2, $3, 'race', 'pending', 0, $4, $4, $4)""",
                      "<race-" + i + "@test>",
                      new JsonObject()
                          .put("to", new JsonArray().add("race" + i + "@example.com"))
                          .put("cc", new JsonArray())
                          .encode(),
                      "Race " + i,
                      now));
        }
        awaitCount(
            "SELECT count(*) FROM mail_outbox WHERE subject LIKE 'Race %' AND status = 'sent'", 40);
        Thread.sleep(1000); // time for a second copy, were one on its way
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received.length - before).isEqualTo(40);
        Set<String> ids =
            Arrays.stream(received)
                .map(OutboxTest::messageId)
                .filter(id -> id.startsWith("<race-"))
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(40);
      } finally {
        Fixtures.await(second.app().stop());
      }
    }
  }

  @Nested
  class FaultsOnSqlite extends Faults {
    FaultsOnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class FaultsOnPostgres extends Faults {
    FaultsOnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> withUrl(Map<String, String> env, String url) {
    Map<String, String> all = new HashMap<>(env);
    all.put("PORT", "0");
    all.put("DATABASE_URL", url);
    all.put("APP_ENV", "dev");
    all.put("SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789");
    return all;
  }

  /** Common ground: an admin who invites, and reading the outbox row of one recipient. */
  abstract static class Base extends OnEachDatastore {
    protected final Map<String, String> env = new HashMap<>();
    protected Http admin;

    Base(Datastore datastore) {
      super(datastore);
    }

    @Override
    protected TestApp startApp() {
      env.put("SMTP_URL", smtpUrl());
      env.put("MAIL_FROM", "Prairie Meats <orders@prairie.test>");
      env.put("SMTP_TIMEOUT_MS", "1000");
      env.put("MAIL_RETRY_MS", "200");
      env.put("MAIL_MAX_ATTEMPTS", "3");
      return TestApp.start(datastore, env);
    }

    abstract String smtpUrl();

    @BeforeAll
    void admin() {
      Fixtures fixtures = new Fixtures(app);
      admin = bearer(fixtures.member(fixtures.company("Prairie Meats"), Role.ADMIN).token());
    }

    JsonObject invite(String email) {
      Http.Response r =
          admin.post(
              "/api/v1/invitations", new JsonObject().put("email", email).put("role", "user"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      return r.json();
    }

    /** The outbox row for {@code email} once it is sent or failed. */
    Row settled(String email) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        Row row =
            Fixtures.await(
                    app.app()
                        .database()
                        .sql()
                        .one(
                            "SELECT status, attempts, server_reply, message_id, body, sent_on FROM mail_outbox WHERE recipients LIKE $1",
                            "%\"" + email + "\"%"))
                .orElseThrow();
        String status = row.getString("status");
        if (status.equals("sent") || status.equals("failed")) {
          return row;
        }
        assertThat(System.nanoTime())
            .as("outbox message to " + email + " still " + status)
            .isLessThan(deadline);
        Thread.sleep(50);
      }
    }

    void awaitCount(String sql, long expected) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long n;
      while ((n = Fixtures.await(app.app().database().sql().count(sql))) != expected) {
        assertThat(System.nanoTime()).as(sql + " answered " + n).isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  abstract static class Delivery extends Base {
    protected GreenMail greenMail;

    Delivery(Datastore datastore) {
      super(datastore);
    }

    @Override
    String smtpUrl() {
      greenMail =
          new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      greenMail.start();
      return "smtp://127.0.0.1:" + greenMail.getSmtp().getPort();
    }

    @AfterAll
    void stopGreenMail() {
      greenMail.stop();
    }

    @Test
    void anInvitationIsEmailedWithItsLinkAndTheLinkIsNotKept() throws Exception {
      String email = "invitee-" + System.nanoTime() + "@example.com";
      JsonObject created = invite(email);
      assertThat(created.getBoolean("emailed")).isTrue();
      String url = created.getString("url");
      assertThat(url).endsWith("/invite/" + created.getString("token"));

      Row row = settled(email);
      assertThat(row.getString("status")).isEqualTo("sent");
      assertThat(row.getInteger("attempts")).isEqualTo(1);
      assertThat(Rows.instant(row, "sent_on")).isNotNull();
      assertThat(row.getString("body"))
          .as("a sent invitation's link is not kept in the outbox")
          .isEmpty();

      MimeMessage received =
          Arrays.stream(greenMail.getReceivedMessages())
              .filter(m -> GreenMailUtil.getAddressList(recipients(m)).contains(email))
              .findFirst()
              .orElseThrow();
      assertThat(received.getSubject())
          .isEqualTo("Your invitation to Prairie Meats on ProjectMeats");
      assertThat(received.getFrom()[0].toString()).contains("orders@prairie.test");
      assertThat(GreenMailUtil.getBody(received)).contains(url);
      assertThat(received.getMessageID()).isEqualTo(row.getString("message_id"));
    }

    /**
     * A replica that restarts (or a second one) finds the message sent and leaves it; one that was
     * claimed by a replica that died before sending is sent once by another when the claim runs
     * out.
     */
    @Test
    void aRestartNeverSendsAnAcceptedMessageAgainAndFinishesAnInterruptedOne() throws Exception {
      String sentBefore = "before-restart-" + System.nanoTime() + "@example.com";
      invite(sentBefore);
      assertThat(settled(sentBefore).getString("status")).isEqualTo("sent");
      // A replica died holding this one: claimed ('sending'), its claim now run out, nothing sent.
      Instant past = Instant.now().minusSeconds(5);
      Fixtures.await(
          app.app()
              .database()
              .sql()
              .update(
                  """
          INSERT INTO mail_outbox (kind, message_id, recipients, subject, body, status, attempts, next_attempt_on, claimed_until,
                                   created_on, modified_on)
          VALUES ('invitation', '<orphan@test>', $1, 'Orphan', 'orphaned', 'sending', 1, $2, $2, $2, $2)""",
                  new JsonObject()
                      .put("to", new JsonArray().add("orphan@example.com"))
                      .put("cc", new JsonArray())
                      .encode(),
                  past));

      TestApp restarted =
          TestApp.start(datastore, app.databaseUrl(), withUrl(env, app.databaseUrl()));
      try {
        Row orphan = settled("orphan@example.com");
        assertThat(orphan.getString("status")).isEqualTo("sent");
        assertThat(orphan.getInteger("attempts")).isEqualTo(2);
        Thread.sleep(1500); // several sweeps of both replicas
        assertThat(received(sentBefore)).isEqualTo(1);
        assertThat(received("orphan@example.com")).isEqualTo(1);
      } finally {
        Fixtures.await(restarted.app().stop());
      }
    }

    long received(String email) {
      return Arrays.stream(greenMail.getReceivedMessages())
          .filter(m -> GreenMailUtil.getAddressList(recipients(m)).contains(email))
          .count();
    }

    private static jakarta.mail.Address[] recipients(MimeMessage m) {
      try {
        return m.getAllRecipients();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  abstract static class Faults extends Base {
    private FaultySmtp smtp;

    Faults(Datastore datastore) {
      super(datastore);
    }

    @Override
    String smtpUrl() {
      try {
        smtp = new FaultySmtp();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return "smtp://127.0.0.1:" + smtp.port();
    }

    @AfterAll
    void stopSmtp() throws IOException {
      smtp.close();
    }

    private String address(String mode) {
      return mode + "@" + Long.toHexString(System.nanoTime()) + ".example.com";
    }

    private long acceptedFor(String email) {
      return smtp.accepted().stream().filter(m -> m.contains(email)).count();
    }

    @Test
    void aRefusalEndsTheMessageAsFailedWithTheServersReply() throws Exception {
      String email = address("refuse");
      invite(email);
      Row row = settled(email);
      assertThat(row.getString("status")).isEqualTo("failed");
      assertThat(row.getInteger("attempts")).as("a 5xx is final: no retry").isEqualTo(1);
      assertThat(row.getString("server_reply")).contains("550 5.1.1").contains("User unknown");
      assertThat(row.getString("body")).isEmpty();
      assertThat(acceptedFor(email)).isZero();
    }

    @Test
    void aTemporaryRefusalIsRetriedAndThenSentOnce() throws Exception {
      String email = address("later");
      invite(email);
      Row row = settled(email);
      assertThat(row.getString("status")).isEqualTo("sent");
      assertThat(row.getInteger("attempts")).isEqualTo(2);
      assertThat(acceptedFor(email)).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedMidMessageIsRetriedAndThenSentOnce() throws Exception {
      String email = address("drop");
      invite(email);
      Row row = settled(email);
      assertThat(row.getString("status")).isEqualTo("sent");
      assertThat(row.getInteger("attempts")).isEqualTo(2);
      assertThat(acceptedFor(email)).isEqualTo(1);
    }

    @Test
    void aServerThatHangsIsGivenUpOnAfterTheLastAttemptAndOthersStillGoOut() throws Exception {
      String hung = address("hang");
      invite(hung);
      String fine = address("fine");
      invite(fine);
      assertThat(settled(fine).getString("status"))
          .as("a hung conversation holds up no other message")
          .isEqualTo("sent");
      Row row = settled(hung);
      assertThat(row.getString("status")).isEqualTo("failed");
      assertThat(row.getInteger("attempts")).isEqualTo(3);
      assertThat(row.getString("server_reply")).isNotBlank();
      assertThat(acceptedFor(hung)).isZero();
    }
  }
}
