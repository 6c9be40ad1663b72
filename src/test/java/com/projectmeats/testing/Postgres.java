package com.projectmeats.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use: a Testcontainers one where a Docker engine runs and holds or
 * can pull the images, else the server named by DATABASE_URL or PG* variables, else 127.0.0.1:5432.
 * Each caller gets a fresh database. When none can be reached the tests fail: the PostgreSQL suite
 * is never skipped.
 */
public final class Postgres {
  private static final String IMAGE = "postgres:15-alpine";
  private static Server server;

  record Server(String host, int port, String user, String password) {}

  private Postgres() {}

  /** A new, empty database on the test server, as a DATABASE_URL. */
  public static synchronized String freshDatabaseUrl() {
    Server s = server();
    String name = "pm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = admin(s);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not create a test database on "
              + s.host()
              + ":"
              + s.port()
              + ": "
              + e.getMessage(),
          e);
    }
    return "postgres://"
        + s.user()
        + (s.password() == null ? "" : ":" + s.password())
        + "@"
        + s.host()
        + ":"
        + s.port()
        + "/"
        + name;
  }

  public static synchronized void drop(String databaseUrl) {
    String name = URI.create(databaseUrl).getPath().substring(1);
    try (Connection c = admin(server());
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (Exception ignored) {
      // Leftover test databases are harmless; a failed drop must not fail the test that used it.
    }
  }

  public static String host() {
    return server().host();
  }

  public static int port() {
    return server().port();
  }

  private static Connection admin(Server s) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", s.user());
    if (s.password() != null) {
      p.setProperty("password", s.password());
    }
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + s.host() + ":" + s.port() + "/postgres", p);
  }

  private static Server server() {
    if (server == null) {
      server = containerOrConfigured();
      try (Connection c = admin(server)) {
        c.isValid(5);
      } catch (Exception e) {
        throw new IllegalStateException(
            """
            The PostgreSQL test suite needs a server and none answered at %s:%d (%s).
            Start one (pg_ctlcluster 15 main start), or set DATABASE_URL / PGHOST+PGPORT+PGUSER.
            """
                .formatted(server.host(), server.port(), e.getMessage()),
            e);
      }
    }
    return server;
  }

  static Server configured(Map<String, String> env) {
    String url = env.get("DATABASE_URL");
    if (url != null && (url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
      URI uri = URI.create(url);
      String[] info =
          uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
      return new Server(
          uri.getHost(),
          uri.getPort() == -1 ? 5432 : uri.getPort(),
          info[0],
          info.length > 1 ? info[1] : null);
    }
    return new Server(
        env.getOrDefault("PGHOST", "127.0.0.1"),
        Integer.parseInt(env.getOrDefault("PGPORT", "5432")),
        env.getOrDefault("PGUSER", "postgres"),
        env.get("PGPASSWORD"));
  }

  private static Server containerOrConfigured() {
    var engine = EngineImages.engine();
    if (engine == null) {
      return configured(System.getenv());
    }
    String missing = EngineImages.missing(engine, IMAGE);
    if (missing == null) {
      return container();
    }
    Server fallback = configured(System.getenv());
    // One line, so a run shows which server its PostgreSQL tests used and why.
    System.err.printf(
        "PostgreSQL tests: the Docker engine at %s cannot provide Testcontainers' images (%s); using %s:%d instead%n",
        engine.getDockerHost(), missing.replaceAll("\\s+", " "), fallback.host(), fallback.port());
    return fallback;
  }

  @SuppressWarnings("resource")
  private static Server container() {
    var pg = new org.testcontainers.postgresql.PostgreSQLContainer(IMAGE);
    pg.start();
    return new Server(pg.getHost(), pg.getMappedPort(5432), pg.getUsername(), pg.getPassword());
  }
}
