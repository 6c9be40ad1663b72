package com.projectmeats.auth;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Authenticator;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, and in which company. Bearer tokens (integrators) are bound to one company;
 * session cookies (the browser) pick the company from {@code X-Tenant-ID} or the user's default.
 * Sessions are looked up in the database on every request, so logout takes effect at once on every
 * replica; tokens are remembered between requests ({@link TokenCache}) and forgotten on every
 * replica when PostgreSQL notifies a revocation, an expiry, a deactivated user or company, or a
 * changed or removed membership.
 */
public final class Authentication implements Authenticator {
  public static final String SESSION_COOKIE = "pm_session";
  public static final String TENANT_HEADER = "X-Tenant-ID";
  static final String TOKEN_PREFIX = "pmt_";
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private final Database db;
  private final Set<String> trustedOrigins;
  private final TokenCache tokens;

  /**
   * When this process last wrote each token's last_used_on: requests that arrive together write it
   * once.
   */
  private final java.util.concurrent.ConcurrentHashMap<Long, Instant> touched =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * With {@code vertx}, API tokens are cached on PostgreSQL ({@link TokenCache}), which reports to
   * {@code meters}.
   */
  public Authentication(
      Database db, AppConfig config, io.vertx.core.Vertx vertx, MeterRegistry meters) {
    this.db = db;
    this.tokens = TokenCache.forDatabase(vertx, db, meters);
    Set<String> origins = new HashSet<>(config.corsAllowedOrigins());
    origins.add("https://" + config.appDomain());
    if (config.env().isDev()) {
      origins.add("http://" + config.appDomain());
    }
    this.trustedOrigins = Set.copyOf(origins);
  }

