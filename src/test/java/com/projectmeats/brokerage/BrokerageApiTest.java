package com.projectmeats.brokerage;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The brokerage API over HTTP, on both datastores: envelope, filters, validation, rules, roles,
 * isolation.
 */
class BrokerageApiTest {

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  abstract static class Contract extends OnEachDatastore {
    Http user;
    Http manager;
    Http readonly;
    Http otherCompany;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void start() {
      Fixtures fx = new Fixtures(app);
      long acme = fx.company("Acme Meats");
      long rival = fx.company("Rival Brokers");
      user = bearer(fx.member(acme, Role.USER).token());
      manager = bearer(fx.member(acme, Role.MANAGER).token());
      readonly = bearer(fx.member(acme, Role.READONLY).token());
      otherCompany = bearer(fx.member(rival, Role.OWNER).token());
    }

    JsonObject created(Http.Response r) {
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      return r.json();
    }

    long supplier(String name) {
      return created(
              user.post(
                  "/api/v1/suppliers",
                  new JsonObject()
                      .put("name", name)
                      .put("state", "TX")
                      .put("contact_person", "Pat Jones")
                      .put("email", "pat@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".com")
                      .put("phone", "+1 806 555 0100")))
          .getLong("id");
    }

    JsonObject line(String weight, String price) {
      return new JsonObject()
          .put("description", "Beef chuck roll, choice")
          .put("protein", "Beef")
          .put("fresh_or_frozen", "Frozen")
          .put("quantity", 800)
          .put("weight", weight)
          .put("weight_unit", "LBS")
          .put("price_per_unit", price);
    }

    JsonObject purchaseOrder(long supplier, JsonObject... lines) {
      return created(
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", supplier)
                  .put("order_date", "2026-11-20")
                  .put("pick_up_date", "2026-11-24")
                  .put("delivery_date", "2026-11-26")
                  .put("payment_terms", "Wire")
                  .put("credit_limit", "Net 30")
                  .put("lines", new JsonArray(List.of((Object[]) lines)))));
    }

    @Test
    void listsAnswerTheDjangoEnvelopeWithWorkingPageLinks() {
      String tag = UUID.randomUUID().toString().substring(0, 6);
      for (int i = 0; i < 23; i++) {
        supplier("Paging " + tag + " " + (char) ('A' + i));
      }
      Http.Response first = user.get("/api/v1/suppliers?q=" + tag + "&page_size=10&ordering=name");
      assertThat(first.status()).isEqualTo(200);
      JsonObject page1 = first.json();
      assertThat(page1.getLong("count")).isEqualTo(23);
      assertThat(page1.getValue("previous")).isNull();
      assertThat(page1.getJsonArray("results")).hasSize(10);
      assertThat(page1.getJsonArray("results").getJsonObject(0).getString("name")).endsWith(" A");
      String next = page1.getString("next");
      assertThat(next)
          .isEqualTo(
              user.base() + "/api/v1/suppliers?q=" + tag + "&page_size=10&ordering=name&page=2");
      JsonObject page2 = user.get(next.substring(user.base().length())).json();
      assertThat(page2.getJsonArray("results").getJsonObject(0).getString("name")).endsWith(" K");
      assertThat(page2.getString("previous"))
          .isEqualTo(
              user.base() + "/api/v1/suppliers?q=" + tag + "&page_size=10&ordering=name&page=1");
      JsonObject page3 =
          user.get("/api/v1/suppliers?q=" + tag + "&page_size=10&ordering=name&page=3").json();
      assertThat(page3.getJsonArray("results")).hasSize(3);
      assertThat(page3.getValue("next")).isNull();
      assertThat(page3.getString("previous")).contains("page=2");
      assertThat(user.get("/api/v1/suppliers?page_size=101").status()).isEqualTo(400);
      assertThat(user.get("/api/v1/suppliers?page=0").status()).isEqualTo(400);
    }

    @Test
    void filtersOrderingAndSearch() {
      String tag = UUID.randomUUID().toString().substring(0, 6);
      created(
          user.post(
              "/api/v1/suppliers",
              new JsonObject()
                  .put("name", "Zulu " + tag)
                  .put("state", "NE")
                  .put("status", "inactive")));
      created(
          user.post(
              "/api/v1/suppliers",
              new JsonObject().put("name", "alpha " + tag).put("state", "TX")));
      JsonObject byState = user.get("/api/v1/suppliers?q=" + tag + "&state=NE").json();
      assertThat(byState.getLong("count")).isEqualTo(1);
      assertThat(
              user.get("/api/v1/suppliers?q=" + tag + "&status=inactive").json().getLong("count"))
          .isEqualTo(1);
      JsonArray desc =
          user.get("/api/v1/suppliers?q=" + tag.toUpperCase() + "&ordering=-name")
              .json()
              .getJsonArray("results");
      assertThat(desc).hasSize(2);
      assertThat(desc.getJsonObject(0).getString("name")).startsWith("Zulu");
      Http.Response badOrder = user.get("/api/v1/suppliers?ordering=password");
      assertThat(badOrder.status()).isEqualTo(400);
      assertThat(badOrder.header("Content-Type")).startsWith("application/problem+json");
      assertThat(badOrder.json().getJsonObject("errors").containsKey("ordering")).isTrue();
      assertThat(user.get("/api/v1/suppliers?stat=NE").status()).isEqualTo(400);
      assertThat(user.get("/api/v1/suppliers?status=gone").json().getString("detail"))
          .contains("active, inactive, archived");
    }

    @Test
    void validationNamesEveryWrongField() {
      Http.Response r =
          user.post(
              "/api/v1/suppliers",
              new JsonObject()
                  .put("email", "not-an-email")
                  .put("plant_type", "Packer")
                  .put("phone", "call me"));
      assertThat(r.status()).isEqualTo(422);
      JsonObject errors = r.json().getJsonObject("errors");
      assertThat(errors.fieldNames()).contains("name", "email", "plant_type", "phone");
      assertThat(errors.getJsonArray("plant_type").getString(0))
          .contains("Vertical, Processor, Distributor, Renderer");

      long s = supplier("Validation Packing");
      Http.Response lines =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", s)
                  .put("pick_up_date", "2026-11-24")
                  .put("delivery_date", "2026-11-20")
                  .put("lines", new JsonArray().add(line("-5.00", "2.45"))));
      assertThat(lines.status()).isEqualTo(422);
      assertThat(lines.json().getJsonObject("errors").fieldNames()).contains("lines[0].weight");
      Http.Response dates =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", s)
                  .put("pick_up_date", "2026-11-24")
                  .put("delivery_date", "2026-11-20"));
      assertThat(dates.status()).isEqualTo(422);
      assertThat(dates.json().getJsonObject("errors").fieldNames())
          .containsExactly("delivery_date");
      Http.Response floaty =
          user.send(
              "POST",
              "/api/v1/purchase-orders",
              "{\"supplier\":" + s + ",\"lines\":[{\"weight\":100.5,\"price_per_unit\":\"2.45\"}]}",
              "application/json");
      assertThat(floaty.status()).isEqualTo(422);
      assertThat(floaty.json().getJsonObject("errors").getJsonArray("lines[0].weight").getString(0))
          .contains("string");
      assertThat(
              user.post("/api/v1/suppliers", new JsonObject().put("name", "X").put("company_id", 1))
                  .status())
          .isEqualTo(400);
      assertThat(user.send("POST", "/api/v1/suppliers", "{\"name\":", "application/json").status())
          .isEqualTo(400);
      assertThat(
              user.send("POST", "/api/v1/suppliers", "name=x", "application/x-www-form-urlencoded")
                  .status())
          .isEqualTo(415);
      assertThat(user.send("POST", "/api/v1/suppliers", "[1]", "application/json").status())
          .isEqualTo(400);
    }

    @Test
    void anotherCompanysIdIsNotFoundNotALeak() {
      long theirs =
          created(
                  otherCompany.post(
                      "/api/v1/suppliers", new JsonObject().put("name", "Their Supplier")))
              .getLong("id");
      Http.Response viaRef =
          user.post("/api/v1/purchase-orders", new JsonObject().put("supplier", theirs));
      assertThat(viaRef.status()).isEqualTo(422);
      assertThat(viaRef.json().getJsonObject("errors").getJsonArray("supplier").getString(0))
          .contains("No supplier with id " + theirs);
      assertThat(user.get("/api/v1/suppliers/" + theirs).status()).isEqualTo(404);
      assertThat(
              user.patch("/api/v1/suppliers/" + theirs, new JsonObject().put("name", "Mine now"))
                  .status())
          .isEqualTo(404);
      assertThat(manager.delete("/api/v1/suppliers/" + theirs).status()).isEqualTo(404);
      assertThat(otherCompany.get("/api/v1/suppliers/" + theirs).json().getString("name"))
          .isEqualTo("Their Supplier");
    }

    @Test
    void everyMissingReferenceIsNamedByItsOwnField() {
      long mine = supplier("Own Supplier");
      long theirs =
          created(
                  otherCompany.post(
                      "/api/v1/suppliers", new JsonObject().put("name", "Rival's Supplier")))
              .getLong("id");
      long none = 999_999_999L;
      Http.Response all =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", theirs)
                  .put("carrier", none)
                  .put(
                      "lines",
                      new JsonArray()
                          .add(line("100.00", "1.0000").put("product", none - 1))
                          .add(line("100.00", "1.0000"))
                          .add(line("100.00", "1.0000").put("product", none - 1))));
      assertThat(all.status()).as(all.body()).isEqualTo(422);
      JsonObject errors = all.json().getJsonObject("errors");
      assertThat(errors.fieldNames())
          .containsExactlyInAnyOrder("supplier", "carrier", "lines[0].product", "lines[2].product");
      assertThat(errors.getJsonArray("supplier").getString(0))
          .isEqualTo("No supplier with id " + theirs + ".");
      assertThat(errors.getJsonArray("carrier").getString(0))
          .isEqualTo("No carrier with id " + none + ".");
      assertThat(errors.getJsonArray("lines[2].product").getString(0))
          .isEqualTo("No product with id " + (none - 1) + ".");
      Http.Response one =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject().put("supplier", mine).put("carrier", none));
      assertThat(one.status()).isEqualTo(422);
      assertThat(one.json().getJsonObject("errors").fieldNames()).containsExactly("carrier");
      assertThat(
              user.post("/api/v1/purchase-orders", new JsonObject().put("supplier", mine)).status())
          .isEqualTo(201);
    }

    @Test
    void theCounterSkipsNumbersTypedInByHand() {
      long s = supplier("Counter Beef");
      long last = Long.parseLong(purchaseOrder(s).getString("order_number"));
      for (long typed = last + 1; typed <= last + 2; typed++) {
        created(
            user.post(
                "/api/v1/purchase-orders",
                new JsonObject().put("supplier", s).put("order_number", Long.toString(typed))));
      }
      assertThat(purchaseOrder(s).getString("order_number")).isEqualTo(Long.toString(last + 3));
    }

    @Test
    void linesPriceTheOrderExactlyAndTheSupplierContactIsSnapshotted() {
      long s = supplier("Cactus Packing");
      JsonObject po = purchaseOrder(s, line("32000.00", "2.4500"), line("1000.55", "1.3333"));
      assertThat(po.getString("status")).isEqualTo("draft");
      assertThat(po.getString("order_number")).matches("\\d+");
      JsonArray lines = po.getJsonArray("lines");
      assertThat(lines.getJsonObject(0).getString("line_total")).isEqualTo("78400.00");
      assertThat(lines.getJsonObject(1).getString("line_total")).isEqualTo("1334.03");
      assertThat(po.getString("total_amount")).isEqualTo("79734.03");
      assertThat(po.getString("outstanding_amount")).isEqualTo("79734.03");
      assertThat(po.getString("payment_status")).isEqualTo("unpaid");
      assertThat(po.getString("supplier_name")).isEqualTo("Cactus Packing");
      assertThat(po.getString("supplier_contact_name")).isEqualTo("Pat Jones");
      user.patch("/api/v1/suppliers/" + s, new JsonObject().put("contact_person", "Someone Else"));
      assertThat(
              user.get("/api/v1/purchase-orders/" + po.getLong("id"))
                  .json()
                  .getString("supplier_contact_name"))
          .isEqualTo("Pat Jones");
    }

    @Test
    void staleIfMatchIsRefusedAndTheFreshOneAccepted() {
      long s = supplier("Etag Foods");
      Http.Response read = user.get("/api/v1/suppliers/" + s);
      String etag = read.header("ETag");
      assertThat(etag).isNotBlank();
      Http.Response ok =
          user.patch(
              "/api/v1/suppliers/" + s, new JsonObject().put("city", "Amarillo"), "If-Match", etag);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("ETag")).isNotEqualTo(etag);
      Http.Response stale =
          user.patch(
              "/api/v1/suppliers/" + s, new JsonObject().put("city", "Dallas"), "If-Match", etag);
      assertThat(stale.status()).isEqualTo(412);
      assertThat(user.get("/api/v1/suppliers/" + s).json().getString("city")).isEqualTo("Amarillo");
      assertThat(user.get("/api/v1/suppliers/" + s, "If-None-Match", ok.header("ETag")).status())
          .isEqualTo(304);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesOneRecord() {
      String key = UUID.randomUUID().toString();
      JsonObject body = new JsonObject().put("name", "Idem " + key);
      JsonObject first = created(user.post("/api/v1/suppliers", body, "Idempotency-Key", key));
      JsonObject again = created(user.post("/api/v1/suppliers", body, "Idempotency-Key", key));
      assertThat(again.getLong("id")).isEqualTo(first.getLong("id"));
      assertThat(user.get("/api/v1/suppliers?q=" + key).json().getLong("count")).isEqualTo(1);
      Http.Response reused =
          user.post(
              "/api/v1/suppliers", new JsonObject().put("name", "Other"), "Idempotency-Key", key);
      assertThat(reused.status()).isEqualTo(422);
    }

    @Test
    void fiftyConcurrentCreatesGetFiftyDistinctNumbers() throws Exception {
      long s = supplier("Race Beef");
      var pool = Executors.newFixedThreadPool(16);
      try {
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          calls.add(
              CompletableFuture.supplyAsync(
                  () ->
                      user.post(
                          "/api/v1/purchase-orders",
                          new JsonObject()
                              .put("supplier", s)
                              .put("lines", new JsonArray().add(line("100.00", "1.0000")))),
                  pool));
        }
        Set<String> numbers = new HashSet<>();
        for (var call : calls) {
          Http.Response r = call.get();
          assertThat(r.status()).as(r.body()).isEqualTo(201);
          numbers.add(r.json().getString("order_number"));
        }
        assertThat(numbers).hasSize(50);
      } finally {
        pool.shutdown();
      }
      Http.Response dup =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject().put("supplier", s).put("order_number", "777"));
      assertThat(dup.status()).isEqualTo(201);
      Http.Response again =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject().put("supplier", s).put("order_number", "777"));
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.json().getJsonObject("errors").containsKey("order_number")).isTrue();
    }

    @Test
    void aStatusActionChecksItsLockIfMatchAndCompanyAndRacesOnce() throws Exception {
      JsonObject po = purchaseOrder(supplier("Action Beef"), line("100.00", "1.0000"));
      String path = "/api/v1/purchase-orders/" + po.getLong("id");
      String etag = user.get(path).header("ETag");
      assertThat(otherCompany.post(path + "/submit", null).status()).isEqualTo(404);
      assertThat(user.post("/api/v1/purchase-orders/999999999/submit", null).status())
          .isEqualTo(404);
      Http.Response submitted = user.post(path + "/submit", null, "If-Match", etag);
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
      assertThat(submitted.json().getString("status")).isEqualTo("pending");
      Http.Response stale = manager.post(path + "/approve", null, "If-Match", etag);
      assertThat(stale.status()).isEqualTo(412);
      assertThat(user.get(path).json().getString("status")).isEqualTo("pending");
      var pool = Executors.newFixedThreadPool(8);
      try {
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          calls.add(
              CompletableFuture.supplyAsync(() -> manager.post(path + "/approve", null), pool));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var call : calls) {
          statuses.add(call.get().status());
        }
        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
      } finally {
        pool.shutdown();
      }
      JsonArray history = user.get(path + "/history").jsonArray();
      assertThat(history.stream().map(h -> ((JsonObject) h).getString("action")).toList())
          .containsExactly("created", "submit", "approve");
      assertThat(user.get(path).json().getString("status")).isEqualTo("approved");
    }

    @Test
    void purchaseOrderWorkflowAndHistory() {
      JsonObject po = purchaseOrder(supplier("Flow Meats"), line("1000.00", "2.0000"));
      String path = "/api/v1/purchase-orders/" + po.getLong("id");
      assertThat(user.post(path + "/approve", null).status()).isEqualTo(403);
      Http.Response early = manager.post(path + "/approve", null);
      assertThat(early.status()).isEqualTo(409);
      assertThat(early.json().getString("detail")).contains("draft");
      assertThat(user.post(path + "/submit", null).json().getString("status")).isEqualTo("pending");
      assertThat(manager.post(path + "/approve", null).json().getString("status"))
          .isEqualTo("approved");
      assertThat(user.post(path + "/ship", null).json().getString("status")).isEqualTo("shipped");
      assertThat(user.post(path + "/deliver", null).json().getString("status"))
          .isEqualTo("delivered");
      assertThat(manager.post(path + "/cancel", null).status()).isEqualTo(409);
      assertThat(
              user.patch(path, new JsonObject().put("status", "pending").put("notes", "late truck"))
                  .json()
                  .getString("status"))
          .isEqualTo("delivered");
      JsonArray history = user.get(path + "/history").jsonArray();
      List<String> actions =
          history.stream().map(h -> ((JsonObject) h).getString("action")).toList();
      assertThat(actions)
          .containsExactly("created", "submit", "approve", "ship", "deliver", "updated");
      JsonObject approve = history.getJsonObject(2);
      assertThat(approve.getJsonObject("changes").getJsonObject("status").getString("old"))
          .isEqualTo("pending");
      assertThat(approve.getString("user_email")).startsWith("manager-");
      assertThat(
              history
                  .getJsonObject(5)
                  .getJsonObject("changes")
                  .getJsonObject("notes")
                  .getString("new"))
          .isEqualTo("late truck");
    }

    @Test
    void paymentsRollUpIntoTheOrderAndTheInvoice() {
      JsonObject po = purchaseOrder(supplier("Pay Packing"), line("32000.00", "2.4500"));
      JsonObject payment =
          new JsonObject()
              .put("purchase_order", po.getLong("id"))
              .put("amount", "20000.00")
              .put("payment_date", "2026-11-27")
              .put("method", "wire")
              .put("reference_number", "FED-88121");
      assertThat(user.post("/api/v1/payments", payment).status()).isEqualTo(403);
      created(manager.post("/api/v1/payments", payment));
      JsonObject after = user.get("/api/v1/purchase-orders/" + po.getLong("id")).json();
      assertThat(after.getString("outstanding_amount")).isEqualTo("58400.00");
      assertThat(after.getString("payment_status")).isEqualTo("partial");
      Http.Response over =
          manager.post("/api/v1/payments", payment.copy().put("amount", "58400.01"));
      assertThat(over.status()).isEqualTo(422);
      assertThat(over.json().getJsonObject("errors").containsKey("amount")).isTrue();

      long customer =
          created(user.post("/api/v1/customers", new JsonObject().put("name", "Buyer Inc")))
              .getLong("id");
      JsonObject invoice =
          created(
              user.post(
                  "/api/v1/invoices",
                  new JsonObject()
                      .put("customer", customer)
                      .put("tax_amount", "10.00")
                      .put("lines", new JsonArray().add(line("100.00", "1.0000")))));
      assertThat(invoice.getString("total_amount")).isEqualTo("110.00");
      String inv = "/api/v1/invoices/" + invoice.getLong("id");
      user.post(inv + "/send", null);
      JsonObject full =
          created(
              manager.post(
                  "/api/v1/payments",
                  new JsonObject()
                      .put("invoice", invoice.getLong("id"))
                      .put("amount", "110.00")
                      .put("method", "ach")));
      JsonObject paid = user.get(inv).json();
      assertThat(paid.getString("status")).isEqualTo("paid");
      assertThat(paid.getString("outstanding_amount")).isEqualTo("0.00");
      assertThat(manager.delete("/api/v1/payments/" + full.getLong("id")).status()).isEqualTo(204);
      JsonObject reopened = user.get(inv).json();
      assertThat(reopened.getString("status")).isEqualTo("sent");
      assertThat(reopened.getString("payment_status")).isEqualTo("unpaid");
      assertThat(manager.patch("/api/v1/payments/" + full.getLong("id"), new JsonObject()).status())
          .isIn(404, 405);
    }

    @Test
    void matchingASalesOrderSetsItsLoadStatus() {
      JsonObject po = purchaseOrder(supplier("Match Pork"), line("100.00", "1.0000"));
      long customer =
          created(user.post("/api/v1/customers", new JsonObject().put("name", "Retail Co")))
              .getLong("id");
      JsonObject so =
          created(user.post("/api/v1/sales-orders", new JsonObject().put("customer", customer)));
      assertThat(so.getString("load_status")).isEqualTo("TBD - Not Matched");
      JsonObject matched =
          user.patch(
                  "/api/v1/sales-orders/" + so.getLong("id"),
                  new JsonObject().put("purchase_order", po.getLong("id")))
              .json();
      assertThat(matched.getString("load_status")).isEqualTo("Matched");
      assertThat(user.get("/api/v1/sales-orders?load_status=Matched").json().getLong("count"))
          .isGreaterThanOrEqualTo(1);
    }

    @Test
    void rolesAndDeletesThatWouldOrphanRecords() {
      assertThat(readonly.get("/api/v1/suppliers").status()).isEqualTo(200);
      assertThat(readonly.post("/api/v1/suppliers", new JsonObject().put("name", "Nope")).status())
          .isEqualTo(403);
      long s = supplier("Referenced Beef");
      purchaseOrder(s, line("1.00", "1.0000"));
      assertThat(user.delete("/api/v1/suppliers/" + s).status()).isEqualTo(403);
      Http.Response inUse = manager.delete("/api/v1/suppliers/" + s);
      assertThat(inUse.status()).isEqualTo(409);
      assertThat(inUse.json().getString("code")).isEqualTo("in_use");
      long free = supplier("Lonely Lamb");
      assertThat(manager.delete("/api/v1/suppliers/" + free).status()).isEqualTo(204);
      assertThat(user.get("/api/v1/suppliers/" + free).status()).isEqualTo(404);
      assertThat(app.http().get("/api/v1/suppliers").status()).isEqualTo(401);
    }

    @Test
    void metaDescribesEveryResource() {
      JsonArray resources = user.get("/api/v1/meta/resources").json().getJsonArray("resources");
      assertThat(resources.stream().map(r -> ((JsonObject) r).getString("name")).toList())
          .containsExactly(
              "suppliers",
              "customers",
              "contacts",
              "plants",
              "carriers",
              "locations",
              "products",
              "purchase-orders",
              "sales-orders",
              "carrier-purchase-orders",
              "cold-storage-entries",
              "invoices",
              "payments",
              "claims",
              "activity-logs",
              "scheduled-calls");
    }
  }
}
