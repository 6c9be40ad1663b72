package bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Scenario 1's baseline: {@code GET /api/v1/purchase-orders/{id}} written straight on Vert.x and
 * vertx-pg-client, the way the TechEmpower entries are: the product's two SELECTs (the order with
 * its references' names, then its lines), the same JSON, the same pool settings and the same number
 * of event loops, but no router, authentication, logging or headers beyond ETag. The company is
 * fixed (COMPANY_ID) because there is no caller to take it from.
 */
public final class Baseline extends VerticleBase {
  /** Exactly the statement ResourceService.select(...) builds for purchase orders. */
  static final String ORDER =
      "SELECT t.*, r_supplier.name AS supplier_name, r_plant.name AS plant_name,"
          + " r_pick_up_location.name AS pick_up_location_name, r_delivery_location.name AS delivery_location_name,"
          + " r_contact.last_name AS contact_name, r_carrier.name AS carrier_name FROM purchase_orders t"
          + " LEFT JOIN suppliers r_supplier ON r_supplier.id = t.supplier_id"
          + " LEFT JOIN plants r_plant ON r_plant.id = t.plant_id"
          + " LEFT JOIN locations r_pick_up_location ON r_pick_up_location.id = t.pick_up_location_id"
          + " LEFT JOIN locations r_delivery_location ON r_delivery_location.id = t.delivery_location_id"
          + " LEFT JOIN contacts r_contact ON r_contact.id = t.contact_id"
          + " LEFT JOIN carriers r_carrier ON r_carrier.id = t.carrier_id"
          + " WHERE t.id = $1 AND t.company_id = $2";

  static final String LINES =
      "SELECT * FROM purchase_order_lines WHERE purchase_order_id = $1 ORDER BY position, id";
  static final String PREFIX = "/api/v1/purchase-orders/";
  static final String[] REFS = {
    "supplier", "plant", "pick_up_location", "delivery_location", "contact", "carrier"
  };

  private final SqlClient pool;
  private final long company;
  private final int port;
  private Relay relay;

  Baseline(SqlClient pool, long company, int port) {
    this.pool = pool;
    this.company = company;
    this.port = port;
  }

  public static void main(String[] args) {
    int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost(env("PGHOST", "127.0.0.1"))
            .setPort(Integer.parseInt(env("PGPORT", "5432")))
            .setDatabase(env("PGDATABASE", "postgres"))
            .setUser(env("PGUSER", "postgres"))
            .setPassword(env("PGPASSWORD", ""))
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(512)
            .setPipeliningLimit(256);
    // The product's client for single statements: max(4, 2 per event loop) connections, spread over
    // the event loops, each pipelining up to 256 statements.
    PoolOptions options =
        new PoolOptions()
            .setMaxSize(
                Integer.parseInt(env("DB_POOL_SIZE", String.valueOf(Math.max(4, eventLoops * 2)))))
            .setEventLoopSize(eventLoops)
            .setMaxWaitQueueSize(1024);
    SqlClient pool = PgBuilder.client().with(options).connectingTo(connect).using(vertx).build();
    long company = Long.parseLong(env("COMPANY_ID", "1"));
    int port = Integer.parseInt(env("PORT", "8090"));
    vertx
        .deployVerticle(
            () -> new Baseline(pool, company, port),
            new DeploymentOptions().setInstances(eventLoops))
        .onSuccess(
            id ->
                System.out.println(
                    "baseline serves on port " + port + " (" + eventLoops + " event loops)"))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }

  @Override
  public Future<?> start() {
    String model = System.getenv("MODEL_URL");
    relay = model == null || model.isBlank() ? null : new Relay(vertx, model);
    return vertx
        .createHttpServer(new HttpServerOptions().setIdleTimeout(0))
        .requestHandler(this::handle)
        .listen(port);
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (relay != null && path.endsWith("/messages")) {
      relay.handle(req);
      return;
    }
    long id;
    try {
      id = Long.parseLong(path.substring(PREFIX.length()));
    } catch (RuntimeException e) {
      req.response().setStatusCode(404).end();
      return;
    }
    pool.preparedQuery(ORDER)
        .execute(Tuple.of(id, company))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture((String) null);
              }
              Row row = rows.iterator().next();
              JsonObject body = order(row);
              return pool.preparedQuery(LINES)
                  .execute(Tuple.of(id))
                  .map(
                      lines -> {
                        JsonArray list = new JsonArray();
                        lines.forEach(l -> list.add(line(l)));
                        body.put("lines", list);
                        req.response().putHeader("ETag", "\"" + row.getLong("version") + "\"");
                        return body.encode();
                      });
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                req.response().setStatusCode(500).end();
              } else if (ar.result() == null) {
                req.response().setStatusCode(404).end();
              } else {
                req.response()
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(ar.result());
              }
            });
  }

  static JsonObject order(Row r) {
    JsonObject o =
        new JsonObject()
            .put("id", r.getLong("id"))
            .put("status", r.getString("status"))
            .put("order_number", r.getString("order_number"));
    for (String ref : REFS) {
      o.put(ref, r.getLong(ref + "_id")).put(ref + "_name", r.getString(ref + "_name"));
    }
    for (String text :
        new String[] {
          "carrier_release_format",
          "carrier_release_number",
          "appointment_method",
          "logistics_scenario"
        }) {
      o.put(text, r.getString(text));
    }
    for (String date : new String[] {"order_date", "pick_up_date", "delivery_date"}) {
      o.put(date, r.getLocalDate(date) == null ? null : r.getLocalDate(date).toString());
    }
    for (String text :
        new String[] {
          "supplier_confirmation_number",
          "payment_terms",
          "credit_limit",
          "special_instructions",
          "notes",
          "supplier_contact_name",
          "supplier_contact_email",
          "supplier_contact_phone"
        }) {
      o.put(text, r.getString(text));
    }
    o.put("total_amount", decimal(r.getLong("total_amount"), 2))
        .put("paid_amount", decimal(r.getLong("paid_amount"), 2))
        .put("outstanding_amount", decimal(r.getLong("outstanding_amount"), 2))
        .put("payment_status", r.getString("payment_status"))
        .put("created_on", instant(r.getOffsetDateTime("created_on")))
        .put("modified_on", instant(r.getOffsetDateTime("modified_on")));
    return o;
  }

  static JsonObject line(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("product", r.getLong("product_id"))
        .put("description", r.getString("description"))
        .put("protein", r.getString("protein"))
        .put("fresh_or_frozen", r.getString("fresh_or_frozen"))
        .put("package_type", r.getString("package_type"))
        .put("net_or_catch", r.getString("net_or_catch"))
        .put("edible_inedible", r.getString("edible_inedible"))
        .put("quantity", r.getLong("quantity"))
        .put("weight", decimal(r.getLong("weight"), 2))
        .put("weight_unit", r.getString("weight_unit"))
        .put("price_per_unit", decimal(r.getLong("price_per_unit"), 4))
        .put("line_total", decimal(r.getLong("line_total"), 2));
  }

  static String decimal(Long unscaled, int scale) {
    return unscaled == null ? null : BigDecimal.valueOf(unscaled, scale).toPlainString();
  }

  static String instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
