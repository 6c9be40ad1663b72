package com.projectmeats.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.error.ApiException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** How a database that went away mid-request reaches the client: 503, never 500. */
class DatabaseErrorsTest {

  @Test
  void aConnectionLostMidRequestIsUnavailableNotAServerError() {
    // What the PostgreSQL client reports when the server is killed under a running statement.
    for (Throwable lost :
        new Throwable[] {
          new SocketException("Connection reset"),
          ClosedConnectionException.INSTANCE,
          new java.net.ConnectException("Connection refused"),
          new java.io.IOException("Connection reset by peer")
        }) {
      Throwable mapped = DatabaseErrors.map(lost);
      assertThat(mapped).as(lost.toString()).isInstanceOf(ApiException.class);
      assertThat(((ApiException) mapped).status()).isEqualTo(503);
      assertThat(((ApiException) mapped).code()).isEqualTo("database_unavailable");
    }
  }

  @Test
  void aConnectionRefusedAtTheServersLimitIsUnavailableNotAServerError() {
    // What PostgreSQL answers a new connection past max_connections or the role's CONNECTION LIMIT.
    for (String message :
        new String[] {
          "sorry, too many clients already", "too many connections for role \"projectmeats\""
        }) {
      Throwable mapped = DatabaseErrors.map(new PgException(message, "FATAL", "53300", null));
      assertThat(mapped).as(message).isInstanceOf(ApiException.class);
      assertThat(((ApiException) mapped).status()).isEqualTo(503);
      assertThat(((ApiException) mapped).code()).isEqualTo("database_unavailable");
    }
  }

  @Test
  void programmingErrorsStayServerErrors() {
    IllegalStateException bug = new IllegalStateException("a bug");
    assertThat(DatabaseErrors.map(bug)).isSameAs(bug);
  }
}
