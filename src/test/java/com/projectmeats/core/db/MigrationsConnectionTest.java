package com.projectmeats.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.DatabaseSettings;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.TestApp;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Flyway's PostgreSQL connections never cut a long migration statement off, and still find a dead
 * server in minutes.
 */
class MigrationsConnectionTest {

  @Test
  void flywaysConnectionsHaveNoReadTimeoutAndProbeTheServer() throws Exception {
    PGSimpleDataSource ds =
        (PGSimpleDataSource)
            Migrations.configure(settings("postgres://u@127.0.0.1:5432/x")).getDataSource();

    assertThat(ds.getSocketTimeout()).isZero();
    assertThat(ds.getTcpKeepAlive()).isTrue();
    assertThat(ds.getSocketFactory()).isEqualTo(KeepAliveSocketFactory.class.getName());
    assertThat(ds.getConnectTimeout()).isPositive();
    assertThat(ds.getLoginTimeout()).isPositive();
  }

  @Test
  void theSocketsSendKeepaliveProbesAfterAMinuteOfSilence() throws Exception {
    try (Socket socket = new KeepAliveSocketFactory().createSocket()) {
      assertThat(socket.getKeepAlive()).isTrue();
      assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(60);
      assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(10);
      assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(6);
    }
  }

  @Test
  void aStatementOnAFlywayConnectionRunsThroughTheDriverWithThoseSockets() throws Exception {
    String url = Datastore.POSTGRES.freshUrl();
    try (Connection connection =
            Migrations.configure(settings(url)).getDataSource().getConnection();
        Statement st = connection.createStatement();
        ResultSet row =
            st.executeQuery(
                "SELECT pg_sleep(1), application_name FROM pg_stat_activity"
                    + " WHERE pid = pg_backend_pid()")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString("application_name")).isEqualTo("projectmeats-migrate");
    } finally {
      Datastore.POSTGRES.dispose(url);
    }
  }

  private static DatabaseSettings settings(String url) {
    return AppConfig.from(TestApp.env(url)).database();
  }
}
