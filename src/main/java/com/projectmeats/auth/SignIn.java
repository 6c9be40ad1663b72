package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Forwarded;
import com.projectmeats.core.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checking a password for an e-mail address, and starting the browser session that follows. Used by
 * sign-in and by sign-up of someone who already has an account.
 */
final class SignIn {
  private static final Logger log = LoggerFactory.getLogger(SignIn.class);

  /**
   * Past a couple of failures each further one is answered a little later: slows a guesser, not a
   * typo.
   */
  private static final long STEP_DELAY_MS = 250;

  private final Vertx vertx;
  private final UserRepository users;
  private final Passwords passwords;
  private final LoginThrottle throttle;
  private final SessionStore sessions;

  SignIn(
      Vertx vertx,
      UserRepository users,
      Passwords passwords,
      LoginThrottle throttle,
      SessionStore sessions) {
    this.vertx = vertx;
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
    this.sessions = sessions;
  }

  /**
   * The active user with this e-mail and password, or 401 {@code invalid_credentials}, the same for
   * an unknown address, an inactive account and a wrong password, in about the same time (a missing
   * hash is replaced by a dummy of the same cost). 429 once the throttle says so.
   */
  Future<User> verify(String email, String password, String address) {
    return throttle
        .begin(email, address)
        .compose(
            attempt ->
                users
                    .byEmail(email)
                    .compose(
                        found -> {
                          User user = found.filter(User::active).orElse(null);
                          return passwords
                              .verify(password, user == null ? null : user.passwordHash())
                              .compose(
                                  ok -> {
                                    if (!ok) {
                                      long delay =
                                          Math.min(4, Math.max(0, attempt.accountFailures() - 2))
                                              * STEP_DELAY_MS;
                                      Future<Void> wait =
                                          delay == 0
                                              ? Future.succeededFuture()
                                              : vertx.timer(delay);
                                      return wait.transform(
                                          v -> Future.failedFuture(invalidCredentials()));
                                    }
                                    rehashIfOutdated(user, password);
                                    return throttle.succeeded(attempt).map(user);
                                  });
                        }));
  }

  static ApiException invalidCredentials() {
    return new ApiException(
        401,
        "invalid_credentials",
        "Not signed in",
        "The e-mail address or the password is not correct.");
  }

  /**
   * A new session for {@code user}: ends the one the browser brought (if any), sets the cookie and
   * answers the user with their companies.
   */
  Future<Reply> startSession(RoutingContext ctx, User user, int status) {
    Cookie previous = ctx.request().getCookie(Authentication.SESSION_COOKIE);
    return sessions
        .end(previous == null ? null : previous.getValue())
        .compose(
            v ->
                sessions.start(
                    user.id(),
                    Forwarded.clientAddress(ctx),
                    ctx.request().getHeader(HttpHeaders.USER_AGENT)))
        .compose(
            secret ->
                users
                    .profile(user)
                    .map(
                        profile ->
                            new Reply(status, profile, Map.of())
                                .withHeader("Set-Cookie", sessions.cookie(secret))
                                .withHeader("Cache-Control", "no-store")));
  }

  /**
   * A hash from before the cost was raised (or from the Django era) is redone now that the password
   * is at hand.
   */
  private void rehashIfOutdated(User user, String password) {
    if (passwords.outdated(user.passwordHash())) {
      passwords
          .hash(password)
          .compose(hash -> users.updatePasswordHash(user.id(), hash))
          .onFailure(
              e ->
                  log.warn(
                      "Could not upgrade the password hash of user {}: {}",
                      user.id(),
                      e.toString()));
    }
  }
}
