package com.projectmeats.core.http;

import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service's error mapping: every failure becomes RFC 9457 problem+json. Unexpected errors
 * are logged with the request id and answered 500 without internals.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  public static final String MEDIA_TYPE = "application/problem+json";

  @Override
  public void handle(RoutingContext ctx) {
    ApiException problem = toProblem(ctx.failure(), ctx.statusCode());
    if (problem.status() >= 500 && !(ctx.failure() instanceof ApiException)) {
      log.error(
          "Unhandled failure in {} {} [request_id={}]",
          ctx.request().method(),
          ctx.request().path(),
          RequestId.of(ctx),
          ctx.failure());
    }
    var response = ctx.response();
    if (response.headWritten()) {
      // A stream already under way cannot change its status; close it so the client sees the end.
      response.reset();
      return;
    }
    problem.headers().forEach(response::putHeader);
    response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE);
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.end();
    } else {
      response.end(body(problem, ctx.request().path()).encode());
    }
  }

  public static JsonObject body(ApiException problem, String instance) {
    JsonObject body =
        new JsonObject()
            .put("type", "https://projectmeats.dev/problems/" + problem.code().replace('_', '-'))
            .put("title", problem.title())
            .put("status", problem.status())
            .put("detail", problem.detail())
            .put("code", problem.code());
    if (instance != null) {
      body.put("instance", instance);
    }
    if (!problem.errors().isEmpty()) {
      JsonObject errors = new JsonObject();
      problem
          .errors()
          .forEach(
              (field, messages) -> errors.put(field, new io.vertx.core.json.JsonArray(messages)));
      body.put("errors", errors);
    }
    return body;
  }

  static ApiException toProblem(Throwable failure, int status) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof DatabaseErrors.UniqueViolation) {
      return ApiException.conflict(
          "duplicate", "A record with the same unique value already exists.");
    }
    if (failure instanceof DatabaseErrors.ForeignKeyViolation) {
      return ApiException.conflict(
          "in_use", "Other records refer to this one, or it refers to one that does not exist.");
    }
    if (failure instanceof DecodeException) {
      return ApiException.badRequest("The request body is not valid JSON.");
    }
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    } else if (failure != null) {
      Throwable mapped = failure.getCause() instanceof ApiException api ? api : null;
      if (mapped != null) {
        return (ApiException) mapped;
      }
      status = 500;
    }
    return switch (status) {
      case 400 -> ApiException.badRequest("The request could not be read.");
      case 401 -> ApiException.unauthorized("Sign in, or send an API token.");
      case 403 -> ApiException.forbidden("Your role does not allow this.");
      case 404 -> ApiException.notFound("Nothing here.");
      case 405 ->
          new ApiException(
              405,
              "method_not_allowed",
              "Method not allowed",
              "This path does not accept that method.");
      case 413 ->
          new ApiException(
              413,
              "too_large",
              "Payload too large",
              "The request body is larger than this route accepts.");
      case 415 ->
          new ApiException(
              415,
              "unsupported_media_type",
              "Unsupported media type",
              "This route does not take that content type.");
      default ->
          status >= 400 && status < 500
              ? new ApiException(status, "client_error", "Client error", "The request was refused.")
              : new ApiException(
                  500,
                  "internal_error",
                  "Internal server error",
                  "Something went wrong on our side; the request id identifies it in our logs.");
    };
  }
}
