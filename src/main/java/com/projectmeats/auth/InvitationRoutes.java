package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Admins invite e-mail addresses into their company; whoever holds an invitation's token may look
 * at it before signing up. Sign-up is by invitation only.
 */
final class InvitationRoutes implements Consumer<Api> {
  private final InvitationRepository invitations;
  private final UserRepository users;

  InvitationRoutes(InvitationRepository invitations, UserRepository users) {
    this.invitations = invitations;
    this.users = users;
  }

  @Override
  public void accept(Api api) {
    api.get("/invitations", Access.member(Role.ADMIN), "Invitations of the selected company, newest first", this::list);
    api.post("/invitations", Access.member(Role.ADMIN), "Invite an e-mail address with a role; the token is shown once", this::create);
    api.delete("/invitations/:id", Access.member(Role.ADMIN), "Withdraw an invitation", this::revoke);
    // Public: the 256-bit token is the credential. The access log masks it.
    api.get("/invitations/:token", Access.PUBLIC, "What an invitation token offers (company, e-mail, role), if still valid", this::show);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    Page page = Page.of(ctx, 50);
    Instant now = Instant.now();
    return invitations.count(caller.company())
        .compose(count -> invitations.list(caller.company(), page)
            .map(rows -> Reply.ok(page.envelope(ctx, count, new JsonArray(rows.stream().map(i -> i.toJson(now)).toList())))));
  }

  private Future<Reply> create(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    JsonObject body = Json.body(ctx);
    String email = Fields.email(body, "email");
    Role role = Fields.role(body, "role");
    MemberRepository.requireOwnerFor(caller.role(), role == Role.OWNER, "invite an owner");
    return invitations.create(caller.company(), email, role, caller.userId())
        .map(created -> Reply.created(created.invitation().toJson(Instant.now()).put("token", created.token()), null)
            .withHeader("Cache-Control", "no-store"));
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long id = Fields.id(ctx.pathParam("id"), "invitation");
    return invitations.revoke(caller.company(), id).map(v -> Reply.noContent());
  }

  private Future<Reply> show(RoutingContext ctx) {
    return pending(invitations, ctx.pathParam("token"))
        .compose(invitation -> users.byEmail(invitation.email())
            .map(user -> Reply.ok(invitation.publicJson(user.isPresent())).withHeader("Cache-Control", "no-store")));
  }

  /** The pending invitation a token opens: 404 when it opens none, 410 when it is used, revoked or expired. */
  static Future<Invitation> pending(InvitationRepository invitations, String token) {
    if (token == null || !token.startsWith(InvitationRepository.TOKEN_PREFIX) || token.length() > 100) {
      return Future.failedFuture(notFound());
    }
    return invitations.byToken(token)
        .map(found -> found.orElseThrow(InvitationRoutes::notFound).requirePending(Instant.now()));
  }

  private static ApiException notFound() {
    return new ApiException(404, "invitation_not_found", "Not found", "No invitation has this token.");
  }
}
