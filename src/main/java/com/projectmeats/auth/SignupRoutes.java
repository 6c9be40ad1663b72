package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Forwarded;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Response;
import com.projectmeats.core.security.Access;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Accepting an invitation. Someone new gets an account with the invited address; someone who
 * already has one proves it with their password (throttled like sign-in) and joins the company.
 * Either way they are signed in afterwards.
 */
final class SignupRoutes implements Consumer<Api> {
  private final Database db;
  private final InvitationRepository invitations;
  private final UserRepository users;
  private final Passwords passwords;
  private final SignIn signIn;

  SignupRoutes(
      Database db,
      InvitationRepository invitations,
      UserRepository users,
      Passwords passwords,
      SignIn signIn) {
    this.db = db;
    this.invitations = invitations;
    this.users = users;
    this.passwords = passwords;
    this.signIn = signIn;
  }

  @Override
  public void accept(Api api) {
    api.post(
        "/auth/signup",
        Access.PUBLIC,
        Operation.of(
                "signUp",
                "auth",
                "Accept an invitation: create the account (or join with an existing one) and sign in")
            .json(AuthSchemas.SIGNUP)
            .respond(
                Response.json(
                    201,
                    "Signed up and signed in; the session cookie is set.",
                    AuthSchemas.SIGNED_IN))
            .fails(401, 409, 410, 429),
        this::signup);
  }

  private Future<Reply> signup(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String token = Fields.text(body, "token", 100);
    String password = Fields.required(body, "password", PasswordPolicy.MAX_LENGTH);
    return InvitationRoutes.pending(invitations, token)
        .compose(
            invitation ->
                users
                    .byEmail(invitation.email())
                    .compose(
                        existing ->
                            existing.isPresent()
                                ? signIn
                                    .verify(
                                        invitation.email(), password, Forwarded.clientAddress(ctx))
                                    .compose(user -> join(invitation, user.id()))
                                : newAccount(invitation, Fields.text(body, "name", 200), password)))
        .compose(userId -> users.byId(userId))
        .compose(user -> signIn.startSession(ctx, user.orElseThrow(), 201));
  }

  private Future<Long> newAccount(Invitation invitation, String name, String password) {
    List<String> problems = PasswordPolicy.problems(password, invitation.email());
    if (!problems.isEmpty()) {
      return Future.failedFuture(ApiException.validation(Map.of("password", problems)));
    }
    // Hashed before the transaction opens: nothing holds a connection for the hash's fraction of a
    // second.
    return passwords
        .hash(password)
        .compose(
            hash ->
                db.inTransaction(
                    sql ->
                        UserRepository.insert(
                                sql, invitation.email(), name, hash, invitation.companyId())
                            .compose(userId -> accept(sql, invitation, userId))));
  }

  private Future<Long> join(Invitation invitation, long userId) {
    return db.inTransaction(
        sql ->
            accept(sql, invitation, userId)
                .compose(
                    id ->
                        UserRepository.defaultCompanyIfNone(sql, userId, invitation.companyId())
                            .map(id)));
  }

  /** Membership plus the invitation marked used, together or not at all. */
  private static Future<Long> accept(Sql sql, Invitation invitation, long userId) {
    return MemberRepository.add(sql, userId, invitation.companyId(), invitation.role())
        .compose(v -> InvitationRepository.accept(sql, invitation.id(), userId))
        .map(
            accepted -> {
              if (!accepted) {
                throw Invitation.gone(
                    "invitation_used", "This invitation has just been used or withdrawn.");
              }
              return userId;
            });
  }
}
