package com.projectmeats.demo;

import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Principal;
import com.projectmeats.domain.Choices;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A year of a small brokerage's business, written through the same service as the API (so every
 * rule holds): suppliers with plants, customers, carriers, products, purchase orders matched to
 * sales orders across every status, invoices partly paid and some overdue. The records are the same
 * on every run; the numbers orders get follow the order in which their stories are written.
 *
 * <p>One class though past 300 lines: a fifth of it is the fixed lists of names below, and the rest
 * is one order's story (buy, sell, ship, bill, pay) whose steps all read the same plan and counts.
 */
final class DemoData {
  private static final String[] SUPPLIERS = {
    "Cactus Packing",
    "Panhandle Beef Co.",
    "Red River Pork",
    "Blue Ridge Poultry",
    "High Plains Meat Packers",
    "Sandhills Cattle Processing",
    "Gulf Coast Chicken",
    "Prairie Star Pork",
    "Lone Butte Beef",
    "Riverbend Poultry Farms",
    "Great Lakes Protein",
    "Sierra Lamb Cooperative",
    "Mesa Verde Meats",
    "Heartland Turkey",
    "Cedar Valley Pork",
    "Pecos Valley Packing",
    "Northern Plains Bison & Beef",
    "Carolina Pride Pork",
    "Delta Poultry Producers",
    "Rocky Mountain Lamb",
    "Ozark Mountain Poultry",
    "Bluegrass Beef",
    "Frontier Packing",
    "Coastal Plains Chicken",
    "Badlands Beef",
    "Tri-State Pork Producers",
    "Golden Harvest Poultry",
    "Sunbelt Meats",
    "Canadian Prairie Beef",
    "Pampas Export Beef"
  };
  private static final String[] CUSTOMERS = {
    "Harbor Foods Distribution",
    "Metro Fresh Markets",
    "Sun Valley Grocers",
    "Atlantic Export Trading",
    "Lone Star Food Service",
    "Midwest Sausage Works",
    "Golden Gate Provisions",
    "Capital City Restaurants Supply",
    "Pacific Rim Exporters",
    "Blue Plate Diners Group",
    "Northeast Wholesale Meats",
    "Great Plains Pet Foods",
    "Sunrise Deli Co.",
    "Riverside Processing",
    "Evergreen Food Service",
    "Coastline Seafood & Meat",
    "Prime Cuts Retail",
    "Heritage Smokehouse",
    "Summit Grocers",
    "Bayou Kitchen Supply",
    "Mountain West Markets",
    "Crescent City Provisions",
    "Iron Range Foods",
    "Desert Sun Retail",
    "Keystone Meat Co.",
    "Twin Rivers Wholesale",
    "Magnolia Food Service",
    "Pioneer Pet Nutrition",
    "Seaboard Export Partners",
    "Hometown Butchers"
  };
  private static final String[] CARRIERS = {
    "Reefer Express",
    "Cold Chain Logistics",
    "Arctic Haul Trucking",
    "Frontier Reefer Lines",
    "Interstate Cold Freight",
    "Polar Transport",
    "Big Sky Refrigerated",
    "Coastal Cold Carriers"
  };
  private static final String[][] PRODUCTS = {
    {"Beef", "Beef chuck roll, choice", "2.45"},
    {"Beef", "Beef brisket, select", "3.10"},
    {"Beef", "Beef 81/19 trim", "2.05"},
    {"Beef", "Beef ribeye lip-on, choice", "7.85"},
    {"Beef", "Beef 90CL boneless", "2.95"},
    {"Beef", "Beef inside round", "3.35"},
    {"Pork", "Pork bellies, skin-on", "1.55"},
    {"Pork", "Pork butts, bone-in", "1.12"},
    {"Pork", "Pork loins, boneless", "1.85"},
    {"Pork", "Pork 72% trim", "0.95"},
    {"Pork", "Pork spareribs", "1.65"},
    {"Chicken", "Chicken leg quarters", "0.48"},
    {"Chicken", "Chicken breast, boneless skinless", "1.95"},
    {"Chicken", "Chicken wings, whole", "1.35"},
    {"Chicken", "Chicken paws", "0.62"},
    {"Turkey", "Turkey thighs", "0.98"},
    {"Lamb", "Lamb racks, frenched", "8.40"},
    {"Lamb", "Lamb shoulders", "3.25"},
    {"Beef", "Beef tongues", "3.80"},
    {"Pork", "Pork hearts (export)", "0.70"}
  };
  private static final String[] STATES = {
    "TX", "NE", "KS", "IA", "CO", "OK", "NC", "GA", "AR", "MN", "CA", "IL", "MO", "SD"
  };
  private static final String[] CITIES = {
    "Amarillo",
    "Omaha",
    "Dodge City",
    "Sioux City",
    "Greeley",
    "Guymon",
    "Tar Heel",
    "Gainesville",
    "Springdale",
    "Worthington",
    "Fresno",
    "Chicago",
    "Kansas City",
    "Sioux Falls"
  };