  @Override
  public Future<Principal> authenticate(RoutingContext ctx, Access access) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Future.failedFuture(
            ApiException.unauthorized("Use 'Authorization: Bearer <api token>'."));
      }
      return byToken(ctx, authorization.substring(7).trim()).compose(p -> authorize(p, access));
    }
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      return Future.failedFuture(ApiException.unauthorized("Sign in, or send an API token."));
    }
    if (!crossSiteSafe(ctx)) {
      return Future.failedFuture(
          new ApiException(
              403,
              "csrf_failed",
              "Forbidden",
              "A signed-in browser request that changes data must come from the ProjectMeats page itself."));
    }
    return bySession(ctx, cookie.getValue(), access).compose(p -> authorize(p, access));
  }

  /**
   * A cookie rides along on cross-site requests; a state-changing one must prove it came from our
   * page: an Origin we serve, or (when a client sends no Origin) a custom header, which a foreign
   * page cannot add without a CORS preflight we would refuse.
   */
  boolean crossSiteSafe(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
      return true;
    }
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin != null) {
      String own = (ctx.request().isSSL() ? "https://" : "http://") + ctx.request().authority();
      return trustedOrigins.contains(origin) || origin.equalsIgnoreCase(own);
    }
    return ctx.request().getHeader("X-Requested-With") != null;
  }

  private Future<Principal> byToken(RoutingContext ctx, String token) {
    if (!token.startsWith(TOKEN_PREFIX)) {
      return Future.failedFuture(ApiException.unauthorized("That API token is not valid."));
    }
    Instant now = Instant.now();
    String hash = Secrets.hash(token);
    TokenCache.Entry cached = tokens.get(hash, now);
    if (cached != null) {
      try {
        return Future.succeededFuture(principal(ctx, cached, now));
      } catch (ApiException e) {
        return Future.failedFuture(e);
      }
    }
    long generation = tokens.generation();
    return db.sql()
        .one(
            """
            SELECT t.id, t.user_id, u.email, t.company_id, c.slug, m.role, t.last_used_on, t.expires_on
              FROM api_tokens t
              JOIN users u ON u.id = t.user_id AND u.active = $3
              JOIN companies c ON c.id = t.company_id AND c.active = $3
              JOIN memberships m ON m.user_id = t.user_id AND m.company_id = t.company_id
             WHERE t.token_hash = $1 AND t.revoked_on IS NULL AND (t.expires_on IS NULL OR t.expires_on > $2)
            """,
            hash,
            now,
            true)
        .map(
            found -> {
              Row row =
                  found.orElseThrow(
                      () ->
                          ApiException.unauthorized(
                              "That API token is not valid, has expired or was revoked."));
              TokenCache.Entry entry =
                  new TokenCache.Entry(
                      row.getLong("id"),
                      row.getLong("user_id"),
                      row.getString("email"),
                      row.getLong("company_id"),
                      row.getString("slug"),
                      role(row),
                      Rows.instant(row, "expires_on"),
                      Rows.instant(row, "last_used_on"),
                      System.nanoTime());
              tokens.put(hash, entry, generation);
              return principal(ctx, entry, now);
            });
  }

  private Principal principal(RoutingContext ctx, TokenCache.Entry token, Instant now) {
    String tenant = ctx.request().getHeader(TENANT_HEADER);
    if (tenant != null
        && !tenant.equals(String.valueOf(token.companyId()))
        && !tenant.equalsIgnoreCase(token.slug())) {
      throw ApiException.forbidden(
          "This API token belongs to another company than " + TENANT_HEADER + " names.");
    }
    touch(token.tokenId(), token.lastUsedOn(), now);
    return new Principal(
        token.userId(),
        token.email(),
        Principal.Via.TOKEN,
        token.tokenId(),
        token.companyId(),
        token.slug(),
        token.role());
  }

  /**
   * Forgets the cached tokens at once on this replica (the others hear it from PostgreSQL): for the
   * requests that change who a token speaks for.
   */
  public void tokensChanged() {
    tokens.invalidate();
  }

  /** Stops listening for token changes. */
  public void close() {
    tokens.close();
  }

  /**
   * Records when a token was last used, at most once a minute per token so that a busy integration
   * does not turn every read into a write. Nobody waits for it, and on SQLite it does not wait for
   * another process's write lock either; a failure only costs the date, which the token's next
   * request writes.
   */
  private void touch(long tokenId, Instant lastUsed, Instant now) {
    Instant due = now.minus(TOUCH_INTERVAL);
    if (lastUsed != null && !lastUsed.isBefore(due)) {
      return;
    }
    // Until the first write commits, every request of a burst reads the old date; without this each
    // would write the same row, one after another on its lock.
    boolean[] mine = {false};
    touched.compute(
        tokenId,
        (id, previous) -> {
          if (previous != null && !previous.isBefore(due)) {
            return previous;
          }
          mine[0] = true;
          return now;
        });
    if (mine[0]) {
      db.updateUnlessLocked("UPDATE api_tokens SET last_used_on = $2 WHERE id = $1", tokenId, now)
          .onFailure(lost -> touched.remove(tokenId, now));
    }
  }

  private Future<Principal> bySession(RoutingContext ctx, String secret, Access access) {
    Instant now = Instant.now();
    return db.sql()
        .one(
            """
            SELECT s.id, s.user_id, u.email, u.default_company_id
              FROM sessions s JOIN users u ON u.id = s.user_id AND u.active = $3
             WHERE s.token_hash = $1 AND s.expires_on > $2
            """,
            Secrets.hash(secret),
            now,
            true)
        .compose(
            found -> {
              Row session =
                  found.orElseThrow(
                      () -> ApiException.unauthorized("Your session has ended; sign in again."));
              long userId = session.getLong("user_id");
              String tenant = ctx.request().getHeader(TENANT_HEADER);
              if (access instanceof Access.SignedIn && tenant == null) {
                return Future.succeededFuture(
                    new Principal(
                        userId,
                        session.getString("email"),
                        Principal.Via.SESSION,
                        session.getLong("id"),
                        null,
                        null,
                        null));
              }
              return membership(userId, tenant, session.getLong("default_company_id"))
                  .map(
                      m ->
                          new Principal(
                              userId,
                              session.getString("email"),
                              Principal.Via.SESSION,
                              session.getLong("id"),
                              m.map(r -> r.getLong("company_id")).orElse(null),
                              m.map(r -> r.getString("slug")).orElse(null),
                              m.map(Authentication::role).orElse(null)));
            });
  }

  /** The membership for the named company (id or slug), else the default, else the oldest. */
  private Future<Optional<Row>> membership(long userId, String tenant, Long defaultCompany) {
    String select =
        """
        SELECT m.company_id, c.slug, m.role FROM memberships m
          JOIN companies c ON c.id = m.company_id AND c.active = $2
         WHERE m.user_id = $1
        """;
    if (tenant != null) {
      String t = tenant.trim().toLowerCase(Locale.ROOT);
      Future<Optional<Row>> lookup =
          t.matches("\\d{1,18}")
              ? db.sql().one(select + " AND m.company_id = $3", userId, true, Long.parseLong(t))
              : db.sql().one(select + " AND c.slug = $3", userId, true, t);
      return lookup.map(
          m -> {
            if (m.isEmpty()) {
              throw ApiException.forbidden(
                  "You are not a member of the company that " + TENANT_HEADER + " names.");
            }
            return m;
          });
    }
    return db.sql()
        .one(
            select + " ORDER BY CASE WHEN m.company_id = $3 THEN 0 ELSE 1 END, m.id LIMIT 1",
            userId,
            true,
            defaultCompany == null ? -1L : defaultCompany);
  }

  private static Role role(Row row) {
    return Role.parse(row.getString("role")).orElseThrow();
  }

  private static Future<Principal> authorize(Principal principal, Access access) {
    return switch (access) {
      case Access.Public p -> Future.succeededFuture(principal);
      case Access.SignedIn s -> Future.succeededFuture(principal);
      case Access.Member m -> {
        if (principal.companyId() == null) {
          yield Future.failedFuture(
              ApiException.forbidden("You are not a member of any company yet."));
        }
        if (!principal.can(m.minimum())) {
          yield Future.failedFuture(
              ApiException.forbidden(
                  "This needs the "
                      + m.minimum().wire()
                      + " role or higher; yours is "
                      + principal.role().wire()
                      + "."));
        }
        yield Future.succeededFuture(principal);
      }
    };
  }
}
