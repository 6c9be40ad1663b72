package com.projectmeats.core.crud;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Forwarded;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
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
    api.get(
        "/meta/resources",
        Access.member(Role.READONLY),
        Operation.of(
                "describeResources",
                "meta",
                "Describe every resource: fields, choices, roles, actions")
            .returns(Meta.SCHEMA),
        ctx -> Future.succeededFuture(Reply.ok(Meta.describe(service.catalog()))));
    service.catalog().all().forEach(resource -> mount(api, resource));
  }

  private void mount(Api api, Resource r) {
    String base = "/" + r.name();
    String one = base + "/:id";
    String singular = r.singular().toLowerCase();
    String type = ResourceSchemas.typeName(r);
    String plural = ResourceSchemas.pluralTypeName(r);
    Schema.Named record = ResourceSchemas.record(r);
    Access read = Access.member(Role.READONLY);
    Access write = Access.member(r.writeRole());
    api.get(
        base,
        read,
        ResourceSchemas.listQuery(
                Operation.of("list" + plural, r.name(), "List " + r.label().toLowerCase()), r)
            .returns(ResourceSchemas.page(r)),
        ctx ->
            service
                .list(Principal.of(ctx), r, ctx.queryParams(), Forwarded.url(ctx))
                .map(Reply::ok));
    api.post(
        base,
        write,
        Operation.of("create" + type, r.name(), "Create a " + singular)
            .json(ResourceSchemas.input(r))
            .created(record)
            .etag()
            .idempotent()
            .fails(409),
        ctx ->
            service
                .create(
                    Principal.of(ctx),
                    r,
                    Json.body(ctx),
                    ctx.request().getHeader("Idempotency-Key"))
                .map(
                    v ->
                        Reply.created(v.body(), ctx.request().path() + "/" + v.body().getLong("id"))
                            .withEtag(v.etag())));
    api.get(
        one,
        read,
        Operation.of("get" + type, r.name(), "Read a " + singular).returns(record).etag(),
        ctx ->
            service
                .read(Principal.of(ctx), r, id(ctx, r))
                .map(v -> Reply.ok(v.body()).withEtag(v.etag())));
    if (r.updatable()) {
      api.put(
          one,
          write,
          Operation.of("replace" + type, r.name(), "Replace a " + singular)
              .json(ResourceSchemas.input(r))
              .returns(record)
              .etag()
              .fails(409, 412),
          ctx -> update(ctx, r, true));
      api.patch(
          one,
          write,
          Operation.of("update" + type, r.name(), "Change fields of a " + singular)
              .json(ResourceSchemas.patch(r))
              .returns(record)
              .etag()
              .fails(409, 412),
          ctx -> update(ctx, r, false));
    }
    api.delete(
        one,
        Access.member(r.deleteRole()),
        Operation.of("delete" + type, r.name(), "Delete a " + singular).noContent().fails(409, 412),
        ctx ->
            service
                .delete(Principal.of(ctx), r, id(ctx, r), ifMatch(ctx))
                .map(v -> Reply.noContent()));
    if (r.workflow() != null) {
      r.workflow()
          .actions()
          .values()
          .forEach(
              t ->
                  api.post(
                      one + "/" + t.action(),
                      Access.member(t.role()),
                      Operation.of(
                              actionOperationId(t.action(), type),
                              r.name(),
                              "Move a " + singular + " to " + t.to() + " (" + t.action() + ")")
                          .ignoresBody()
                          .returns(record)
                          .etag()
                          .fails(409, 412),
                      ctx ->
                          service
                              .transition(Principal.of(ctx), r, id(ctx, r), t, ifMatch(ctx))
                              .map(v -> Reply.ok(v.body()).withEtag(v.etag()))));
    }
    if (r.history()) {
      api.get(
          one + "/history",
          read,
          Operation.of(
                  "list" + type + "History",
                  r.name(),
                  "Who changed a " + singular + ", when and what")
              .returns(Schema.arrayOf(ResourceSchemas.HISTORY_ENTRY)),
          ctx -> service.history(Principal.of(ctx), r, id(ctx, r)).map(Reply::ok));
    }
  }

  /**
   * The SDK name of a status action: its verb, the type, then the rest ("mark_overdue" on Invoice →
   * markInvoiceOverdue), as a caller would say it.
   */
  private static String actionOperationId(String action, String type) {
    String camel = camel(action);
    int rest = 0;
    while (rest < camel.length() && !Character.isUpperCase(camel.charAt(rest))) {
      rest++;
    }
    return camel.substring(0, rest) + type + camel.substring(rest);
  }

  /** "mark_overdue" → "markOverdue". */
  private static String camel(String action) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : action.toCharArray()) {
      if (c == '_' || c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private Future<Reply> update(RoutingContext ctx, Resource r, boolean full) {
    JsonObject body = Json.body(ctx);
    return service
        .update(Principal.of(ctx), r, id(ctx, r), body, full, ifMatch(ctx))
        .map(v -> Reply.ok(v.body()).withEtag(v.etag()));
  }

  static long id(RoutingContext ctx, Resource r) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("\\d{1,18}")) {
      throw ApiException.notFound("No " + r.singular().toLowerCase() + " with id " + raw + ".");
    }
    return Long.parseLong(raw);
  }

  /**
   * {@code If-Match: "7"} (or W/"7"); absent means the caller does not guard against lost updates.
   */
  static Long ifMatch(RoutingContext ctx) {
    String header = ctx.request().getHeader("If-Match");
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return null;
    }
    String tag = header.strip().replaceFirst("^W/", "").replace("\"", "");
    if (!tag.matches("\\d{1,18}")) {
      throw new ApiException(
          412,
          "precondition_failed",
          "Precondition failed",
          "If-Match must be an ETag this API gave out.");
    }
    return Long.parseLong(tag);
  }
}
