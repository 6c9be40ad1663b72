package com.projectmeats.auth;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.db.Notifications;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * API tokens are remembered between requests on PostgreSQL, and forgotten on every replica as soon
 * as PostgreSQL notifies a change; on SQLite they are read on every request.
 *
 * <p>What the product guarantees, and so what is asserted: a request a replica handles after it has
 * heard the change's notification is refused. The notification usually wins the race against the
 * next request, but nothing orders the two (the listening backend and the replica's event loop must
 * each be scheduled), so the test waits, on replica b's /metrics, until b has heard each change
 * exactly once, and then sends the next request. Inserts notify nothing, so the only notifications
 * are the changes made here.
 */
class TokenCacheTest {

  @Test
  void onPostgresEveryReplicaRefusesARevokedTokenOnceItHasHeardTheChange() throws Exception {
    try (TestApp first = TestApp.start(Datastore.POSTGRES);
        TestApp second = first.replica(Map.of())) {
      Sql sql = first.app().database().sql();
      List<Integer> listeners = awaitListeners(sql, List.of());
      Fixtures fixtures = new Fixtures(first);
      long company = fixtures.company("Cached Tokens Meats");
      Http a = new Http(first.app().port());
      Http b = second.http();

      // The cache is used: with the trigger off, a revocation nobody hears goes unnoticed.
      Fixtures.Member quiet = fixtures.member(company, Role.USER);
      assertThat(me(b, quiet.token()).status()).isEqualTo(200);
      await(sql.update("ALTER TABLE api_tokens DISABLE TRIGGER api_tokens_auth_changed"));
      try {
        await(
            sql.update(
                "UPDATE api_tokens SET revoked_on = $2 WHERE user_id = $1",
                quiet.userId(),
                Instant.now()));
        assertThat(me(b, quiet.token()).status()).as("served from the cache").isEqualTo(200);
      } finally {
        await(sql.update("ALTER TABLE api_tokens ENABLE TRIGGER api_tokens_auth_changed"));
      }

      // Revoked through the first replica: both refuse the next request once they heard it.
      long heard = changesHeard(b);
      Fixtures.Member member = fixtures.member(company, Role.MANAGER);
      assertThat(me(a, member.token()).status()).isEqualTo(200);
      assertThat(me(b, member.token()).status()).isEqualTo(200);
      long tokenId =
          await(sql.one("SELECT id FROM api_tokens WHERE user_id = $1", member.userId()))
              .orElseThrow()
              .getLong(0);
      Http.Response revoked =
          a.with("Authorization", "Bearer " + member.token())
              .delete("/api/v1/auth/tokens/" + tokenId);
      assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
      heard = awaitHeard(b, heard + 1);
      assertThat(me(b, member.token()).status()).isEqualTo(401);
      assertThat(me(a, member.token()).status()).isEqualTo(401);

      // A role changed or a user deactivated by anyone (here: SQL) is seen once it is heard.
      Fixtures.Member other = fixtures.member(company, Role.MANAGER);
      assertThat(role(b, other.token())).isEqualTo("manager");
      await(
          sql.update(
              "UPDATE memberships SET role = 'readonly' WHERE user_id = $1", other.userId()));
      heard = awaitHeard(b, heard + 1);
      assertThat(role(b, other.token())).isEqualTo("readonly");
      await(sql.update("UPDATE users SET active = false WHERE id = $1", other.userId()));
      heard = awaitHeard(b, heard + 1);
      assertThat(me(b, other.token()).status()).isEqualTo(401);

      // A lost listener: the replicas listen again, and what changed meanwhile is not served.
      Fixtures.Member third = fixtures.member(company, Role.USER);
      assertThat(me(b, third.token()).status()).isEqualTo(200);
      await(
          sql.query(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 "
                  + "AND datname = current_database()",
              Notifications.SESSION_NAME));
      awaitListeners(sql, listeners);
      heard = changesHeard(b);
      await(
          sql.update(
              "UPDATE api_tokens SET revoked_on = $2 WHERE user_id = $1",
              third.userId(),
              Instant.now()));
      awaitHeard(b, heard + 1);
      assertThat(me(b, third.token()).status()).isEqualTo(401);
    }
  }

  @Test
  void onSqliteEveryRequestReadsTheToken() {
    try (TestApp app = TestApp.start(Datastore.SQLITE)) {
      Sql sql = app.app().database().sql();
      Fixtures fixtures = new Fixtures(app);
      Fixtures.Member member = fixtures.member(fixtures.company("Lite Tokens"), Role.MANAGER);
      Http http = app.http();
      assertThat(role(http, member.token())).isEqualTo("manager");
      await(
          sql.update(
              "UPDATE memberships SET role = 'readonly' WHERE user_id = $1", member.userId()));
      assertThat(role(http, member.token())).isEqualTo("readonly");
      await(
          sql.update(
              "UPDATE api_tokens SET revoked_on = $2 WHERE user_id = $1",
              member.userId(),
              Instant.now()));
      assertThat(me(http, member.token()).status()).isEqualTo(401);
    }
  }

  /** How many change notifications the replica behind {@code http} has acted on. */
  private static long changesHeard(Http http) {
    Http.Response scrape = http.get("/metrics");
    assertThat(scrape.status()).isEqualTo(200);
    Matcher m =
        Pattern.compile("(?m)^projectmeats_auth_changes_heard_total(?:\\{[^}]*})? (\\S+)$")
            .matcher(scrape.body());
    assertThat(m.find()).as("the counter is scraped").isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  /**
   * Waits until the replica has heard exactly {@code expected} notifications (more would mean a
   * change this test did not make, or one notified twice) and answers that count.
   */
  private static long awaitHeard(Http http, long expected) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(10);
    long heard;
    while ((heard = changesHeard(http)) < expected) {
      assertThat(System.nanoTime()).as("the replica hears the change").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(heard).as("notifications heard").isEqualTo(expected);
    return heard;
  }

  private static Http.Response me(Http http, String token) {
    return http.get("/api/v1/auth/me", "Authorization", "Bearer " + token);
  }

  private static String role(Http http, String token) {
    Http.Response r = me(http, token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonObject("company").getString("role");
  }

  /**
   * Waits until both replicas listen on connections other than {@code old}, and answers their
   * backends.
   */
  private static List<Integer> awaitListeners(Sql sql, List<Integer> old) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<Integer> pids = new java.util.ArrayList<>();
      await(
              sql.query(
                  "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() "
                      + "AND state = 'idle' AND (query LIKE 'LISTEN %' OR query = 'SELECT 1')",
                  Notifications.SESSION_NAME))
          .forEach(r -> pids.add(r.getInteger(0)));
      if (pids.size() == 2 && pids.stream().noneMatch(old::contains)) {
        // The LISTEN has answered; its callback turns the cache on right after.
        Thread.sleep(200);
        return pids;
      }
      assertThat(System.nanoTime()).as("both replicas listen again").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
