package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Response;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import com.projectmeats.mail.Letter;
import com.projectmeats.mail.Mail;
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
  private final Mail mail;
  private final String publicUrl;

  InvitationRoutes(
      InvitationRepository invitations, UserRepository users, Mail mail, String publicUrl) {
    this.invitations = invitations;
    this.users = users;
    this.mail = mail;
    this.publicUrl = publicUrl;
  }

  @Override
  public void accept(Api api) {
    api.get(
        "/invitations",
        Access.member(Role.ADMIN),
        Operation.of(
                "listInvitations",
                "invitations",
                "Invitations of the selected company, newest first")
            .paged()
            .returns(Schema.pageOf(AuthSchemas.INVITATION)),
        this::list);
    api.post(
        "/invitations",
        Access.member(Role.ADMIN),
        Operation.of(
                "createInvitation",
                "invitations",
                "Invite an e-mail address with a role; the token and link are shown once, and e-mailed when mail is configured")
            .json(AuthSchemas.INVITATION_REQUEST)
            .respond(
                Response.json(201, "Created; the secret is in token.", AuthSchemas.NEW_INVITATION))
            .fails(409),
        this::create);
    api.delete(
        "/invitations/:id",
        Access.member(Role.ADMIN),
        Operation.of("revokeInvitation", "invitations", "Withdraw an invitation").noContent(),
        this::revoke);
    // Public: the 256-bit token is the credential. The access log masks it. Under /auth (not
    // /invitations/:token), so that a token can never be read as an invitation's id.
    api.get(
        "/auth/invitations/:token",
        Access.PUBLIC,
        Operation.of(
                "getInvitationOffer",
                "auth",
                "What an invitation token offers (company, e-mail, role), if still valid")
            .pathParam("token", Schema.string(100).describe("The invitation's token (pmi_…)."))
            .returns(AuthSchemas.INVITATION_OFFER)
            .fails(410),
        this::show);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    Page page = Page.of(ctx, 50);
    Instant now = Instant.now();
    return invitations
        .count(caller.company())
        .compose(
            count ->
                invitations
                    .list(caller.company(), page)
                    .map(
                        rows ->
                            Reply.ok(
                                page.envelope(
                                    ctx,
                                    count,
                                    new JsonArray(
                                        rows.stream().map(i -> i.toJson(now)).toList())))));
  }

  private Future<Reply> create(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    JsonObject body = Json.body(ctx);
    String email = Fields.email(body, "email");
    Role role = Fields.role(body, "role");
    MemberRepository.requireOwnerFor(caller.role(), role == Role.OWNER, "invite an owner");
    // The admin always gets the link too: mail can be slow, filtered as spam or go to a typo.
    return invitations
        .create(
            caller.company(),
            email,
            role,
            caller.userId(),
            (sql, created) ->
                mail.configured()
                    ? mail.queue(sql, invitationLetter(created, caller.userId()))
                    : Future.succeededFuture())
        .onSuccess(created -> mail.wake())
        .map(
            created ->
                Reply.created(
                        created
                            .invitation()
                            .toJson(Instant.now())
                            .put("token", created.token())
                            .put("url", link(created.token()))
                            .put("emailed", mail.configured()),
                        null)
                    .withHeader("Cache-Control", "no-store"));
  }

  private String link(String token) {
    return publicUrl + "/invite/" + token;
  }

  private Letter invitationLetter(InvitationRepository.Created created, long invitedBy) {
    Invitation invitation = created.invitation();
    String body =
        "You have been invited to join "
            + invitation.companyName()
            + " on ProjectMeats as "
            + invitation.role().wire()
            + ".\n\n"
            + "Accept the invitation here:\n"
            + link(created.token())
            + "\n\n"
            + "The link works until "
            + invitation.expiresOn()
            + " (UTC). If you did not expect this, ignore this message.\n";
    return Letter.toPerson(
        Letter.Kind.INVITATION,
        invitation.companyId(),
        invitedBy,
        invitation.email(),
        "Your invitation to " + invitation.companyName() + " on ProjectMeats",
        body);
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long id = Fields.id(ctx.pathParam("id"), "invitation");
    return invitations.revoke(caller.company(), id).map(v -> Reply.noContent());
  }

  private Future<Reply> show(RoutingContext ctx) {
    return pending(invitations, ctx.pathParam("token"))
        .compose(
            invitation ->
                users
                    .byEmail(invitation.email())
                    .map(
                        user ->
                            Reply.ok(invitation.publicJson(user.isPresent()))
                                .withHeader("Cache-Control", "no-store")));
  }

  /**
   * The pending invitation a token opens: 404 when it opens none, 410 when it is used, revoked or
   * expired.
   */
  static Future<Invitation> pending(InvitationRepository invitations, String token) {
    if (token == null
        || !token.startsWith(InvitationRepository.TOKEN_PREFIX)
        || token.length() > 100) {
      return Future.failedFuture(notFound());
    }
    return invitations
        .byToken(token)
        .map(found -> found.orElseThrow(InvitationRoutes::notFound).requirePending(Instant.now()));
  }

  private static ApiException notFound() {
    return new ApiException(
        404, "invitation_not_found", "Not found", "No invitation has this token.");
  }
}
