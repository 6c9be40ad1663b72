package com.projectmeats.demo;

import com.projectmeats.catalog.Brokerage;
import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.UsageException;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Migrations;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code seed-demo --company NAME [--orders N]}: fills an existing company (made with create-user)
 * with a year of realistic business, acting as its owner, so the app and the dashboard look alive
 * on first run. Refuses a company that already has orders.
 */
public final class SeedDemoCommand {
  public static final String USAGE = "seed-demo --company NAME [--orders N]";
  public static final String HELP =
      "fill a company (made with create-user) with a year of realistic demo records";

  /**
   * Stories written in one transaction per stage: enough that a stage's statements fill its
   * connection's pipeline, few enough that a stage stays well inside the query timeout.
   */
  static final int BATCH = 25;

  private SeedDemoCommand() {}

  public static int run(AppConfig config, String[] args) throws Exception {
    String company = null;
    int orders = 300;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--company" -> company = value;
        case "--orders" -> orders = parseOrders(value);
        default -> throw new UsageException("unknown option " + args[i] + "; usage: " + USAGE);
      }
      i++;
    }
    if (company == null || company.isBlank()) {
      throw new UsageException("--company is required; usage: " + USAGE);
    }
    Migrations.migrate(config);
    // One event loop: a story's statements and the connections they run on then share one thread.
    // With several, each statement crossed from the story's loop to its connection's and its
    // answer back (a wake-up and a system call each way), about a third of the seed's own CPU.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    // Every story is many small transactions; waiting for each COMMIT's WAL flush (~5 ms on this
    // kind of disk, and the company's counter row stays locked until it is done) was most of the
    // seed's time. Without the wait a crash may lose the last fraction of a second of stories, each
    // whole or not at all (the database stays consistent): acceptable for demo data, not for the
    // API.
    Database db = Database.open(vertx, batchTimeout(config), Map.of("synchronous_commit", "off"));
    try {
      Principal owner = owner(db, company);
      long existing =
          db.sql()
              .count("SELECT count(*) FROM purchase_orders WHERE company_id = $1", owner.company())
              .toCompletionStage()
              .toCompletableFuture()
              .join();
      if (existing > 0) {
        throw new UsageException(
            "company '"
                + company
                + "' already has "
                + existing
                + " purchase orders; seed an empty one");
      }
      System.out.printf("Seeding %s with %,d orders…%n", owner.companySlug(), orders);
      // One batch per pooled connection keeps each busy without making batches wait for one (a
      // wait counts against the query timeout). SQLite has one connection.
      DemoData.Summary s =
          new DemoData(
                  new ResourceService(db, Brokerage.catalog()),
                  owner,
                  LocalDate.now(ZoneOffset.UTC),
                  System.out::println)
              .fill(
                  orders,
                  db.dialect() == Dialect.SQLITE ? 1 : config.dbPoolSize(),
                  // Smaller for a small seed, so that progress still comes in tenths.
                  Math.max(1, Math.min(BATCH, orders / 10)));
      System.out.printf(
          "Seeded %s: %d suppliers, %d customers, %d purchase orders, %d sales orders, %d invoices, %d payments%n",
          owner.companySlug(),
          s.suppliers(),
          s.customers(),
          s.purchaseOrders(),
          s.salesOrders(),
          s.invoices(),
          s.payments());
      return 0;
    } finally {
      db.close().toCompletionStage().toCompletableFuture().join();
      // Not chained onto the pool's future: a closing Vert.x cannot deliver that completion.
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * A stage writes a batch of stories in one transaction, which the query timeout bounds as a
   * whole: on a machine busy with other work that takes longer than the service's few seconds for
   * one request, and a seed that stops half-way helps nobody. At least a minute, then.
   */
  private static AppConfig batchTimeout(AppConfig c) {
    java.time.Duration least = java.time.Duration.ofSeconds(60);
    return c.dbQueryTimeout().compareTo(least) >= 0
        ? c
        : new AppConfig(
            c.port(),
            c.database(),
            c.env(),
            c.appDomain(),
            c.secretKey(),
            c.openAi(),
            c.corsAllowedOrigins(),
            c.logFormat(),
            c.shutdownTimeout(),
            least,
            c.dbPoolSize(),
            c.migrationLockTimeout(),
            c.passwordIterations(),
            c.mail());
  }

  private static int parseOrders(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 100_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--orders takes a number from 1 to 100000");
  }

  /** The company by name or slug, and its oldest owner, as whom the records are written. */
  private static Principal owner(Database db, String company) {
    Row row =
        db.sql()
            .one(
                """
            SELECT c.id, c.slug, u.id AS user_id, u.email FROM companies c
              JOIN memberships m ON m.company_id = c.id AND m.role = 'owner'
              JOIN users u ON u.id = m.user_id
             WHERE lower(c.name) = lower($1) OR c.slug = lower($1)
             ORDER BY m.id LIMIT 1""",
                company)
            .toCompletionStage()
            .toCompletableFuture()
            .join()
            .orElseThrow(
                () ->
                    new UsageException(
                        "no company '"
                            + company
                            + "' with an owner; create one first: "
                            + "create-user --email you@example.com --company \""
                            + company
                            + "\" --role owner"));
    return new Principal(
        row.getLong("user_id"),
        row.getString("email"),
        Principal.Via.SESSION,
        0,
        row.getLong("id"),
        row.getString("slug"),
        Role.OWNER);
  }
}
