package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Forwarded;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import com.projectmeats.mail.Letter;
import com.projectmeats.mail.Mail;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Forgotten and changed passwords. "Forgot password?" e-mails a one-hour, single-use link and
 * answers the same, in about the same time, whether or not the address has an account; without mail
 * an admin makes the link for a member to copy. A new password (by link or by change) follows
 * sign-up's policy and ends the account's other sessions.
 */
final class PasswordRoutes implements Consumer<Api> {
  /**
   * Every "forgot password" answer waits at least this long: the request for an existing account
   * does a little more work (a link and a message written) than one for an unknown address, and the
   * difference must not show.
   */
  static final Duration ANSWER_AFTER = Duration.ofMillis(400);

  private final Vertx vertx;
  private final Database db;
  private final UserRepository users;
  private final Passwords passwords;
  private final LoginThrottle loginThrottle;
  private final RequestThrottle resetThrottle;
  private final Mail mail;
  private final String publicUrl;

  PasswordRoutes(
      Vertx vertx,
      Database db,
      UserRepository users,
      Passwords passwords,
      LoginThrottle loginThrottle,
      Mail mail,
      String publicUrl) {
    this.vertx = vertx;
    this.db = db;
    this.users = users;
    this.passwords = passwords;
    this.loginThrottle = loginThrottle;
    // Three links per address a quarter-hour is plenty for a person and useless for flooding an
    // inbox.
    this.resetThrottle = new RequestThrottle(db, "reset", 3, 20);
    this.mail = mail;
    this.publicUrl = publicUrl;
  }

  @Override
  public void accept(Api api) {
    api.post(
        "/auth/password-reset",
        Access.PUBLIC,
        Operation.of(
                "requestPasswordReset",
                "auth",
                "E-mail a one-hour password reset link; answers 202 alike whether or not the address has an account")
            .json(AuthSchemas.RESET_REQUEST)
            .accepted(AuthSchemas.RESET_REQUESTED)
            .fails(429, 503),
        this::requestReset);
    api.post(
        "/auth/password-reset/confirm",
        Access.PUBLIC,
        Operation.of(
                "confirmPasswordReset",
                "auth",
                "Set a new password with a reset link's token; ends every session of the account")
            .json(AuthSchemas.RESET_CONFIRM)
            .noContent()
            .fails(410),
        this::confirmReset);
    api.post(
        "/auth/password",
        Access.SIGNED_IN,
        Operation.of(
                "changePassword",
                "auth",
                "Change your password (the current one required); ends your other sessions")
            .json(AuthSchemas.PASSWORD_CHANGE)
            .noContent()
            .fails(429),
        this::change);
    api.post(
        "/members/:userId/password-reset",
        Access.member(Role.ADMIN),
        Operation.of(
                "issueMemberPasswordReset",
                "members",
                "Make a one-hour password reset link for a member to copy (someone who belongs to no other company)")
            .ignoresBody()
            .returns(AuthSchemas.RESET_LINK)
            .fails(403),
        this::issueForMember);
  }

  private Future<Reply> requestReset(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String email = Fields.email(body, "email");
    if (!mail.configured()) {
      throw Mail.notConfigured();
    }
    long started = System.nanoTime();
    return resetThrottle
        .admit(email, Forwarded.clientAddress(ctx))
        .compose(v -> users.byEmail(email))
        .compose(
            found ->
                found
                    .filter(User::active)
                    .map(
                        user ->
                            db.inTransaction(
                                    sql ->
                                        PasswordResets.issue(sql, user.id(), null)
                                            .compose(
                                                issued ->
                                                    mail.queue(sql, resetLetter(user, issued))))
                                .onSuccess(queued -> mail.wake())
                                .<Void>mapEmpty())
                    .orElse(Future.succeededFuture()))
        .compose(
            v -> {
              long left = ANSWER_AFTER.toMillis() - (System.nanoTime() - started) / 1_000_000;
              return left > 0 ? vertx.timer(left).<Void>mapEmpty() : Future.<Void>succeededFuture();
            })
        .map(
            v ->
                Reply.accepted(
                    new JsonObject()
                        .put(
                            "detail",
                            "If an account has this address, a reset link is on its way. The link works once, for one hour.")));
  }

  /**
   * The link's token is in the fragment: browsers never send it to a server (no access log, no
   * Referer).
   */
  private Letter resetLetter(User user, PasswordResets.Issued issued) {
    String link = publicUrl + "/reset-password#" + issued.token();
    String body =
        "Someone, hopefully you, asked to reset the password of the ProjectMeats account "
            + user.email()
            + ".\n\n"
            + "Choose a new password here (the link works once, until "
            + issued.expiresOn()
            + " UTC):\n"
            + link
            + "\n\n"
            + "If you did not ask, ignore this message: your password stays as it is.\n";
    return Letter.toPerson(
        Letter.Kind.PASSWORD_RESET,
        null,
        user.id(),
        user.email(),
        "Reset your ProjectMeats password",
        body);
  }

