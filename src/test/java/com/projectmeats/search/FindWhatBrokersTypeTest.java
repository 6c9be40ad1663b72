package com.projectmeats.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code ?q=} finds orders, invoices and claims by their counterpart's name, puts the number typed
 * (then the numbers it begins) first, and {@code GET /search} finds every resource at once,
 * grouped; another company's records never show, on both datastores.
 */
class FindWhatBrokersTypeTest {

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
    long contains;
    long exact;
    long prefixOlder;
    long cactusOnly;
    long prefixNewer;
    long salesOrder;
    long invoice;
    long claim;
    long carrierOrder;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void seed() {
      Fixtures fx = new Fixtures(app);
      user = bearer(fx.member(fx.company("Typing Meats"), Role.MANAGER).token());
      long cactus =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Cactus Packing"))
              .createdId();
      long river =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Red River Pork"))
              .createdId();
      long loneStar =
          user.post("/api/v1/customers", new JsonObject().put("name", "Lone Star Retail"))
              .createdId();
      long reefer =
          user.post(
                  "/api/v1/carriers",
                  new JsonObject().put("name", "Reefer Express").put("code", "RFX"))
              .createdId();
      contains = po(user, river, "5123", "2026-03-01");
      exact = po(user, river, "123", "2026-01-01");
      prefixOlder = po(user, river, "12345", "2026-02-01");
      // Found twice over (its supplier's name, and its own release number), listed and counted
      // once.
      cactusOnly =
          user.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", cactus)
                      .put("order_number", "77001")
                      .put("carrier_release_number", "CACTUS-77001")
                      .put("order_date", "2026-04-01"))
              .createdId();
      prefixNewer = po(user, cactus, "1230", "2026-05-01");
      salesOrder =
          user.post(
                  "/api/v1/sales-orders",
                  new JsonObject().put("customer", loneStar).put("order_number", "88001"))
              .createdId();
      invoice =
          user.post(
                  "/api/v1/invoices",
                  new JsonObject().put("customer", loneStar).put("invoice_number", "INV-9001"))
              .createdId();
      claim =
          user.post(
                  "/api/v1/claims",
                  new JsonObject()
                      .put("claim_type", "payable")
                      .put("supplier", cactus)
                      .put("reason", "Short weight on arrival")
                      .put("claimed_amount", "100.00"))
              .createdId();
      carrierOrder =
          user.post(
                  "/api/v1/carrier-purchase-orders",
                  new JsonObject().put("carrier", reefer).put("rate", "900.00"))
              .createdId();

      // Another company with the same names and numbers.
      Http rival = bearer(fx.member(fx.company("Rival Meats"), Role.MANAGER).token());
      long rivalCactus =
          rival
              .post("/api/v1/suppliers", new JsonObject().put("name", "Cactus Packing"))
              .createdId();
      po(rival, rivalCactus, "123", "2026-06-01");
      po(rival, rivalCactus, "1234", "2026-06-02");

