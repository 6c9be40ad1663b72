package com.projectmeats.auth;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** People with real passwords, signed-in browsers and fresh client addresses for the auth tests. */
final class Accounts {
  /** Cheap hashing keeps the suite fast; production stays at 600,000 iterations. */
  static final Map<String, String> ENV = Map.of("PASSWORD_HASH_ITERATIONS", "1000");

  static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  final TestApp app;
  final Fixtures fixtures;
  private final Passwords passwords;

  Accounts(TestApp app) {
    this.app = app;
    this.fixtures = new Fixtures(app);
    this.passwords = new Passwords(app.app().vertx(), 1000);
  }

  static TestApp start(Datastore datastore) {
    return TestApp.start(datastore, ENV);
  }

  record Person(long userId, String email, long companyId, String slug, String token) {}

  /** A member of {@code companyId} with {@code role} who can sign in with {@link #PASSWORD}. */
  Person person(long companyId, Role role) {
    Fixtures.Member m = fixtures.member(companyId, role);
    setPassword(m.userId(), PASSWORD);
    return new Person(m.userId(), m.email(), companyId, m.companySlug(), m.token());
  }

  void setPassword(long userId, String password) {
    await(
        app.app()
            .database()
            .sql()
            .update(
                "UPDATE users SET password_hash = $2 WHERE id = $1",
                userId,
                passwords.hashNow(password)));
  }

  /** A client address of its own, so one test's failed sign-ins never throttle another's. */
  static String freshAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "203.0." + (n / 250) + "." + (n % 250 + 1);
  }

  Http anonymous() {
    return app.http().with("X-Forwarded-For", freshAddress());
  }

  Http.Response login(Http http, String email, String password) {
    return http.post(
        "/api/v1/auth/login", new JsonObject().put("email", email).put("password", password));
  }

  /**
   * A signed-in browser: the session cookie, and the header our own page sends with every request.
   */
  Http browser(Person person) {
    Http.Response r = login(anonymous(), person.email(), PASSWORD);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return withSession(sessionId(r));
  }

  Http withSession(String sessionId) {
    return app.http()
        .with("Cookie", Authentication.SESSION_COOKIE + "=" + sessionId)
        .with("X-Requested-With", "XMLHttpRequest");
  }

  /** The pm_session value that a response sets. */
  static String sessionId(Http.Response r) {
    String cookie = r.header("Set-Cookie");
    assertThat(cookie).as("Set-Cookie of " + r).startsWith(Authentication.SESSION_COOKIE + "=");
    return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
  }

  long count(String sql, Object... args) {
    return await(app.app().database().sql().count(sql, args));
  }

  void update(String sql, Object... args) {
    await(app.app().database().sql().update(sql, args));
  }
}
