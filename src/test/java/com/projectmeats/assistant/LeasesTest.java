package com.projectmeats.assistant;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Answers left {@code streaming} by a process that died are failed once nobody has renewed them for
 * the stale period; answers a live process streams (here or on another replica) are kept.
 */
class LeasesTest {

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
    Contract(Datastore datastore) {
      super(datastore);
    }

    @Test
    void answersNobodyRenewsAreFailedAndLiveOnesKept() {
      // The service runs without an assistant configured, so its own leases do not run beside this
      // test's.
      Sql sql = app.app().database().sql();
      Fixtures fixtures = new Fixtures(app);
      long company = fixtures.company("Prairie Beef");
      Fixtures.Member member = fixtures.member(company, Role.READONLY);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      long session =
          await(
                  sql.one(
                      "INSERT INTO assistant_sessions (company_id, user_id, title, archived, created_on, modified_on) "
                          + "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                      company,
                      member.userId(),
                      "Stuck",
                      false,
                      now))
              .orElseThrow()
              .getLong(0);
      Instant longAgo = now.minus(Duration.ofMinutes(10));
      long orphan = answer(sql, company, session, member.userId(), "streaming", longAgo);
      long streamedHere = answer(sql, company, session, member.userId(), "streaming", longAgo);
      long streamedElsewhere =
          answer(sql, company, session, member.userId(), "streaming", now.minusSeconds(10));
      long finished = answer(sql, company, session, member.userId(), "complete", longAgo);

      StopSignals.Local here = new StopSignals.Local();
      here.register(streamedHere, app.app().vertx().getOrCreateContext(), () -> {});
      int failed =
          await(new Leases(new Messages(app.app().database()), here, Duration.ofMinutes(2)).tick());

      assertThat(failed).isEqualTo(1);
      Row lost = row(sql, orphan);
      assertThat(lost.getString("status")).isEqualTo("failed");
      assertThat(lost.getString("error_code")).isEqualTo("server_restarting");
      Row renewed = row(sql, streamedHere);
      assertThat(renewed.getString("status")).isEqualTo("streaming");
      assertThat(Rows.instant(renewed, "modified_on")).isAfterOrEqualTo(now);
      assertThat(row(sql, streamedElsewhere).getString("status")).isEqualTo("streaming");
      assertThat(row(sql, finished).getString("status")).isEqualTo("complete");
      assertThat(row(sql, finished).getString("error_code")).isNull();

      // Once this process stops streaming it (without saying how it ended), the next sweep after
      // the stale period fails it too.
      here.unregister(streamedHere);
      assertThat(await(new Leases(new Messages(app.app().database()), here, Duration.ZERO).tick()))
          .isEqualTo(2);
      assertThat(row(sql, streamedHere).getString("status")).isEqualTo("failed");
    }

    private static long answer(
        Sql sql, long company, long session, long user, String status, Instant modified) {
      return await(
              sql.one(
                  "INSERT INTO assistant_messages (company_id, session_id, user_id, role, content, model, status, "
                      + "created_on, modified_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                  company,
                  session,
                  user,
                  "assistant",
                  "",
                  "gpt-test",
                  status,
                  modified))
          .orElseThrow()
          .getLong(0);
    }

    private static Row row(Sql sql, long id) {
      return await(
              sql.one(
                  "SELECT status, error_code, modified_on FROM assistant_messages WHERE id = $1",
                  id))
          .orElseThrow();
    }
  }
}