  private Future<Reply> confirmReset(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String token = Fields.text(body, "token", 100);
    String password = Fields.required(body, "password", PasswordPolicy.MAX_LENGTH);
    return PasswordResets.holder(db.sql(), token)
        .compose(
            holder ->
                holder.isEmpty() ? Future.failedFuture(linkInvalid()) : users.byId(holder.get()))
        .compose(
            found -> {
              User user = found.filter(User::active).orElseThrow(PasswordRoutes::linkInvalid);
              requirePolicy("password", password, user.email());
              // Hashed before the transaction opens: nothing holds a connection for the hash's
              // fraction of a second.
              return passwords
                  .hash(password)
                  .compose(
                      hash ->
                          db.inTransaction(
                              sql ->
                                  PasswordResets.redeem(sql, token, user.id())
                                      .compose(
                                          redeemed -> {
                                            if (!redeemed) {
                                              throw linkInvalid();
                                            }
                                            return UserRepository.setPasswordHash(
                                                    sql, user.id(), hash)
                                                .compose(
                                                    v ->
                                                        sql.update(
                                                            "DELETE FROM sessions WHERE user_id = $1",
                                                            user.id()));
                                          })));
            })
        .map(v -> Reply.noContent());
  }

  private Future<Reply> change(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    JsonObject body = Json.body(ctx);
    String current = Fields.required(body, "current_password", PasswordPolicy.MAX_LENGTH);
    String next = Fields.required(body, "new_password", PasswordPolicy.MAX_LENGTH);
    // The session that asks stays; every other one (a forgotten laptop, a thief's browser) ends.
    long keep = caller.via() == Principal.Via.SESSION ? caller.credentialId() : -1;
    return users
        .byId(caller.userId())
        .compose(
            found -> {
              User user =
                  found.orElseThrow(
                      () -> ApiException.unauthorized("This account no longer exists."));
              // Guessing the current password through this form is throttled like sign-in.
              return loginThrottle
                  .begin(user.email(), Forwarded.clientAddress(ctx))
                  .compose(
                      attempt ->
                          passwords
                              .verify(current, user.passwordHash())
                              .compose(
                                  ok -> {
                                    if (!ok) {
                                      throw ApiException.validation(
                                          "current_password", "is not your current password");
                                    }
                                    requirePolicy("new_password", next, user.email());
                                    return loginThrottle.succeeded(attempt);
                                  })
                              .compose(v -> passwords.hash(next))
                              .compose(
                                  hash ->
                                      db.inTransaction(
                                          sql ->
                                              UserRepository.setPasswordHash(sql, user.id(), hash)
                                                  .compose(
                                                      v ->
                                                          sql.update(
                                                              "DELETE FROM sessions WHERE user_id = $1 AND id <> $2",
                                                              user.id(),
                                                              keep)))));
            })
        .map(v -> Reply.noContent());
  }

  /**
   * Only for someone whose every membership is in the admin's company: a link opens the whole
   * account, so an admin here must not gain another company through a shared member. An owner's
   * link takes an owner.
   */
  private Future<Reply> issueForMember(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long userId = Fields.id(ctx.pathParam("userId"), "member");
    return db.inTransaction(
            sql ->
                sql.one(
                        """
            SELECT m.role, u.active FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.company_id = $1 AND m.user_id = $2""",
                        caller.company(),
                        userId)
                    .compose(
                        found -> {
                          var row =
                              found.orElseThrow(
                                  () ->
                                      ApiException.notFound(
                                          "No member " + userId + " in this company."));
                          Role role = Role.parse(row.getString("role")).orElseThrow();
                          MemberRepository.requireOwnerFor(
                              caller.role(), role == Role.OWNER, "make a reset link for an owner");
                          return sql.count(
                              "SELECT count(*) FROM memberships WHERE user_id = $1 AND company_id <> $2",
                              userId,
                              caller.company());
                        })
                    .compose(
                        elsewhere -> {
                          if (elsewhere > 0) {
                            throw new ApiException(
                                403,
                                "member_of_other_companies",
                                "Forbidden",
                                "This person also belongs to another company, so only they can reset their password (\"Forgot password?\").");
                          }
                          return PasswordResets.issue(sql, userId, caller.userId());
                        }))
        .map(
            issued ->
                Reply.ok(
                        new JsonObject()
                            .put("url", publicUrl + "/reset-password#" + issued.token())
                            .put("expires_on", issued.expiresOn().toString()))
                    .withHeader("Cache-Control", "no-store"));
  }

  private static void requirePolicy(String field, String password, String email) {
    List<String> problems = PasswordPolicy.problems(password, email);
    if (!problems.isEmpty()) {
      throw ApiException.validation(Map.of(field, problems));
    }
  }

  private static ApiException linkInvalid() {
    return new ApiException(
        410,
        "reset_link_invalid",
        "Gone",
        "This reset link has expired or was already used; ask for a new one.");
  }
}
