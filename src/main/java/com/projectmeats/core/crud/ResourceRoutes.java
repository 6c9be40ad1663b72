package com.projectmeats.core.crud;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Forwarded;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** The same HTTP surface for every resource in the catalog, plus {@code GET /meta/resources}. */
public final class ResourceRoutes implements Consumer<Api> {
  private final ResourceService service;

  public ResourceRoutes(ResourceService service) {
    this.service = service;
  }

  @Override
  public void accept(Api api) {
    api.get("/meta/resources", Access.member(Role.READONLY), "Describe every resource: fields, choices, roles, actions",
        ctx -> Future.succeededFuture(Reply.ok(Meta.describe(service.catalog()))));
    service.catalog().all().forEach(resource -> mount(api, resource));
  }

  private void mount(Api api, Resource r) {
    String base = "/" + r.name();
    String one = base + "/:id";
    String singular = r.singular().toLowerCase();
    Access read = Access.member(Role.READONLY);
    api.get(base, read, "List " + r.name(), ctx -> service
        .list(Principal.of(ctx), r, ctx.queryParams(), Forwarded.url(ctx))
        .map(Reply::ok));
    api.post(base, Access.member(r.writeRole()), "Create a " + singular, ctx -> service
        .create(Principal.of(ctx), r, Json.body(ctx), ctx.request().getHeader("Idempotency-Key"))
        .map(v -> Reply.created(v.body(), ctx.request().path() + "/" + v.body().getLong("id")).withEtag(v.etag())));
    api.get(one, read, "Read a " + singular, ctx -> service
        .read(Principal.of(ctx), r, id(ctx, r))
        .map(v -> Reply.ok(v.body()).withEtag(v.etag())));
    if (r.updatable()) {
      api.put(one, Access.member(r.writeRole()), "Replace a " + singular, ctx -> update(ctx, r, true));
      api.patch(one, Access.member(r.writeRole()), "Change fields of a " + singular, ctx -> update(ctx, r, false));
    }
    api.delete(one, Access.member(r.deleteRole()), "Delete a " + singular, ctx -> service
        .delete(Principal.of(ctx), r, id(ctx, r), ifMatch(ctx))
        .map(v -> Reply.noContent()));
    if (r.workflow() != null) {
      r.workflow().actions().values().forEach(t -> api.action(one + "/" + t.action(), Access.member(t.role()),
          "Move a " + singular + " to " + t.to() + " (" + t.action() + ")", ctx -> service
              .transition(Principal.of(ctx), r, id(ctx, r), t, ifMatch(ctx))
              .map(v -> Reply.ok(v.body()).withEtag(v.etag()))));
    }
    if (r.history()) {
      api.get(one + "/history", read, "Who changed a " + singular + ", when and what", ctx -> service
          .history(Principal.of(ctx), r, id(ctx, r))
          .map(Reply::ok));
    }
  }

  private Future<Reply> update(RoutingContext ctx, Resource r, boolean full) {
    JsonObject body = Json.body(ctx);
    return service.update(Principal.of(ctx), r, id(ctx, r), body, full, ifMatch(ctx))
        .map(v -> Reply.ok(v.body()).withEtag(v.etag()));
  }

  static long id(RoutingContext ctx, Resource r) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("\\d{1,18}")) {
      throw ApiException.notFound("No " + r.singular().toLowerCase() + " with id " + raw + ".");
    }
    return Long.parseLong(raw);
  }

  /** {@code If-Match: "7"} (or W/"7"); absent means the caller does not guard against lost updates. */
  static Long ifMatch(RoutingContext ctx) {
    String header = ctx.request().getHeader("If-Match");
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return null;
    }
    String tag = header.strip().replaceFirst("^W/", "").replace("\"", "");
    if (!tag.matches("\\d{1,18}")) {
      throw new ApiException(412, "precondition_failed", "Precondition failed", "If-Match must be an ETag this API gave out.");
    }
    return Long.parseLong(tag);
  }
}
