package com.projectmeats.core.security;

import io.vertx.ext.web.RoutingContext;

/**
 * The caller of a request: a user, how they proved it, and (when the route needs one) the company
 * they act in with their role there. Every company-scoped query takes {@link #companyId()}.
 */
public record Principal(
    long userId,
    String email,
    Via via,
    long credentialId,
    Long companyId,
    String companySlug,
    Role role) {

  public enum Via {
    SESSION,
    TOKEN
  }

  static final String KEY = "principal";

  public static Principal of(RoutingContext ctx) {
    Principal p = ctx.get(KEY);
    if (p == null) {
      throw new IllegalStateException(
          "route reached without authentication: " + ctx.request().path());
    }
    return p;
  }

  public static Principal orNull(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  public void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The company of a company-scoped route; never null there. */
  public long company() {
    if (companyId == null) {
      throw new IllegalStateException("no company selected");
    }
    return companyId;
  }

  public boolean can(Role required) {
    return role != null && role.atLeast(required);
  }
}
