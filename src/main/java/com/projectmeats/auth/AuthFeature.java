package com.projectmeats.auth;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.security.Authenticator;
import com.projectmeats.mail.Mail;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;

/**
 * Companies, members and sign-in: the routes of the auth area, wired once. (Who may call each route
 * is checked by {@link Authentication}, which App installs for every feature.)
 */
public final class AuthFeature implements Consumer<Api> {
  private final List<Consumer<Api>> routes;

  public AuthFeature(
      Database db, AppConfig config, Vertx vertx, Mail mail, Authenticator authenticator) {
    UserRepository users = new UserRepository(db);
    Passwords passwords = new Passwords(vertx, config.passwordIterations());
    SessionStore sessions = new SessionStore(db, !config.env().isDev());
    LoginThrottle throttle = new LoginThrottle(db);
    SignIn signIn = new SignIn(vertx, users, passwords, throttle, sessions);
    InvitationRepository invitations = new InvitationRepository(db);
    Runnable tokensChanged =
        authenticator instanceof Authentication auth ? auth::tokensChanged : () -> {};
    this.routes =
        List.of(
            new AuthRoutes(users, signIn, sessions, authenticator),
            new SignupRoutes(db, invitations, users, passwords, signIn),
            new TokenRoutes(new TokenRepository(db), tokensChanged),
            new MemberRoutes(new MemberRepository(db), tokensChanged),
            new InvitationRoutes(invitations, users, mail, config.publicUrl()),
            new PasswordRoutes(vertx, db, users, passwords, throttle, mail, config.publicUrl()));
  }

  @Override
  public void accept(Api api) {
    routes.forEach(route -> route.accept(api));
  }
}
