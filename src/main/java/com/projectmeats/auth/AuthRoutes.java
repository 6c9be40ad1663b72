package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Forwarded;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
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

  AuthRoutes(UserRepository users, SignIn signIn, SessionStore sessions) {
    this.users = users;
    this.signIn = signIn;
    this.sessions = sessions;
  }

  @Override
  public void accept(Api api) {
    // Public, yet safe from cross-site use: a JSON body cannot be sent by a foreign page without a
    // CORS preflight, and Api refuses any other content type.
    api.post("/auth/login", Access.PUBLIC, Operation.of("login", "auth", "Sign in with e-mail and password; sets the session cookie")
        .json(AuthSchemas.LOGIN).returns(AuthSchemas.SIGNED_IN).fails(429), this::login);
    api.post("/auth/logout", Access.SIGNED_IN, Operation.of("logout", "auth", "End this browser session")
        .optionalJson(Schema.object().open().describe("Nothing is read from it.")).noContent(), this::logout);
    api.get("/auth/me", Access.SIGNED_IN, Operation.of("getMe", "auth", "The signed-in user, their companies and the selected one")
        .returns(AuthSchemas.ME), this::me);
  }

  private Future<Reply> login(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String email = Fields.text(body, "email", 254);
    String password = Fields.required(body, "password", PasswordPolicy.MAX_LENGTH);
    return signIn.verify(email, password, Forwarded.clientAddress(ctx)).compose(user -> signIn.startSession(ctx, user, 200));
  }

  private Future<Reply> logout(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    if (caller.via() != Principal.Via.SESSION) {
      throw ApiException.badRequest("Sign-out ends a browser session; an API token is revoked with DELETE /api/v1/auth/tokens/{id}.");
    }
    return sessions.end(caller.credentialId())
        .map(v -> Reply.noContent().withHeader("Set-Cookie", sessions.clearedCookie()));
  }

  private Future<Reply> me(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    return users.byId(caller.userId())
        .compose(user -> users.profile(user.orElseThrow(() -> ApiException.unauthorized("This account no longer exists."))))
        .map(profile -> Reply.ok(profile
                .put("via", caller.via().name().toLowerCase(Locale.ROOT))
                .put("company", caller.companyId() == null ? null : new JsonObject()
                    .put("id", caller.companyId()).put("slug", caller.companySlug()).put("role", caller.role().wire())))
            .withHeader("Cache-Control", "no-store"));
  }
}
