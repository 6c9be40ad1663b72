package com.projectmeats.core.health;

import com.projectmeats.core.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code /healthz} for Compose, Traefik and the deploy script: no auth, cheap, and bounded, so a
 * hung database gives 503 within about a second instead of a hung probe.
 */
public final class Health {
  static final Duration DATABASE_TIMEOUT = Duration.ofMillis(800);

  private final HealthChecks checks;

  public Health(
      Vertx vertx,
      Database database,
      java.util.function.BooleanSupplier schemaReady,
      boolean assistantConfigured) {
    this.checks =
        HealthChecks.create(vertx)
            .register(
                "migrations",
                promise ->
                    promise.complete(
                        schemaReady.getAsBoolean()
                            ? Status.OK()
                            : Status.KO(
                                new JsonObject()
                                    .put("reason", "schema migrations have not completed"))))
            .register(
                "database",
                DATABASE_TIMEOUT.toMillis() + 200,
                promise ->
                    database
                        .ping(DATABASE_TIMEOUT)
                        .onSuccess(v -> promise.tryComplete(Status.OK()))
                        .onFailure(
                            e ->
                                promise.tryComplete(
                                    Status.KO(new JsonObject().put("reason", reason(e))))))
            // Informational: an unconfigured assistant answers 503 on its own routes but the
            // service is healthy.
            .register(
                "assistant",
                promise ->
                    promise.complete(
                        Status.OK(new JsonObject().put("configured", assistantConfigured))));
  }

  public void mount(Router router) {
    router.route("/healthz").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    checks
        .checkStatus()
        .onComplete(
            ar -> {
              JsonObject body =
                  ar.succeeded()
                      ? render(ar.result())
                      : new JsonObject().put("status", "DOWN").put("checks", new JsonArray());
              boolean up = "UP".equals(body.getString("status"));
              var response =
                  ctx.response()
                      .setStatusCode(up ? 200 : 503)
                      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
              if (ctx.request().method() == HttpMethod.HEAD) {
                response
                    .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.encode().length()))
                    .end();
              } else {
                response.end(body.encode());
              }
            });
  }

  private static JsonObject render(CheckResult result) {
    JsonArray list = new JsonArray();
    boolean allUp = true;
    for (CheckResult check :
        result.getChecks() == null ? java.util.List.<CheckResult>of() : result.getChecks()) {
      boolean up = CheckResult.isUp(check);
      allUp &= up;
      JsonObject entry =
          new JsonObject().put("id", check.getId()).put("status", up ? "UP" : "DOWN");
      if (check.getData() != null && !check.getData().isEmpty()) {
        entry.put("data", check.getData());
      }
      list.add(entry);
    }
    return new JsonObject().put("status", allUp ? "UP" : "DOWN").put("checks", list);
  }

  private static String reason(Throwable e) {
    if (e instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + DATABASE_TIMEOUT.toMillis() + " ms";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : (m.length() > 200 ? m.substring(0, 200) : m);
  }
}
