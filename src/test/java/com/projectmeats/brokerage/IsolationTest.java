package com.projectmeats.brokerage;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A record of company A is "not found" to company B on every resource and every verb, and stays
 * unchanged.
 */
class IsolationTest {

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
    Http a;
    Http b;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void start() {
      Fixtures fx = new Fixtures(app);
      a = bearer(fx.member(fx.company("Company A"), Role.OWNER).token());
      b = bearer(fx.member(fx.company("Company B"), Role.OWNER).token());
    }

    long create(String resource, JsonObject body) {
      Http.Response r = a.post("/api/v1/" + resource, body);
      assertThat(r.status()).as(resource + " " + r.body()).isEqualTo(201);
      return r.json().getLong("id");
    }

    @Test
    void everyResourceIsSealedFromOtherCompanies() {
      long supplier = create("suppliers", new JsonObject().put("name", "A Supplier"));
      long customer = create("customers", new JsonObject().put("name", "A Customer"));
      long carrier =
          create("carriers", new JsonObject().put("name", "A Carrier").put("code", "AC"));
      long po =
          create(
              "purchase-orders",
              new JsonObject()
                  .put("supplier", supplier)
                  .put(
                      "lines",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("weight", "10.00")
                                  .put("price_per_unit", "1.0000"))));
      long so = create("sales-orders", new JsonObject().put("customer", customer));
      long invoice =
          create(
              "invoices",
              new JsonObject()
                  .put("customer", customer)
                  .put(
                      "lines",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("weight", "10.00")
                                  .put("price_per_unit", "1.0000"))));
      Map<String, Long> ids = new LinkedHashMap<>();
      ids.put("suppliers", supplier);
      ids.put("customers", customer);
      ids.put("carriers", carrier);
      ids.put("purchase-orders", po);
      ids.put("sales-orders", so);
      ids.put("invoices", invoice);
      ids.put(
          "contacts",
          create("contacts", new JsonObject().put("first_name", "Pat").put("supplier", supplier)));
      ids.put(
          "plants",
          create(
              "plants",
              new JsonObject()
                  .put("name", "A Plant")
                  .put("code", "AP1")
                  .put("supplier", supplier)));
      ids.put(
          "locations",
          create("locations", new JsonObject().put("name", "A Dock").put("customer", customer)));
      ids.put(
          "products",
          create(
              "products", new JsonObject().put("product_code", "A-1").put("description", "Chuck")));
      ids.put(
          "carrier-purchase-orders",
          create(
              "carrier-purchase-orders",
              new JsonObject().put("carrier", carrier).put("rate", "900.00")));
      ids.put(
          "cold-storage-entries",
          create(
              "cold-storage-entries",
              new JsonObject().put("reference", "CS-1").put("supplier_po", po)));
      ids.put(
          "payments",
          create(
              "payments",
              new JsonObject()
                  .put("purchase_order", po)
                  .put("amount", "1.00")
                  .put("method", "wire")));
      ids.put(
          "claims",
          create(
              "claims",
              new JsonObject()
                  .put("claim_type", "payable")
                  .put("reason", "Short weight")
                  .put("claimed_amount", "5.00")));
      ids.put(
          "activity-logs",
          create("activity-logs", new JsonObject().put("title", "Note").put("supplier", supplier)));
      ids.put(
          "scheduled-calls",
          create(
              "scheduled-calls",
              new JsonObject().put("title", "Call").put("scheduled_at", "2026-12-01T15:00:00Z")));

      JsonArray resources = a.get("/api/v1/meta/resources").json().getJsonArray("resources");
      assertThat(ids.keySet())
          .containsExactlyInAnyOrderElementsOf(
              resources.stream().map(r -> ((JsonObject) r).getString("name")).toList());
      for (Object item : resources) {
        JsonObject meta = (JsonObject) item;
        String name = meta.getString("name");
        String path = "/api/v1/" + name + "/" + ids.get(name);
        String before = a.get(path).body();
        assertThat(b.get(path).status()).as("GET " + path).isEqualTo(404);
        assertThat(b.get(path).body())
            .as("GET " + path)
            .doesNotContain("A Supplier")
            .doesNotContain("A Customer");
        if (meta.getBoolean("updatable")) {
          assertThat(b.patch(path, new JsonObject()).status()).as("PATCH " + path).isEqualTo(404);
          assertThat(b.put(path, new JsonObject()).status()).as("PUT " + path).isIn(404, 422);
        }
        assertThat(b.delete(path).status()).as("DELETE " + path).isEqualTo(404);
        for (Object action : meta.getJsonArray("actions")) {
          String verb = ((JsonObject) action).getString("name");
          assertThat(b.post(path + "/" + verb, null).status())
              .as("POST " + path + "/" + verb)
              .isEqualTo(404);
        }
        if (meta.getBoolean("history")) {
          assertThat(b.get(path + "/history").status()).isEqualTo(404);
        }
        assertThat(b.get("/api/v1/" + name).json().getLong("count")).as("list " + name).isZero();
        assertThat(a.get(path).body()).as("unchanged " + path).isEqualTo(before);
      }
    }
  }
}
