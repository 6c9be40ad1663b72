package com.projectmeats.core.http;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The one way routes join the API: each declares its method, path, {@link Access} and {@link
 * Operation} (SDK name, tag, summary, request body, responses), which become the route table that
 * the role tests walk and the OpenAPI document is written from. Body parsing, media type checks,
 * authentication and response writing happen here, once, for every route.
 *
 * <h2>How to add a route</h2>
 *
 * In the feature's {@code …Routes} class, declare it with everything a caller needs to know:
 *
 * <pre>{@code
 * api.post("/invoices/:id/reminders", Access.member(Role.USER),
 *     Operation.of("sendInvoiceReminder", "invoices", "E-mail the customer a reminder")
 *         .optionalJson(REMINDER_REQUEST)      // or .json(…), .multipart(…, limit), .ignoresBody()
 *                                              //    (an action's); none for GET/DELETE
 *         .accepted(REMINDER)                  // or .returns(…) 200, .created(…) 201, .noContent() 204,
 *                                              //    .streams(EventStream…), .binary("…", "application/pdf")
 *         .fails(409),                         // statuses beyond the usual 400/401/403/404/422/503
 *     this::remind);
 * }</pre>
 *
 * Schemas are {@link Schema}s, named ({@link Schema#named}) when a client should see a type of its
 * own; a response schema lists as {@code required} what the service always sends, and marks {@link
 * Schema#nullable} what may be null. Path parameters are positive integer ids unless {@link
 * Operation#pathParam} says otherwise; list routes say {@link Operation#paged()} and name their
 * filters with {@link Operation#query}. A route without a described response does not start (and
 * {@code RouteTableTest} names it); the API test suite checks every answer against the document.
 */
public final class Api {
  public static final String PREFIX = "/api/v1";
  public static final long JSON_BODY_LIMIT = 1024 * 1024;

  private final RouteSections sections;
  private final Authenticator authenticator;
  private final List<ApiRoute> table = new ArrayList<>();

  public Api(Vertx vertx, Router router, Authenticator authenticator) {
    this.authenticator = authenticator;
    router.route().handler(Api::requireCleanUrl);
    this.sections = new RouteSections(vertx, router);
  }

  /**
   * Query and path values reach SQL as parameters: a NUL, which PostgreSQL cannot hold (the query
   * would fail with a 500), is the client's mistake, named before any route runs.
   */
  private static void requireCleanUrl(RoutingContext ctx) {
    if (ctx.request().path().toLowerCase(Locale.ROOT).contains("%00")) {
      ctx.fail(ApiException.badRequest("The path must not contain NUL characters."));
      return;
    }
    // (Broken percent-escapes never get here: Vert.x answers them 400 itself.)
    for (var param : ctx.queryParams()) {
      if (param.getKey().indexOf('\0') >= 0 || param.getValue().indexOf('\0') >= 0) {
        ctx.fail(ApiException.badRequest(param.getKey(), "Must not contain NUL characters."));
        return;
      }
    }
    ctx.next();
  }

  public List<ApiRoute> routes() {
    return Collections.unmodifiableList(table);
  }

  public Api get(String path, Access access, Operation operation, Endpoint endpoint) {
    return add(HttpMethod.GET, path, access, operation, endpoint);
  }

  public Api post(String path, Access access, Operation operation, Endpoint endpoint) {
    return add(HttpMethod.POST, path, access, operation, endpoint);
  }

  public Api put(String path, Access access, Operation operation, Endpoint endpoint) {
    return add(HttpMethod.PUT, path, access, operation, endpoint);
  }

  public Api patch(String path, Access access, Operation operation, Endpoint endpoint) {
    return add(HttpMethod.PATCH, path, access, operation, endpoint);
  }

  public Api delete(String path, Access access, Operation operation, Endpoint endpoint) {
    return add(HttpMethod.DELETE, path, access, operation, endpoint);
  }

  private Api add(
      HttpMethod method, String path, Access access, Operation operation, Endpoint endpoint) {
    ApiRoute declared = new ApiRoute(method, path, access, operation);
    check(declared);
    table.add(declared);
    Route route = sections.route(method, path);
    RequestBody body = operation.request();
    switch (body.kind()) {
      case NONE -> {}
      case MULTIPART -> {
        // Vert.x runs body handlers before any user handler, so the media type is checked after
        // reading.
        route.handler(
            BodyHandler.create()
                .setBodyLimit(body.limitBytes())
                .setDeleteUploadedFilesOnEnd(true)
                .setHandleFileUploads(true));
        List<String> ids = idParams(path, operation);
        route.handler(ctx -> requireIds(ctx, ids));
        route.handler(ctx -> requireMediaType(ctx, "multipart/form-data"));
      }
      case JSON, OPTIONAL_JSON, IGNORED -> {
        // An ignored body is read as an optional one: what is sent must still be JSON.
        boolean optional = body.kind() != RequestBody.Kind.JSON;
        route.handler(BodyHandler.create(false).setBodyLimit(body.limitBytes()));
        route.handler(
            ctx -> {
              // length() is -1 when the whole request (Content-Length: 0) had arrived before the
              // body handler ran.
              boolean empty = ctx.body() == null || ctx.body().length() <= 0;
              if (optional && empty && !sentBody(ctx)) {
                ctx.next();
              } else if (optional) {
                requireOptionalJson(ctx);
              } else {
                requireMediaType(ctx, "application/json");
              }
            });
      }
    }
    return finish(route, access, endpoint);
  }

  /**
   * A declaration that could not be documented truthfully stops the service at start, naming the
   * route.
   */
  private void check(ApiRoute route) {
    String name = route.method() + " " + route.path();
    Operation op = route.operation();
    List<String> problems = new ArrayList<>();
    if (op.responses().isEmpty()) {
      problems.add("declares no response");
    }
    if (op.tag() == null || op.tag().isBlank() || op.summary() == null || op.summary().isBlank()) {
      problems.add("needs a tag and a summary");
    }
    boolean bodyless = route.method() == HttpMethod.GET || route.method() == HttpMethod.DELETE;
    if (bodyless && op.request().kind() != RequestBody.Kind.NONE) {
      problems.add("cannot take a body");
    }
    if (!bodyless && op.request().kind() == RequestBody.Kind.NONE) {
      problems.add("must declare its body, or that it ignores one");
    }
    op.pathParams()
        .keySet()
        .forEach(
            param -> {
              if (!route.path().contains(":" + param)) {
                problems.add("has no path parameter " + param);
              }
            });
    table.forEach(
        other -> {
          if (other.operation().operationId().equals(op.operationId())) {
            problems.add(
                "repeats the operationId "
                    + op.operationId()
                    + " of "
                    + other.method()
                    + " "
                    + other.path());
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Route " + name + " " + String.join("; ", problems) + ".");
    }
  }

  private Api finish(Route route, Access access, Endpoint endpoint) {
    if (!(access instanceof Access.Public)) {
      route.handler(
          ctx ->
              authenticator
                  .authenticate(ctx, access)
                  .onSuccess(
                      principal -> {
                        principal.attach(ctx);
                        ctx.next();
                      })
                  .onFailure(ctx::fail));
    }
    route.handler(
        ctx -> {
          Future<Reply> reply;
          try {
            reply = endpoint.handle(ctx);
          } catch (Exception e) {
            reply = Future.failedFuture(e);
          }
          if (reply == null) {
            ctx.fail(
                new IllegalStateException(
                    "The endpoint of " + ctx.request().path() + " answered nothing."));
            return;
          }
          reply.onSuccess(r -> write(ctx, r)).onFailure(ctx::fail);
        });
    return this;
  }

  /**
   * An action's body is optional, but one that is sent must be a JSON object (or JSON null, which
   * says "nothing" as no body does): a client whose body was cut short or mangled must hear so, not
   * see the action done as if it had sent nothing.
   */
  private static void requireOptionalJson(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
      try {
        Json.optionalBody(ctx);
      } catch (ApiException e) {
        ctx.fail(e);
        return;
      }
    }
    requireMediaType(ctx, "application/json");
  }

  /**
   * Whether the request said it carries a body. The body handler parses a form (multipart or
   * url-encoded) into attributes and leaves the body empty, so an empty body alone does not mean
   * that nothing was sent.
   */
  private static boolean sentBody(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      return !length.trim().equals("0");
    }
    return ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }

  /** The path parameters that are record ids: all but those the operation declares otherwise. */
  private static List<String> idParams(String path, Operation operation) {
    List<String> ids = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.startsWith(":") && !operation.pathParams().containsKey(segment.substring(1))) {
        ids.add(segment.substring(1));
      }
    }
    return ids;
  }

  /**
   * An upload to a record whose id cannot be one is answered as the record's routes answer it
   * (404), not with a complaint about the body it came with.
   */
  private static void requireIds(RoutingContext ctx, List<String> ids) {
    for (String name : ids) {
      String value = ctx.pathParam(name);
      if (value == null || !value.matches("\\d{1,18}")) {
        ctx.fail(ApiException.notFound("Nothing here has the id " + value + "."));
        return;
      }
    }
    ctx.next();
  }

  private static void requireMediaType(RoutingContext ctx, String expected) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!base.equals(expected)) {
      ctx.fail(
          new ApiException(
              415,
              "unsupported_media_type",
              "Unsupported media type",
              "This route takes "
                  + expected
                  + (type == null ? "; no Content-Type was sent." : ", not " + base + ".")));
      return;
    }
    ctx.next();
  }

  static void write(RoutingContext ctx, Reply reply) {
    HttpServerResponse response = ctx.response();
    if (reply.isWritten() || response.ended() || response.headWritten()) {
      return;
    }
    reply.headers().forEach(response::putHeader);
    String etag = reply.headers().get("ETag");
    if (etag != null
        && ctx.request().method() == HttpMethod.GET
        && etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    response.setStatusCode(reply.status());
    if (reply.body() == null) {
      response.end();
      return;
    }
    if (reply.body() instanceof Buffer bytes) {
      response.end(bytes);
      return;
    }
    String json =
        switch (reply.body()) {
          case JsonObject o -> o.encode();
          case JsonArray a -> a.encode();
          default -> io.vertx.core.json.Json.encode(reply.body());
        };
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(json);
  }
}
