package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Forwarded;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Authenticator;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.function.Consumer;

/** Browser sign-in, sign-out, and who am I. */
final class AuthRoutes implements Consumer<Api> {
  private final UserRepository users;
  private final SignIn signIn;
  private final SessionStore sessions;
  private final Authenticator authenticator;

  AuthRoutes(
      UserRepository users, SignIn signIn, SessionStore sessions, Authenticator authenticator) {
    this.users = users;
    this.signIn = signIn;
    this.sessions = sessions;
    this.authenticator = authenticator;
  }

  @Override
  public void accept(Api api) {
    // Public, yet safe from cross-site use: a JSON body cannot be sent by a foreign page without a
    // CORS preflight, and Api refuses any other content type.
    api.post(
        "/auth/login",
        Access.PUBLIC,
        Operation.of("login", "auth", "Sign in with e-mail and password; sets the session cookie")
            .json(AuthSchemas.LOGIN)
            .returns(AuthSchemas.SIGNED_IN)
            .fails(401, 429),
        this::login);
    api.post(
        "/auth/logout",
        Access.SIGNED_IN,
        Operation.of("logout", "auth", "End this browser session").ignoresBody().noContent(),
        this::logout);
    api.get(
        "/auth/me",
        Access.SIGNED_IN,
        Operation.of("getMe", "auth", "The signed-in user, their companies and the selected one")
            .returns(AuthSchemas.ME),
        this::me);
    // A page asks this before anyone has signed in: "not signed in" is an answer there, not an
    // error, so it is a 200 (a 401 would be logged by the browser as a failed request).
    api.get(
        "/auth/session",
        Access.PUBLIC,
        Operation.of(
                "getSession",
                "auth",
                "Whether this request is signed in: {signed_in: false}, or {signed_in: true} with what /auth/me answers; never 401")
            .returns(AuthSchemas.SESSION),
        this::session);
  }

  private Future<Reply> login(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String email = Fields.text(body, "email", 254);
    String password = Fields.required(body, "password", PasswordPolicy.MAX_LENGTH);
    return signIn
        .verify(email, password, Forwarded.clientAddress(ctx))
        .compose(user -> signIn.startSession(ctx, user, 200));
  }

  private Future<Reply> logout(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    if (caller.via() != Principal.Via.SESSION) {
      throw ApiException.badRequest(
          "Sign-out ends a browser session; an API token is revoked with DELETE /api/v1/auth/tokens/{id}.");
    }
    return sessions
        .end(caller.credentialId())
        .map(v -> Reply.noContent().withHeader("Set-Cookie", sessions.clearedCookie()));
  }

  private Future<Reply> me(RoutingContext ctx) {
    return profile(Principal.of(ctx))
        .map(profile -> Reply.ok(profile).withHeader("Cache-Control", "no-store"));
  }

  private Future<Reply> session(RoutingContext ctx) {
    return authenticator
        .authenticate(ctx, Access.SIGNED_IN)
        .compose(this::profile)
        .map(profile -> Reply.ok(profile.put("signed_in", true)))
        .recover(
            failure ->
                failure instanceof ApiException refusal && refusal.status() == 401
                    ? Future.succeededFuture(signedOut(ctx))
                    : Future.failedFuture(failure))
        .map(reply -> reply.withHeader("Cache-Control", "no-store"));
  }

  private Reply signedOut(RoutingContext ctx) {
    Reply reply = Reply.ok(new JsonObject().put("signed_in", false));
    // A cookie that names no live session is of no further use to the browser.
    return ctx.request().getCookie(Authentication.SESSION_COOKIE) == null
        ? reply
        : reply.withHeader("Set-Cookie", sessions.clearedCookie());
  }

  private Future<JsonObject> profile(Principal caller) {
    return users
        .byId(caller.userId())
        .compose(
            user ->
                users.profile(
                    user.orElseThrow(
                        () -> ApiException.unauthorized("This account no longer exists."))))
        .map(
            profile ->
                profile
                    .put("via", caller.via().name().toLowerCase(Locale.ROOT))
                    .put(
                        "company",
                        caller.companyId() == null
                            ? null
                            : new JsonObject()
                                .put("id", caller.companyId())
                                .put("slug", caller.companySlug())
                                .put("role", caller.role().wire())));
  }
}
