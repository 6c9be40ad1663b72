package com.projectmeats.auth;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** The members of the selected company: admins list them, change their roles and remove them. */
final class MemberRoutes implements Consumer<Api> {
  private final MemberRepository members;

  /** Forgets this replica's cached tokens (the others hear it from PostgreSQL). */
  private final Runnable tokensChanged;

  MemberRoutes(MemberRepository members, Runnable tokensChanged) {
    this.members = members;
    this.tokensChanged = tokensChanged;
  }

  @Override
  public void accept(Api api) {
    api.get(
        "/members",
        Access.member(Role.ADMIN),
        Operation.of("listMembers", "members", "Members of the selected company and their roles")
            .paged()
            .returns(Schema.pageOf(AuthSchemas.MEMBER)),
        this::list);
    api.patch(
        "/members/:userId",
        Access.member(Role.ADMIN),
        Operation.of(
                "changeMemberRole",
                "members",
                "Change a member's role (owner only to or from owner)")
            .json(AuthSchemas.ROLE_CHANGE)
            .returns(AuthSchemas.MEMBER)
            .fails(409),
        this::changeRole);
    api.delete(
        "/members/:userId",
        Access.member(Role.ADMIN),
        Operation.of(
                "removeMember",
                "members",
                "Remove a member; their sessions lose the company at once")
            .noContent()
            .fails(409),
        this::remove);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    Page page = Page.of(ctx, 50);
    return members
        .count(caller.company())
        .compose(
            count ->
                members
                    .list(caller.company(), page)
                    .map(
                        rows ->
                            Reply.ok(
                                page.envelope(
                                    ctx,
                                    count,
                                    new JsonArray(rows.stream().map(Member::toJson).toList())))));
  }

  private Future<Reply> changeRole(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long userId = Fields.id(ctx.pathParam("userId"), "member");
    Role role = Fields.role(Json.body(ctx), "role");
    return members
        .changeRole(caller.company(), userId, role, caller.role())
        .map(
            member -> {
              tokensChanged.run();
              return Reply.ok(member.toJson());
            });
  }

  private Future<Reply> remove(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long userId = Fields.id(ctx.pathParam("userId"), "member");
    return members
        .remove(caller.company(), userId, caller.role())
        .map(
            v -> {
              tokensChanged.run();
              return Reply.noContent();
            });
  }
}