  private final ResourceService records;
  private final Principal owner;
  private final Random random = new Random(20261126);
  private final LocalDate today;

  private final Consumer<String> progress;

  DemoData(ResourceService records, Principal owner, LocalDate today, Consumer<String> progress) {
    this.records = records;
    this.owner = owner;
    this.today = today;
    this.progress = progress;
  }

  record Summary(
      int suppliers,
      int customers,
      int purchaseOrders,
      int salesOrders,
      int invoices,
      int payments) {}

  /** The company's suppliers, customers, carriers and products, by id. */
  private record Parties(
      List<Long> suppliers, List<Long> customers, List<Long> carriers, List<Long> products) {}

  /** A supplier and its plant: the plant names the supplier, which then names it back. */
  private record SupplierDraft(JsonObject supplier, JsonObject plant) {}

  private final AtomicInteger salesOrders = new AtomicInteger();
  private final AtomicInteger invoices = new AtomicInteger();
  private final AtomicInteger payments = new AtomicInteger();

  /**
   * Writes the company's parties, then {@code orders} orders' stories in batches of {@code batch},
   * {@code parallel} batches at a time, then a few calls and notes. Every random choice is drawn
   * before its record is written, in the same order on every run.
   */
  Summary fill(int orders, int parallel, int batch) {
    List<SupplierDraft> supplierDrafts = new ArrayList<>();
    for (int i = 0; i < SUPPLIERS.length; i++) {
      supplierDrafts.add(supplierDraft(i));
    }
    List<JsonObject> customerBodies = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS.length; i++) {
      customerBodies.add(customer(i));
    }
    List<JsonObject> carrierBodies = new ArrayList<>();
    for (int i = 0; i < CARRIERS.length; i++) {
      carrierBodies.add(carrier(i));
    }
    Parties parties = await(writeParties(supplierDrafts, customerBodies, carrierBodies));
    List<OrderPlan> plans = new ArrayList<>();
    for (int n = 0; n < orders; n++) {
      plans.add(plan(n, orders, parties));
    }
    List<Map.Entry<String, JsonObject>> later = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      later.add(Map.entry("activity-logs", activityLog(i, parties)));
      later.add(Map.entry("scheduled-calls", scheduledCall(i, parties)));
    }
    await(
        runAll(plans, parallel, batch)
            .compose(v -> analyze())
            .compose(
                v ->
                    records
                        .database()
                        .inTransaction(
                            sql -> inOrder(later, r -> create(sql, r.getKey(), r.getValue())))));
    return new Summary(
        parties.suppliers().size(),
        parties.customers().size(),
        orders,
        salesOrders.get(),
        invoices.get(),
        payments.get());
  }

  /** All of the parties in one transaction, their statements pipelined on its connection. */
  private Future<Parties> writeParties(
      List<SupplierDraft> suppliers, List<JsonObject> customers, List<JsonObject> carriers) {
    return records
        .database()
        .inTransaction(
            sql ->
                inOrder(suppliers, s -> supplierWithPlant(sql, s))
                    .compose(
                        supplierIds -> {
                          List<JsonObject> products = new ArrayList<>();
                          for (int i = 0; i < PRODUCTS.length; i++) {
                            products.add(product(i, supplierIds.get(i)));
                          }
                          return Future.all(
                                  ids(sql, "customers", customers),
                                  ids(sql, "carriers", carriers),
                                  ids(sql, "products", products))
                              .map(
                                  written ->
                                      new Parties(
                                          supplierIds,
                                          written.resultAt(0),
                                          written.resultAt(1),
                                          written.resultAt(2)));
                        }));
  }

  private Future<Long> supplierWithPlant(Sql sql, SupplierDraft draft) {
    return create(sql, "suppliers", draft.supplier())
        .compose(
            supplier -> {
              long id = supplier.getLong("id");
              return create(sql, "plants", draft.plant().copy().put("supplier", id))
                  .compose(
                      plant ->
                          records.update(
                              sql,
                              owner,
                              records.catalog().get("suppliers"),
                              id,
                              new JsonObject().put("plant", plant.getLong("id"))))
                  .map(id);
            });
  }

  private Future<List<Long>> ids(Sql sql, String resource, List<JsonObject> bodies) {
    return inOrder(bodies, body -> create(sql, resource, body).map(r -> r.getLong("id")));
  }

  /** {@code write} of each of {@code items} at once; the results in the items' order. */
  private static <T, R> Future<List<R>> inOrder(List<T> items, Function<T, Future<R>> write) {
    return Future.all(items.stream().map(write).toList()).map(CompositeFuture::list);
  }

  private SupplierDraft supplierDraft(int i) {
    int s = i % STATES.length;
    JsonObject supplier =
        party(SUPPLIERS[i], "sales@", s)
            .put("country", i >= 28 ? (i == 28 ? "CAN" : "BRA") : "USA")
            .put("proteins", new JsonArray().add(PRODUCTS[i % PRODUCTS.length][0]))
            .put("plant_type", pick(Choices.PLANT_TYPE))
            .put("origin", i >= 28 ? "Imported" : "Domestic")
            .put("payment_terms", pick(Choices.PAYMENT_TERMS))
            .put("credit_limit", pick(Choices.CREDIT_LIMIT))
            .put("fresh_or_frozen", pick(Choices.FRESH_OR_FROZEN))
            .put("package_type", "Boxed wax lined")
            .put("status", i == 17 ? "inactive" : "active");
    JsonObject plant =
        new JsonObject()
            .put("name", SUPPLIERS[i] + " — " + CITIES[s])
            .put("code", "PL" + (100 + i))
            .put("establishment_number", "EST " + (200 + i * 7))
            .put("plant_type", "Processor")
            .put("city", CITIES[s])
            .put("state", STATES[s])
            .put(
                "certifications",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("certificate_type", pick(Choices.CERTIFICATE_TYPE))
                            .put("issued_on", today.minusMonths(8).toString())
                            .put("expires_on", today.plusMonths(4 + i % 12).toString())));
    return new SupplierDraft(supplier, plant);
  }

  private JsonObject customer(int i) {
    return party(CUSTOMERS[i], "buying@", (i * 3) % STATES.length)
        .put("industries", new JsonArray().add(pick(Choices.INDUSTRY)))
        .put("payment_terms", pick(Choices.PAYMENT_TERMS))
        .put("credit_limit", pick(List.of("Net 15", "Net 30", "Net 45")))
        .put("buyer_contact_name", person());
  }

  /** What suppliers and customers both have: a name, a contact, and where they are. */
  private JsonObject party(String name, String mailbox, int place) {
    return new JsonObject()
        .put("name", name)
        .put("contact_person", person())
        .put("email", mailbox + domain(name))
        .put("phone", phone())
        .put("city", CITIES[place])
        .put("state", STATES[place]);
  }

  private JsonObject carrier(int i) {
    return new JsonObject()
        .put("name", CARRIERS[i])
        .put("code", "CR" + (10 + i))
        .put("mc_number", "MC" + (100000 + random.nextInt(899999)))
        .put("dot_number", Integer.toString(1000000 + random.nextInt(8999999)))
        .put("insurance_expiry", today.plusMonths(2 + i).toString())
        .put("appointment_method", pick(Choices.APPOINTMENT_METHOD));
  }

  private static JsonObject product(int i, long supplier) {
    return new JsonObject()
        .put("product_code", "P-" + (1000 + i))
        .put("description", PRODUCTS[i][1])
        .put("protein", PRODUCTS[i][0])
        .put("fresh_or_frozen", i % 3 == 0 ? "Fresh" : "Frozen")
        .put("package_type", "Boxed wax lined")
        .put("net_or_catch", i % 2 == 0 ? "Catch" : "Net")
        .put("edible_inedible", "Edible")
        .put("supplier", supplier)
        .put("pieces_per_carton", 4 + i % 8)
        .put("namp_number", Integer.toString(100 + i * 3))
        .put("unit_weight", "60.00");
  }

  private JsonObject activityLog(int i, Parties parties) {
    return new JsonObject()
        .put("title", "Call with " + person())
        .put("text", "Talked volumes for next quarter.")
        .put("customer", parties.customers().get(i))
        .put("pinned", i < 2);
  }

  private JsonObject scheduledCall(int i, Parties parties) {
    return new JsonObject()
        .put("title", "Follow up on pricing")
        .put("supplier", parties.suppliers().get(i))
        .put(
            "scheduled_at",
            today.plusDays(i + 1).atTime(15, 0).toInstant(java.time.ZoneOffset.UTC).toString());
  }

  /**
   * One order's story, every random choice drawn up front and in order, so that the data set is the
   * same however the stories interleave when they are written.
   */
  private record OrderPlan(
      int n,
      LocalDate date,
      int product,
      long productId,
      String weight,
      BigDecimal cost,
      BigDecimal price,
      long supplier,
      long carrier,
      String logistics,
      String creditLimit,
      String poPath,
      long customer,
      boolean matched,
      String soPath,
      String rate,
      boolean payPurchase,
      String purchaseReference,
      int fate,
      String invoiceReference,
      boolean claim) {}

  private OrderPlan plan(int n, int orders, Parties parties) {
    List<Long> suppliers = parties.suppliers();
    List<Long> customers = parties.customers();
    List<Long> carriers = parties.carriers();
    List<Long> products = parties.products();
    LocalDate date = today.minusDays((long) (365.0 * n / orders)).minusDays(random.nextInt(3));
    int p = random.nextInt(PRODUCTS.length);
    String weight = Integer.toString(20000 + random.nextInt(22000)) + ".00";
    BigDecimal cost =
        new BigDecimal(PRODUCTS[p][2])
            .multiply(BigDecimal.valueOf(90 + random.nextInt(20), 2))
            .setScale(4, RoundingMode.HALF_UP);
    BigDecimal price =
        cost.multiply(BigDecimal.valueOf(104 + random.nextInt(8), 2))
            .setScale(4, RoundingMode.HALF_UP);
    long carrier = carriers.get(random.nextInt(carriers.size()));
    String logistics = pick(Choices.LOGISTICS_SCENARIO);
    String creditLimit = pick(Choices.CREDIT_LIMIT);
    boolean recent = date.isAfter(today.minusDays(20));
    String poPath =
        recent
            ? pick(List.of("draft", "pending", "approved", "shipped"))
            : (random.nextInt(20) == 0 ? "cancelled" : "delivered");
    long customer = customers.get(random.nextInt(customers.size()));
    boolean matched = random.nextInt(8) != 0;
    String soPath =
        poPath.equals("delivered")
            ? "delivered"
            : pick(List.of("pending", "confirmed", "in_transit"));
    String rate = (1800 + random.nextInt(2400)) + ".00";
    boolean payPurchase = date.isBefore(today.minusDays(40)) | random.nextBoolean();
    String purchaseReference = "WIRE-" + (10000 + random.nextInt(89999));
    int fate = random.nextInt(10);
    String invoiceReference = Integer.toString(10000 + random.nextInt(89999));
    boolean claim = random.nextInt(25) == 0;
    return new OrderPlan(
        n,
        date,
        p,
        products.get(p),
        weight,
        cost,
        price,
        suppliers.get(p % suppliers.size()),
        carrier,
        logistics,
        creditLimit,
        poPath,
        customer,
        matched,
        soPath,
        rate,
        payPurchase,
        purchaseReference,
        fate,
        invoiceReference,
        claim);
  }

  /** The resources whose tables a story reads by id or writes to. */
  private static final List<String> WRITTEN =
      List.of(
          "suppliers",
          "customers",
          "carriers",
          "products",
          "purchase-orders",
          "sales-orders",
          "carrier-purchase-orders",
          "invoices",
          "payments",
          "claims");

  /**
   * Brings PostgreSQL's statistics of the tables the stories fill up to date (each time the stories
   * written have doubled, while the others go on). Without them a new database's tables look empty,
   * and the plans its statements keep (prepared, reused on each connection) read a record by {@code
   * company_id} and filter on {@code id}: every row of the company, for each of a story's hundred
   * statements, which made the seed quadratic. Autovacuum catches up too late for a load this fast.
   * SQLite plans without such statistics.
   */
  Future<Void> analyze() {
    var db = records.database();
    if (db.dialect() != com.projectmeats.core.db.Dialect.POSTGRES) {
      return Future.succeededFuture();
    }
    List<String> tables = new ArrayList<>(List.of("record_history", "counters"));
    for (String name : WRITTEN) {
      var resource = records.catalog().get(name);
      tables.add(resource.table());
      resource.children().forEach(c -> tables.add(c.table()));
    }
    return db.sql().query("ANALYZE " + String.join(", ", tables)).mapEmpty();
  }

  /**
   * Stories go in batches of {@code batch}, {@code parallel} batches at a time. A batch passes
   * through the stages of a story (buy, move the purchase along, sell, …), each stage one
   * transaction in which all of the batch's records are written at once through the API's own
   * create and status actions: their statements share the transaction's connection, pipelined,
   * instead of a transaction and a round trip apiece. A stage that numbers records (creates orders,
   * invoices, claims) takes the company's counter row, locked until its commit: those stages run
   * one batch at a time per counter, queued here rather than inside PostgreSQL (where the wait
   * would count against the transaction's time limit), while other batches' other stages go on.
   * Prints progress as batches finish.
   */
  private Future<Void> runAll(List<OrderPlan> plans, int parallel, int batch) {
    if (plans.isEmpty()) {
      return Future.succeededFuture();
    }
    List<List<Story>> batches = new ArrayList<>();
    for (int from = 0; from < plans.size(); from += batch) {
      batches.add(
          plans.subList(from, Math.min(plans.size(), from + batch)).stream()
              .map(Story::new)
              .toList());
    }
    Promise<Void> all = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger analysedAt = new AtomicInteger(25);
    long started = System.nanoTime();
    int step = Math.max(1, Math.min(1000, plans.size() / 10));
    Runnable[] startNext = new Runnable[1];
    startNext[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= batches.size() || all.future().isComplete()) {
            return;
          }
          List<Story> stories = batches.get(i);
          write(stories)
              .onComplete(
                  written -> {
                    if (written.failed()) {
                      all.tryFail(written.cause());
                      return;
                    }
                    int before = finished.get();
                    int done = finished.addAndGet(stories.size());
                    if (done >= 2 * analysedAt.get()) {
                      analysedAt.set(done);
                      analyze().onFailure(all::tryFail);
                    }
                    if (done / step > before / step || done == plans.size()) {
                      progress.accept(
                          String.format(
                              "  %,d of %,d orders written (%.1f s)",
                              done, plans.size(), (System.nanoTime() - started) / 1e9));
                    }
                    if (done == plans.size()) {
                      all.tryComplete();
                    } else {
                      startNext[0].run();
                    }
                  });
        };
    for (int k = 0; k < Math.min(parallel, batches.size()); k++) {
      startNext[0].run();
    }
    return all.future();
  }

  /** What one story has written so far, for its later stages. */
  private static final class Story {
    final OrderPlan o;
    JsonObject po;
    Long soId;
    JsonObject invoice;

    Story(OrderPlan o) {
      this.o = o;
    }

    /** A broker buys because it has sold: every live purchase becomes a sale. */
    boolean sells() {
      return !o.poPath().equals("cancelled") && !o.poPath().equals("draft");
    }

    boolean bills() {
      return o.poPath().equals("delivered");
    }
  }

  /**
   * One step of every story in a batch: the stories it {@code takes}, what it writes for each, and
   * the counter it numbers records by ({@code lane}, null when it numbers none).
   */
  private record Step(
      String lane, Predicate<Story> takes, BiFunction<Sql, Story, Future<?>> write) {}

  /** The statuses an order moves through by its actions, in order. */
  private record Progress(String resource, List<String> actions, List<String> reached) {}

  private static final Progress PURCHASE =
      new Progress(
          "purchase-orders",
          List.of("submit", "approve", "ship", "deliver"),
          List.of("pending", "approved", "shipped", "delivered"));

  private static final Progress SALE =
      new Progress(
          "sales-orders",
          List.of("confirm", "ship", "deliver"),
          List.of("confirmed", "in_transit", "delivered"));

  /** A story: buy, move the purchase along, sell, move the sale along, carry, bill, collect. */
  private final List<Step> steps =
      List.of(
          new Step("purchase-orders", s -> true, this::buy),
          new Step(
              null,
              s -> true,
              (sql, s) ->
                  advance(sql, PURCHASE, s.po.getLong("id"), s.o.poPath())
                      .compose(
                          v ->
                              s.bills() && s.o.payPurchase()
                                  ? payPurchase(sql, s)
                                  : Future.succeededFuture())),
          new Step("sales-orders", Story::sells, this::sell),
          new Step(null, Story::sells, (sql, s) -> advance(sql, SALE, s.soId, s.o.soPath())),
          new Step("carrier-purchase-orders", Story::sells, this::carry),
          new Step("invoices", Story::bills, this::bill),
          new Step(null, Story::bills, this::collect),
          new Step("claims", s -> s.bills() && s.o.claim(), this::claim));

  /** The steps that take a company counter, each run by one batch at a time. */
  private final Map<String, Future<Void>> lanes = new java.util.concurrent.ConcurrentHashMap<>();

  private Future<Void> write(List<Story> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (Step step : steps) {
      chain = chain.compose(v -> run(step, batch));
    }
    return chain;
  }

  /** {@code step} for each of {@code stories} it takes, all in one transaction, in its lane. */
  private Future<Void> run(Step step, List<Story> stories) {
    List<Story> taking = stories.stream().filter(step.takes()).toList();
    if (taking.isEmpty()) {
      return Future.succeededFuture();
    }
    Supplier<Future<Void>> run =
        () ->
            records
                .database()
                .inTransaction(sql -> inOrder(taking, s -> step.write().apply(sql, s)).mapEmpty());
    if (step.lane() == null) {
      return run.get();
    }
    // Chained on the lane's last step (whatever its outcome: a failure fails its own batch).
    Promise<Void> done = Promise.promise();
    synchronized (lanes) {
      Future<Void> before = lanes.getOrDefault(step.lane(), Future.succeededFuture());
      lanes.put(step.lane(), done.future().otherwiseEmpty());
      before.onComplete(ignored -> run.get().onComplete(done));
    }
    return done.future();
  }

  private Future<Void> buy(Sql sql, Story s) {
    OrderPlan o = s.o;
    LocalDate date = o.date();
    return create(
            sql,
            "purchase-orders",
            new JsonObject()
                .put("supplier", o.supplier())
                .put("carrier", o.carrier())
                .put("order_date", date.toString())
                .put("pick_up_date", date.plusDays(3).toString())
                .put("delivery_date", date.plusDays(5).toString())
                .put("logistics_scenario", o.logistics())
                .put("payment_terms", "Wire")
                .put("credit_limit", o.creditLimit())
                .put(
                    "lines",
                    new JsonArray().add(line(o.productId(), o.product(), o.weight(), o.cost()))))
        .map(
            po -> {
              s.po = po;
              return null;
            });
  }

  private Future<Void> payPurchase(Sql sql, Story s) {
    payments.incrementAndGet();
    return pay(
        sql,
        "purchase_order",
        s.po.getLong("id"),
        s.po.getString("total_amount"),
        s.o.date().plusDays(2),
        "wire",
        s.o.purchaseReference());
  }

  private Future<Void> sell(Sql sql, Story s) {
    OrderPlan o = s.o;
    LocalDate date = o.date();
    return create(
            sql,
            "sales-orders",
            new JsonObject()
                .put("customer", o.customer())
                .put("carrier", o.carrier())
                .put("purchase_order", o.matched() ? s.po.getLong("id") : null)
                .put("order_date", date.toString())
                .put("pick_up_date", date.plusDays(3).toString())
                .put("delivery_date", date.plusDays(5).toString())
                .put("delivery_po_number", "CPO-" + (40000 + o.n()))
                .put(
                    "lines",
                    new JsonArray().add(line(o.productId(), o.product(), o.weight(), o.price()))))
        .map(
            so -> {
              salesOrders.incrementAndGet();
              s.soId = so.getLong("id");
              return null;
            });
  }

  private Future<Void> carry(Sql sql, Story s) {
    OrderPlan o = s.o;
    LocalDate date = o.date();
    return create(
            sql,
            "carrier-purchase-orders",
            new JsonObject()
                .put("carrier", o.carrier())
                .put("purchase_order", s.po.getLong("id"))
                .put("sales_order", s.soId)
                .put("pick_up_date", date.plusDays(3).toString())
                .put("delivery_date", date.plusDays(5).toString())
                .put("due_date", date.plusDays(35).toString())
                .put("rate", o.rate())
                .put(
                    "paid_on",
                    date.isBefore(today.minusDays(45)) ? date.plusDays(30).toString() : null))
        .mapEmpty();
  }

  private Future<Void> bill(Sql sql, Story s) {
    OrderPlan o = s.o;
    LocalDate date = o.date();
    return create(
            sql,
            "invoices",
            new JsonObject()
                .put("customer", o.customer())
                .put("sales_order", s.soId)
                .put("invoice_date", date.plusDays(5).toString())
                .put("due_date", date.plusDays(35).toString())
                .put("payment_terms", "ACH")
                .put(
                    "lines",
                    new JsonArray().add(line(o.productId(), o.product(), o.weight(), o.price()))))
        .map(
            invoice -> {
              invoices.incrementAndGet();
              s.invoice = invoice;
              return null;
            });
  }

  /** The invoice sent, then paid in full, in part, or left to become overdue. */
  private Future<Void> collect(Sql sql, Story s) {
    OrderPlan o = s.o;
    LocalDate date = o.date();
    long id = s.invoice.getLong("id");
    BigDecimal total = new BigDecimal(s.invoice.getString("total_amount"));
    int fate = o.fate();
    Future<Void> sent = transition(sql, "invoices", id, "send");
    if (date.isBefore(today.minusDays(75)) && fate < 8 || fate < 5) {
      payments.incrementAndGet();
      return sent.compose(
          v ->
              pay(
                  sql,
                  "invoice",
                  id,
                  total.toPlainString(),
                  date.plusDays(30),
                  "ach",
                  "ACH-" + o.invoiceReference()));
    } else if (fate < 7) {
      payments.incrementAndGet();
      return sent.compose(
          v ->
              pay(
                  sql,
                  "invoice",
                  id,
                  total.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN).toPlainString(),
                  date.plusDays(32),
                  "check",
                  "CHECK-" + o.invoiceReference()));
    } else if (date.plusDays(35).isBefore(today)) {
      return sent.compose(v -> transition(sql, "invoices", id, "mark_overdue"));
    }
    return sent;
  }

  private Future<Void> claim(Sql sql, Story s) {
    OrderPlan o = s.o;
    return create(
            sql,
            "claims",
            new JsonObject()
                .put("claim_type", "receivable")
                .put("customer", o.customer())
                .put("sales_order", s.soId)
                .put("reason", "Temperature abuse on arrival; 40 cases rejected")
                .put("claimed_amount", "1250.00")
                .put("claim_date", o.date().plusDays(6).toString()))
        .mapEmpty();
  }

  private JsonObject line(long product, int p, String weight, BigDecimal price) {
    return new JsonObject()
        .put("product", product)
        .put("description", PRODUCTS[p][1])
        .put("protein", PRODUCTS[p][0])
        .put("quantity", Integer.parseInt(weight.replace(".00", "")) / 60)
        .put("weight", weight)
        .put("weight_unit", "LBS")
        .put("price_per_unit", price.toPlainString());
  }

  /** Moves an order from its first status to {@code target} by its actions, one at a time. */
  private Future<Void> advance(Sql sql, Progress progress, long id, String target) {
    if (target.equals("cancelled")) {
      return transition(sql, progress.resource(), id, progress.actions().get(0))
          .compose(v -> transition(sql, progress.resource(), id, "cancel"));
    }
    Future<Void> chain = Future.succeededFuture();
    int last = progress.reached().indexOf(target);
    for (int i = 0; i <= last; i++) {
      String action = progress.actions().get(i);
      chain = chain.compose(v -> transition(sql, progress.resource(), id, action));
    }
    return chain;
  }

  private Future<Void> transition(Sql sql, String resource, long id, String action) {
    var r = records.catalog().get(resource);
    // The seed needs nothing of the record the API would answer with.
    return records.changeStatus(
        sql, owner, r, id, r.workflow().transition(action).orElseThrow(), null);
  }

  private Future<Void> pay(
      Sql sql,
      String parent,
      long id,
      String amount,
      LocalDate date,
      String method,
      String reference) {
    return create(
            sql,
            "payments",
            new JsonObject()
                .put(parent, id)
                .put("amount", amount)
                .put("payment_date", date.toString())
                .put("method", method)
                .put("reference_number", reference))
        .mapEmpty();
  }

  private Future<JsonObject> create(Sql sql, String resource, JsonObject body) {
    return records
        .create(sql, owner, records.catalog().get(resource), body)
        .map(com.projectmeats.core.crud.Versioned::body);
  }

  private static <T> T await(Future<T> work) {
    return work.toCompletionStage().toCompletableFuture().join();
  }

  private String person() {
    String[] first = {
      "Pat", "Maria", "Jim", "Luis", "Dana", "Tom", "Ana", "Rick", "Sue", "Carlos", "Beth", "Hank"
    };
    String[] last = {
      "Jones", "Garcia", "Miller", "Nguyen", "Schmidt", "Brown", "Lopez", "Olsen", "Reyes", "Walker"
    };
    return first[random.nextInt(first.length)] + " " + last[random.nextInt(last.length)];
  }

  private String phone() {
    return "+1 "
        + (200 + random.nextInt(700))
        + " 555 "
        + String.format("%04d", random.nextInt(10000));
  }

  private static String domain(String name) {
    return name.toLowerCase().replaceAll("[^a-z]+", "") + ".com";
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
