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
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Integrators' API tokens. A token acts as its creator, with their current role, in the company
 * selected when it was made; any member may make tokens for themselves and revoke their own.
 */
final class TokenRoutes implements Consumer<Api> {
  private final TokenRepository tokens;

  /** Forgets this replica's cached tokens (the others hear it from PostgreSQL). */
  private final Runnable tokensChanged;

  TokenRoutes(TokenRepository tokens, Runnable tokensChanged) {
    this.tokens = tokens;
    this.tokensChanged = tokensChanged;
  }

  @Override
  public void accept(Api api) {
    api.get(
        "/auth/tokens",
        Access.member(Role.READONLY),
        Operation.of(
                "listApiTokens",
                "tokens",
                "Your API tokens in the selected company (never their secrets)")
            .paged()
            .returns(Schema.pageOf(AuthSchemas.TOKEN)),
        this::list);
    api.post(
        "/auth/tokens",
        Access.member(Role.READONLY),
        Operation.of(
                "createApiToken",
                "tokens",
                "Create an API token for the selected company; the secret is shown once")
            .json(AuthSchemas.TOKEN_REQUEST)
            .respond(Response.json(201, "Created; the secret is in token.", AuthSchemas.NEW_TOKEN)),
        this::create);
    api.delete(
        "/auth/tokens/:id",
        Access.member(Role.READONLY),
        Operation.of("revokeApiToken", "tokens", "Revoke one of your API tokens").noContent(),
        this::revoke);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    Page page = Page.of(ctx, 50);
    return tokens
        .count(caller.userId(), caller.company())
        .compose(
            count ->
                tokens
                    .list(caller.userId(), caller.company(), page)
                    .map(
                        rows ->
                            Reply.ok(
                                page.envelope(
                                    ctx,
                                    count,
                                    new JsonArray(rows.stream().map(ApiToken::toJson).toList())))));
  }

  /**
   * Only a signed-in person makes tokens: a token that could mint more tokens would let one leaked
   * secret outlive its own revocation.
   */
  private Future<Reply> create(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    if (caller.via() != Principal.Via.SESSION) {
      throw ApiException.forbidden(
          "API tokens are created by a signed-in user in the browser, not with another token.");
    }
    JsonObject body = Json.body(ctx);
    String name = Fields.text(body, "name", 100);
    Instant expiresOn = Fields.optionalInstant(body, "expires_on").orElse(null);
    if (expiresOn != null && !expiresOn.isAfter(Instant.now())) {
      throw ApiException.validation("expires_on", "must be in the future");
    }
    return tokens
        .create(caller.userId(), caller.company(), name, expiresOn)
        .map(
            created ->
                Reply.created(created.token().toJson().put("token", created.secret()), null)
                    .withHeader("Cache-Control", "no-store"));
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long id = Fields.id(ctx.pathParam("id"), "API token");
    return tokens
        .revoke(caller.userId(), caller.company(), id)
        .map(
            done -> {
              if (!done) {
                throw ApiException.notFound(
                    "You have no live API token " + id + " in this company.");
              }
              tokensChanged.run();
              return Reply.noContent();
            });
  }
}
