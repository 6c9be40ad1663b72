package com.projectmeats.core.http;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Authenticator;
import io.vertx.core.Future;
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
 * The one way routes join the API: each declares its method, path, {@link Access} and a summary,
 * which become the route table that the role and OpenAPI tests walk. Body parsing, content-type
 * checks, authentication and response writing happen here, once, for every route.
 */
public final class Api {
  public static final String PREFIX = "/api/v1";
  public static final long JSON_BODY_LIMIT = 1024 * 1024;

  private final Router router;
  private final Authenticator authenticator;
  private final List<ApiRoute> table = new ArrayList<>();

  public Api(Router router, Authenticator authenticator) {
    this.router = router;
    this.authenticator = authenticator;
    router.route().handler(Api::requireCleanUrl);
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

  public Api get(String path, Access access, String summary, Endpoint endpoint) {
    return add(HttpMethod.GET, path, access, summary, Body.NONE, endpoint);
  }

  public Api post(String path, Access access, String summary, Endpoint endpoint) {
    return add(HttpMethod.POST, path, access, summary, Body.JSON, endpoint);
  }

  public Api put(String path, Access access, String summary, Endpoint endpoint) {
    return add(HttpMethod.PUT, path, access, summary, Body.JSON, endpoint);
  }

  public Api patch(String path, Access access, String summary, Endpoint endpoint) {
    return add(HttpMethod.PATCH, path, access, summary, Body.JSON, endpoint);
  }

  public Api delete(String path, Access access, String summary, Endpoint endpoint) {
    return add(HttpMethod.DELETE, path, access, summary, Body.NONE, endpoint);
  }

  /** A POST whose body is optional JSON (actions such as approve, which may carry a note). */
  public Api action(String path, Access access, String summary, Endpoint endpoint) {
    return add(HttpMethod.POST, path, access, summary, Body.OPTIONAL_JSON, endpoint);
  }

  /** A multipart upload with its own size limit. */
  public Api upload(String path, Access access, String summary, long limitBytes, Endpoint endpoint) {
    Route route = router.route(HttpMethod.POST, path);
    table.add(new ApiRoute(HttpMethod.POST, path, access, summary));
    // Vert.x runs body handlers before any user handler, so the media type is checked after reading.
    route.handler(BodyHandler.create().setBodyLimit(limitBytes).setDeleteUploadedFilesOnEnd(true)
        .setHandleFileUploads(true));
    route.handler(ctx -> requireMediaType(ctx, "multipart/form-data"));
    return finish(route, access, endpoint);
  }

  /**
   * The route declared last may also answer as server-sent events (its endpoint decides by the
   * request's {@code Accept}); the route table, and so the OpenAPI document, says so.
   */
  public Api streamsEvents() {
    table.set(table.size() - 1, table.get(table.size() - 1).streamingEvents());
    return this;
  }

  private enum Body { NONE, JSON, OPTIONAL_JSON }

  private Api add(HttpMethod method, String path, Access access, String summary, Body body, Endpoint endpoint) {
    Route route = router.route(method, path);
    table.add(new ApiRoute(method, path, access, summary));
    if (body != Body.NONE) {
      route.handler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT));
      route.handler(ctx -> {
        // length() is -1 when the whole request (Content-Length: 0) had arrived before the body handler ran.
        boolean empty = ctx.body() == null || ctx.body().length() <= 0;
        if (body == Body.OPTIONAL_JSON && empty) {
          ctx.next();
        } else if (body == Body.OPTIONAL_JSON) {
          requireOptionalJson(ctx);
        } else {
          requireMediaType(ctx, "application/json");
        }
      });
    }
    return finish(route, access, endpoint);
  }

  private Api finish(Route route, Access access, Endpoint endpoint) {
    if (!(access instanceof Access.Public)) {
      route.handler(ctx -> authenticator.authenticate(ctx, access)
          .onSuccess(principal -> {
            principal.attach(ctx);
            ctx.next();
          })
          .onFailure(ctx::fail));
    }
    route.handler(ctx -> {
      Future<Reply> reply;
      try {
        reply = endpoint.handle(ctx);
      } catch (Exception e) {
        reply = Future.failedFuture(e);
      }
      if (reply == null) {
        return;
      }
      reply.onSuccess(r -> write(ctx, r)).onFailure(ctx::fail);
    });
    return this;
  }

  /**
   * An action's body is optional, but one that is sent must be a JSON object: a client whose body
   * was cut short or mangled must hear so, not see the action done as if it had sent nothing.
   */
  private static void requireOptionalJson(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
      try {
        Json.body(ctx);
      } catch (ApiException e) {
        ctx.fail(e);
        return;
      }
    }
    requireMediaType(ctx, "application/json");
  }

  private static void requireMediaType(RoutingContext ctx, String expected) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!base.equals(expected)) {
      ctx.fail(new ApiException(415, "unsupported_media_type", "Unsupported media type",
          "This route takes " + expected + (type == null ? "; no Content-Type was sent." : ", not " + base + ".")));
      return;
    }
    ctx.next();
  }

  static void write(RoutingContext ctx, Reply reply) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    reply.headers().forEach(response::putHeader);
    String etag = reply.headers().get("ETag");
    if (etag != null && ctx.request().method() == HttpMethod.GET && etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    response.setStatusCode(reply.status());
    if (reply.body() == null) {
      response.end();
      return;
    }
    String json = switch (reply.body()) {
      case JsonObject o -> o.encode();
      case JsonArray a -> a.encode();
      default -> io.vertx.core.json.Json.encode(reply.body());
    };
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(json);
  }
}
