package com.projectmeats.core.security;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Establishes the {@link Principal} of a request for a route's {@link Access}, or fails it with
 * 401/403. The real one lives in the auth feature; the router calls it before every non-public
 * route.
 */
public interface Authenticator {
  Future<Principal> authenticate(RoutingContext ctx, Access access);
}
