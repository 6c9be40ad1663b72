package com.projectmeats.brokerage;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What {@code ?q=} means, on both datastores: a case-insensitive substring of any one search field
 * (never a term spread over two fields), wildcards taken literally, counted exactly, in the
 * caller's company only, in the requested order. PostgreSQL answers it from one expression over all
 * the fields; these pin down that it means the same as matching each field on its own.
 */
class SearchTest {

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
    Http rival;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void start() {
      Fixtures fx = new Fixtures(app);
      user = bearer(fx.member(fx.company("Search Meats"), Role.USER).token());
      rival = bearer(fx.member(fx.company("Search Rival"), Role.OWNER).token());
    }

    static String tag() {
      return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 7);
    }

    long supplier(Http as, JsonObject body) {
      Http.Response r = as.post("/api/v1/suppliers", body);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      return r.json().getLong("id");
    }

    JsonObject search(Http as, String resource, String q, String more) {
      Http.Response r =
          as.get(
              "/api/v1/" + resource + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more);
      assertThat(r.status()).as(q + " → " + r.body()).isEqualTo(200);
      return r.json();
    }

    long count(String q) {
      JsonObject page = search(user, "suppliers", q, "");
      assertThat(page.getJsonArray("results").size())
          .as(q)
          .isEqualTo((int) Math.min(25, page.getLong("count")));
      return page.getLong("count");
    }

    static List<Long> ids(JsonObject page) {
      List<Long> ids = new ArrayList<>();
      page.getJsonArray("results").forEach(r -> ids.add(((JsonObject) r).getLong("id")));
      return ids;
    }

    @Test
    void aTermIsFoundInAnyOneFieldButNeverAcrossTwo() {
      String tag = tag();
      // name, contact_person, email and city are the supplier's search fields, in that order.
      long full =
          supplier(
              user,
              new JsonObject()
                  .put("name", "Span " + tag + "x")
                  .put("contact_person", "yz Person")
                  .put("email", "desk@" + tag + ".example")
                  .put("city", "Amarillo" + tag));
      long onlyName = supplier(user, new JsonObject().put("name", "Alone " + tag));
      assertThat(ids(search(user, "suppliers", tag, "&ordering=name")))
          .containsExactly(onlyName, full);
      assertThat(count(tag.toUpperCase() + "X")).isEqualTo(1);
      assertThat(count("DESK@" + tag)).isEqualTo(1);
      assertThat(count("amarillo" + tag)).isEqualTo(1);
      // The end of one field and the start of the next are not one text, whatever joins them.
      assertThat(count(tag + "xyz")).isZero();
      assertThat(count(tag + "x yz")).isZero();
      assertThat(count(tag + "x\u001fyz")).isZero();
      assertThat(count("person" + "desk@" + tag)).isZero();
      assertThat(count(tag + ".example\u001famarillo")).isZero();
    }

    @Test
    void aControlCharacterInTheTermIsMatchedLiterally() {
      String tag = tag();
      long held = supplier(user, new JsonObject().put("name", "pre\u001fpost " + tag));
      supplier(user, new JsonObject().put("name", "pre post " + tag).put("city", "pre"));
      assertThat(ids(search(user, "suppliers", "PRE\u001fPOST " + tag, ""))).containsExactly(held);
      assertThat(count("e\u001fp")).isEqualTo(1);
      // Like spaces, separators around the term are trimmed (Java counts U+001F as whitespace).
      assertThat(count("\u001f" + tag + "\u001f")).isEqualTo(2);
    }

    @Test
    void wildcardsAndTheEscapeCharacterAreLiteral() {
      String tag = tag();
      long percent = supplier(user, new JsonObject().put("name", "100% " + tag));
      supplier(user, new JsonObject().put("name", "1000 " + tag));
      long underscore = supplier(user, new JsonObject().put("name", "a_b " + tag));
      supplier(user, new JsonObject().put("name", "axb " + tag));
      long backslash = supplier(user, new JsonObject().put("name", "back\\slash " + tag));
      long plain = supplier(user, new JsonObject().put("name", "backslash " + tag));
      assertThat(ids(search(user, "suppliers", "0% " + tag, ""))).containsExactly(percent);
      assertThat(ids(search(user, "suppliers", "a_b " + tag, ""))).containsExactly(underscore);
      assertThat(ids(search(user, "suppliers", "k\\s", "")))
          .contains(backslash)
          .doesNotContain(plain);
      // Terms under three characters (no trigram) take the other path: the same meaning.
      assertThat(count("_B")).isEqualTo(1);
      assertThat(count("0%")).isEqualTo(1);
      assertThat(count("%" + tag)).isZero();
      assertThat(count("_" + tag)).isZero();
    }

    @Test
    void anotherCompanysMatchesAreNeitherListedNorCounted() {
      String tag = tag();
      List<Long> mine =
          List.of(
              supplier(user, new JsonObject().put("name", "Mine A " + tag)),
              supplier(user, new JsonObject().put("name", "Mine B " + tag)));
      for (int i = 0; i < 3; i++) {
        supplier(rival, new JsonObject().put("name", "Theirs " + i + " " + tag).put("city", tag));
      }
      JsonObject page = search(user, "suppliers", tag, "&ordering=name");
      assertThat(page.getLong("count")).isEqualTo(2);
      assertThat(ids(page)).containsExactlyElementsOf(mine);
      assertThat(search(rival, "suppliers", tag, "").getLong("count")).isEqualTo(3);
    }

    @Test
    void purchaseOrdersFoundByAnyNumberKeepTheirOrderAndExactCount() {
      String tag = tag();
      // The supplier's name is searched too: it must not hold the tag.
      long supplier = supplier(user, new JsonObject().put("name", "PO Search " + tag()));
      JsonArray lines =
          new JsonArray()
              .add(new JsonObject().put("weight", "10.00").put("price_per_unit", "1.0000"));
      List<Long> created = new ArrayList<>();
      String[][] orders = {
        {"2026-11-03", "order_number", "N-" + tag},
        {"2026-11-01", "carrier_release_number", "CR-" + tag},
        {"2026-11-02", "supplier_confirmation_number", "SC" + tag.toUpperCase()},
        {"2026-11-02", "order_number", "M-" + tag},
        {"2026-11-04", "notes", tag}
      };
      for (String[] o : orders) {
        Http.Response r =
            user.post(
                "/api/v1/purchase-orders",
                new JsonObject()
                    .put("supplier", supplier)
                    .put("order_date", o[0])
                    .put(o[1], o[2])
                    .put("lines", lines.copy()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        created.add(r.json().getLong("id"));
      }
      // Notes are not a search field; of two on one date the newer id comes first.
      List<Long> expected = List.of(created.get(0), created.get(3), created.get(2), created.get(1));
      JsonObject all = search(user, "purchase-orders", tag, "&ordering=-order_date&page_size=25");
      assertThat(all.getLong("count")).isEqualTo(4);
      assertThat(ids(all)).containsExactlyElementsOf(expected);
      JsonObject second =
          search(user, "purchase-orders", tag, "&ordering=-order_date&page_size=2&page=2");
      assertThat(second.getLong("count")).isEqualTo(4);
      assertThat(second.getValue("next")).isNull();
      assertThat(ids(second)).containsExactly(expected.get(2), expected.get(3));
      JsonObject beyond =
          search(user, "purchase-orders", tag, "&ordering=-order_date&page_size=2&page=3");
      assertThat(beyond.getLong("count")).isEqualTo(4);
      assertThat(beyond.getJsonArray("results")).isEmpty();
      assertThat(beyond.getString("previous")).contains("page=2");
      assertThat(search(user, "purchase-orders", tag + "-none", "").getLong("count")).isZero();
      assertThat(
              search(user, "purchase-orders", tag, "&ordering=order_date")
                  .getJsonArray("results")
                  .getJsonObject(0)
                  .getLong("id"))
          .isEqualTo(expected.get(3));
      assertThat(search(rival, "purchase-orders", tag, "").getLong("count")).isZero();
    }
  }
}
