package com.projectmeats.core.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * An API route's logic: it answers a {@link Reply} (or fails with an {@link
 * com.projectmeats.core.error.ApiException}); writing the response is the router's job. An endpoint
 * that streams server-sent events writes the response itself and answers {@link Reply#written()}.
 */
@FunctionalInterface
public interface Endpoint {
  Future<Reply> handle(RoutingContext ctx) throws Exception;
}