      rival
          .post(
              "/api/v1/claims",
              new JsonObject()
                  .put("claim_type", "payable")
                  .put("supplier", rivalCactus)
                  .put("reason", "Cactus rival claim")
                  .put("claimed_amount", "5.00"))
          .createdId();
    }

    static long po(Http as, long supplier, String number, String date) {
      return as.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", supplier)
                  .put("order_number", number)
                  .put("order_date", date))
          .createdId();
    }

    JsonObject list(String path) {
      Http.Response r = user.get(path);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      return r.json();
    }

    static List<Long> ids(JsonObject page) {
      return page.getJsonArray("results").stream()
          .map(o -> ((JsonObject) o).getLong("id"))
          .collect(Collectors.toList());
    }

    @Test
    void theNumberTypedComesFirstThenTheNumbersItBegins() {
      JsonObject page = list("/api/v1/purchase-orders?q=123");
      assertThat(ids(page)).containsExactly(exact, prefixNewer, prefixOlder, contains);
      assertThat(page.getLong("count")).isEqualTo(4);
      // A short term ranks the same way (it is read without the trigram index).
      assertThat(ids(list("/api/v1/purchase-orders?q=12")))
          .containsExactly(prefixNewer, prefixOlder, exact, contains);
      // Paging keeps the ranking.
      assertThat(ids(list("/api/v1/purchase-orders?q=123&page_size=2&page=2")))
          .containsExactly(prefixOlder, contains);
      // An ordering the caller asks for is the ordering.
      assertThat(ids(list("/api/v1/purchase-orders?q=123&ordering=order_date")))
          .containsExactly(exact, prefixOlder, contains, prefixNewer);
    }

    @Test
    void ordersInvoicesAndClaimsAreFoundByTheirCounterpartsName() {
      JsonObject cactus = list("/api/v1/purchase-orders?q=CACTUS%20pack");
      assertThat(ids(cactus)).containsExactly(prefixNewer, cactusOnly);
      assertThat(cactus.getLong("count")).isEqualTo(2);
      JsonObject twice = list("/api/v1/purchase-orders?q=cactus");
      assertThat(ids(twice)).containsExactly(prefixNewer, cactusOnly);
      assertThat(twice.getLong("count")).isEqualTo(2);
      assertThat(
              ids(
                  list(
                      "/api/v1/purchase-orders?q=cactus&status=draft&supplier="
                          + user.get("/api/v1/purchase-orders/" + cactusOnly)
                              .json()
                              .getLong("supplier"))))
          .containsExactly(prefixNewer, cactusOnly);
      // The filters hold for every way a search finds a row: by its counterpart's name, by its
      // own numbers.
      JsonObject riversCactus =
          list("/api/v1/purchase-orders?q=cactus&supplier=" + supplierOf(exact));
      assertThat(ids(riversCactus)).isEmpty();
      assertThat(riversCactus.getLong("count")).isZero();
      JsonObject cactus123 =
          list("/api/v1/purchase-orders?q=123&supplier=" + supplierOf(cactusOnly));
      assertThat(ids(cactus123)).containsExactly(prefixNewer);
      assertThat(cactus123.getLong("count")).isEqualTo(1);
      assertThat(ids(list("/api/v1/sales-orders?q=lone%20star"))).containsExactly(salesOrder);
      assertThat(ids(list("/api/v1/invoices?q=star%20ret"))).containsExactly(invoice);
      assertThat(ids(list("/api/v1/claims?q=cactus"))).containsExactly(claim);
      assertThat(ids(list("/api/v1/carrier-purchase-orders?q=reefer")))
          .containsExactly(carrierOrder);
      // The counterpart's other fields are not its name, and wildcards are literal.
      assertThat(list("/api/v1/purchase-orders?q=%25").getLong("count")).isZero();
      assertThat(list("/api/v1/invoices?q=cactus").getLong("count")).isZero();
    }

    @Test
    void aRecordFoundByTwoCounterpartsAndItsOwnTextIsListedAndCountedOnce() {
      long supplier =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Zephyr Foods")).createdId();
      long customer =
          user.post("/api/v1/customers", new JsonObject().put("name", "Zephyr Mart")).createdId();
      long both = claim(supplier, customer, null, "Zephyr dispute", "2026-05-01");
      long customerOnly = claim(null, customer, null, "Late delivery", "2026-05-02");
      JsonObject claims = list("/api/v1/claims?q=zephyr");
      assertThat(ids(claims)).containsExactlyInAnyOrder(both, customerOnly);
      assertThat(claims.getLong("count")).isEqualTo(2);
      JsonObject found = user.get("/api/v1/search?q=zephyr").json();
      assertThat(group(found.getJsonArray("groups"), "claims").getLong("count")).isEqualTo(2);
      assertThat(found.getLong("total")).isEqualTo(4);
    }

    @Test
    void aNamesManyRowsPageAsOneSortedListNumbersTypedFirst() {
      long farms =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Quokka Farms")).createdId();
      long provisions =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Quokka Provisions"))
              .createdId();
      long river =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Wombat River")).createdId();
      // Found by their supplier's name; the oldest two also by their own numbers, which rank them
      // first: a page read from the supplier's newest orders alone would miss them.
      long begins = po(user, farms, "QUOKKA-7", "2025-01-01");
      long exactly = po(user, farms, "Quokka", "2025-02-01");
      long a1 = po(user, farms, "90001", "2026-01-01");
      long a2 = po(user, farms, "90002", "2026-02-01");
      long a3 = po(user, farms, "90003", "2026-03-01");
      long a4 = po(user, farms, "90004", "2026-04-01");
      // A second supplier the name matches, its orders between the first's.
      long b1 = po(user, provisions, "90101", "2026-03-15");
      long b2 = po(user, provisions, "90102", "2025-06-01");
      // Found by its own text only.
      long released =
          user.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", river)
                      .put("order_number", "90201")
                      .put("carrier_release_number", "QUOKKA-R")
                      .put("order_date", "2026-02-15"))
              .createdId();
      List<Long> all = List.of(exactly, begins, a4, b1, a3, released, a2, a1, b2);

      JsonObject first = list("/api/v1/purchase-orders?q=quokka");
      assertThat(ids(first)).isEqualTo(all);
      assertThat(first.getLong("count")).isEqualTo(9);
      for (int size : List.of(1, 2, 4)) {
        List<Long> paged = new java.util.ArrayList<>();
        for (int page = 1; page <= (all.size() + size - 1) / size; page++) {
          JsonObject p =
              list("/api/v1/purchase-orders?q=quokka&page_size=" + size + "&page=" + page);
          assertThat(p.getLong("count")).as("page " + page + " of " + size).isEqualTo(9);
          paged.addAll(ids(p));
        }
        assertThat(paged).as("pages of " + size).isEqualTo(all);
      }
      // The filters hold for the page's candidates and for the count.
      JsonObject farmsOnly = list("/api/v1/purchase-orders?q=quokka&supplier=" + farms);
      assertThat(ids(farmsOnly)).containsExactly(exactly, begins, a4, a3, a2, a1);
      assertThat(farmsOnly.getLong("count")).isEqualTo(6);
      JsonObject datedSecondPage =
          list("/api/v1/purchase-orders?q=quokka&order_date_after=2026-01-01&page_size=2&page=2");
      assertThat(ids(datedSecondPage)).containsExactly(a3, released);
      assertThat(datedSecondPage.getLong("count")).isEqualTo(6);
      // Global search's group is the list's first page.
      JsonObject found = user.get("/api/v1/search?q=quokka&limit=4").json();
      JsonObject orders = group(found.getJsonArray("groups"), "purchase-orders");
      assertThat(orders.getLong("count")).isEqualTo(9);
      assertThat(
              orders.getJsonArray("results").stream()
                  .map(r -> ((JsonObject) r).getLong("id"))
                  .toList())
          .isEqualTo(all.subList(0, 4));
    }

    @Test
    void aRecordFoundTwiceIsListedAndCountedOnceOnEveryPage() {
      long supplier =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Numbat Foods")).createdId();
      long customer =
          user.post("/api/v1/customers", new JsonObject().put("name", "Numbat Mart")).createdId();
      // By both counterparts' names, by its own text and one counterpart's, by all three, by one
      // alone; the oldest also by its number, which ranks it first.
      long both = claim(supplier, customer, null, "Short weight", "2026-05-01");
      long ownAndCustomer = claim(null, customer, null, "Numbat late", "2026-04-01");
      long ownAndSupplier = claim(supplier, null, null, "numbat count", "2026-03-01");
      long allThree = claim(supplier, customer, null, "NUMBAT temp", "2026-02-01");
      long customerOnly = claim(null, customer, null, "Damaged", "2026-01-01");
      long supplierOnly = claim(supplier, null, null, "Missing", "2025-12-01");
      long numbered = claim(supplier, customer, "NUMBAT-1", "Other", "2025-01-01");
      List<Long> all =
          List.of(
              numbered, both, ownAndCustomer, ownAndSupplier, allThree, customerOnly, supplierOnly);
      for (int size : List.of(1, 2, 3, 25)) {
        List<Long> paged = new java.util.ArrayList<>();
        for (int page = 1; page <= (all.size() + size - 1) / size; page++) {
          JsonObject p = list("/api/v1/claims?q=numbat&page_size=" + size + "&page=" + page);
          assertThat(p.getLong("count")).as("page " + page + " of " + size).isEqualTo(7);
          paged.addAll(ids(p));
        }
        assertThat(paged).as("pages of " + size).isEqualTo(all);
      }
      JsonObject found = user.get("/api/v1/search?q=numbat&limit=3").json();
      JsonObject claims = group(found.getJsonArray("groups"), "claims");
      assertThat(claims.getLong("count")).isEqualTo(7);
      assertThat(
              claims.getJsonArray("results").stream()
                  .map(r -> ((JsonObject) r).getLong("id"))
                  .toList())
          .isEqualTo(all.subList(0, 3));
    }

    long claim(Long supplier, Long customer, String number, String reason, String date) {
      JsonObject body =
          new JsonObject()
              .put("claim_type", "payable")
              .put("reason", reason)
              .put("claimed_amount", "1.00")
              .put("claim_date", date);
      if (supplier != null) {
        body.put("supplier", supplier);
      }
      if (customer != null) {
        body.put("customer", customer);
      }
      if (number != null) {
        body.put("claim_number", number);
      }
      return user.post("/api/v1/claims", body).createdId();
    }

    long supplierOf(long purchaseOrder) {
      return user.get("/api/v1/purchase-orders/" + purchaseOrder).json().getLong("supplier");
    }

    @Test
    void globalSearchFindsEveryResourceGroupedAndOnlyTheCompanys() {
      Http.Response r = user.get("/api/v1/search?q=cactus");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonObject found = r.json();
      JsonArray groups = found.getJsonArray("groups");
      List<String> resources =
          groups.stream().map(g -> ((JsonObject) g).getString("resource")).toList();
      assertThat(resources).containsExactlyInAnyOrder("suppliers", "purchase-orders", "claims");
      JsonObject orders = group(groups, "purchase-orders");
      assertThat(orders.getLong("count")).isEqualTo(2);
      assertThat(orders.getString("title")).isEqualTo("Purchase orders");
      JsonObject first = orders.getJsonArray("results").getJsonObject(0);
      assertThat(first.getLong("id")).isEqualTo(prefixNewer);
      assertThat(first.getString("label")).isEqualTo("1230");
      assertThat(first.getString("detail")).isEqualTo("Cactus Packing");
      assertThat(first.getString("resource")).isEqualTo("purchase-orders");
      assertThat(group(groups, "suppliers").getLong("count"))
          .as("not the rival's Cactus Packing")
          .isEqualTo(1);
      assertThat(group(groups, "claims").getLong("count")).isEqualTo(1);
      assertThat(found.getLong("total")).isEqualTo(4);

      JsonObject numbers = user.get("/api/v1/search?q=123&limit=1").json();
      JsonObject poGroup = group(numbers.getJsonArray("groups"), "purchase-orders");
      assertThat(poGroup.getLong("count")).isEqualTo(4);
      assertThat(poGroup.getJsonArray("results")).hasSize(1);
      assertThat(poGroup.getJsonArray("results").getJsonObject(0).getLong("id")).isEqualTo(exact);

      assertThat(user.get("/api/v1/search?q=nothing-like-this").json().getJsonArray("groups"))
          .isEmpty();
    }

    @Test
    void globalSearchAnswersAsEachListDoes() {
      // Global search reads its own narrow statements (and leaves out the search by the name of
      // counterparts none of whose names match): each group must still be what the resource's list
      // answers for ?q=, count, first results, labels and counterparts, and every resource with a
      // match must have its group.
      JsonArray all = user.get("/api/v1/meta/resources").json().getJsonArray("resources");
      for (String term :
          List.of("cactus", "123", "12", "star ret", "reefer", "1230", "88001", "short", "zz9")) {
        JsonObject found =
            user.get("/api/v1/search?q=" + term.replace(" ", "%20") + "&limit=3").json();
        long total = 0;
        for (Object o : all) {
          String resource = ((JsonObject) o).getString("name");
          if (!searchable((JsonObject) o)) {
            continue;
          }
          JsonObject page =
              list("/api/v1/" + resource + "?q=" + term.replace(" ", "%20") + "&page_size=3");
          total += page.getLong("count");
          List<JsonObject> groups =
              found.getJsonArray("groups").stream()
                  .map(g -> (JsonObject) g)
                  .filter(g -> g.getString("resource").equals(resource))
                  .toList();
          if (page.getLong("count") == 0) {
            assertThat(groups).as(term + " in " + resource).isEmpty();
            continue;
          }
          assertThat(groups).as(term + " in " + resource).hasSize(1);
          JsonObject group = groups.get(0);
          assertThat(group.getLong("count"))
              .as(term + " in " + resource)
              .isEqualTo(page.getLong("count"));
          JsonArray results = group.getJsonArray("results");
          assertThat(results.stream().map(r -> ((JsonObject) r).getLong("id")).toList())
              .as(term + " in " + resource)
              .isEqualTo(ids(page));
          for (int i = 0; i < results.size(); i++) {
            JsonObject record = page.getJsonArray("results").getJsonObject(i);
            JsonObject result = results.getJsonObject(i);
            Object label = record.getValue(((JsonObject) o).getString("display_field"));
            assertThat(result.getString("label"))
                .as(term + " in " + resource)
                .isEqualTo(label == null ? "#" + record.getLong("id") : label.toString());
            String detail =
                ((JsonObject) o)
                    .getJsonArray("fields").stream()
                        .map(f -> (JsonObject) f)
                        .filter(f -> f.getBoolean("search") && f.getString("reference") != null)
                        .map(f -> record.getString(f.getString("name") + "_name"))
                        .filter(n -> n != null)
                        .findFirst()
                        .orElse(null);
            assertThat(result.getString("detail")).as(term + " in " + resource).isEqualTo(detail);
          }
        }
        assertThat(found.getLong("total")).as(term).isEqualTo(total);
      }
    }

    static boolean searchable(JsonObject resource) {
      return resource.getJsonArray("fields").stream()
          .anyMatch(f -> ((JsonObject) f).getBoolean("search"));
    }

    @Test
    void globalSearchNamesWhatIsWrongWithTheRequest() {
      for (String query : List.of("", "?q=", "?q=%20%20")) {
        Http.Response r = user.get("/api/v1/search" + query);
        assertThat(r.status()).as(query).isEqualTo(400);
        assertThat(r.json().getJsonObject("errors").fieldNames()).containsExactly("q");
      }
      for (String limit : List.of("0", "21", "x")) {
        Http.Response r = user.get("/api/v1/search?q=cactus&limit=" + limit);
        assertThat(r.status()).as(limit).isEqualTo(400);
        assertThat(r.json().getJsonObject("errors").fieldNames()).containsExactly("limit");
      }
      Http.Response tooLong = user.get("/api/v1/search?q=" + "a".repeat(201));
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(app.http().get("/api/v1/search?q=cactus").status()).isEqualTo(401);
    }

    static JsonObject group(JsonArray groups, String resource) {
      return groups.stream()
          .map(g -> (JsonObject) g)
          .filter(g -> g.getString("resource").equals(resource))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("no group " + resource + " in " + groups.encodePrettily()));
    }
  }
}
