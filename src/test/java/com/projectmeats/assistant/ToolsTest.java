package com.projectmeats.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.crud.Records;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Fixtures;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the tools turn the model's arguments into Records calls, and what the model gets back. */
class ToolsTest {
  static final Principal CALLER =
      new Principal(7, "ana@example.com", Principal.Via.TOKEN, 1, 42L, "lone-star", Role.READONLY);

  /** Records that remember what they were asked and answer canned pages. */
  static final class Recording implements Records {
    final List<String> calls = new ArrayList<>();
    JsonArray rows =
        new JsonArray().add(new JsonObject().put("id", 1).put("name", "Cactus Packing"));

    @Override
    public List<String> resources() {
      return List.of("suppliers", "purchase-orders", "sales-orders");
    }

    @Override
    public Future<JsonObject> list(Principal caller, String resource, MultiMap query) {
      calls.add(
          caller.company() + " list " + resource + " " + new java.util.TreeMap<>(toMap(query)));
      return Future.succeededFuture(new JsonObject().put("count", 31).put("results", rows));
    }

    @Override
    public Future<JsonObject> get(Principal caller, String resource, long id) {
      calls.add(caller.company() + " get " + resource + " " + id);
      return id == 1
          ? Future.succeededFuture(rows.getJsonObject(0))
          : Future.failedFuture(ApiException.notFound("No such supplier."));
    }

    @Override
    public Future<JsonObject> create(Principal caller, String resource, JsonObject body) {
      throw new AssertionError("a tool tried to write");
    }

    private static java.util.Map<String, String> toMap(MultiMap m) {
      java.util.Map<String, String> out = new java.util.HashMap<>();
      m.forEach(out::put);
      return out;
    }
  }

  private final Recording records = new Recording();
  private final Tools tools =
      new Tools(
          records,
          new Reports.Source(
              (caller, asOf) ->
                  Future.succeededFuture(
                      new JsonObject()
                          .put("company", caller.company())
                          .put("totals", new JsonObject().put("total", "12.50"))),
              caller -> Future.succeededFuture(new JsonObject().put("company", caller.company()))));

  private Tools.Result run(String name, String args) {
    return Fixtures.await(tools.run(CALLER, name, args));
  }

  @Test
  void searchPassesTextAndFiltersAsTheCaller() {
    Tools.Result r =
        run(
            "search_records",
            "{\"resource\":\"suppliers\",\"q\":\" cactus \",\"filters\":{\"state\":\"TX\",\"nested\":{}}}");
    assertThat(records.calls)
        .containsExactly("42 list suppliers {page_size=10, q=cactus, state=TX}");
    assertThat(r.output().getLong("count")).isEqualTo(31);
    assertThat(r.summary()).isEqualTo("found 31 suppliers matching \"cactus\" (showed 1)");
  }

  @Test
  void getAcceptsANumberOrANumericString() {
    assertThat(run("get_record", "{\"resource\":\"suppliers\",\"id\":\"1\"}").summary())
        .isEqualTo("read suppliers 1 (Cactus Packing)");
    assertThat(
            run("get_record", "{\"resource\":\"suppliers\",\"id\":2}").output().getString("error"))
        .isEqualTo("not found (it does not exist, or it is not this company's)");
    assertThat(records.calls).containsExactly("42 get suppliers 1", "42 get suppliers 2");
  }

  @Test
  void badArgumentsAreExplainedToTheModel() {
    assertThat(run("get_record", "{not json").output().getString("error"))
        .contains("not a JSON object");
    assertThat(run("get_record", "{\"resource\":\"users\",\"id\":1}").output().getString("error"))
        .contains("suppliers, purchase-orders, sales-orders");
    assertThat(
            run("get_record", "{\"resource\":\"suppliers\",\"id\":\"x\"}")
                .output()
                .getString("error"))
        .contains("whole number");
    assertThat(run("create_record", "{}").output().getString("error"))
        .contains("no tool named create_record");
    assertThat(records.calls).isEmpty();
  }

  @Test
  void reportsRunAsTheCaller() {
    assertThat(run("receivables_aging", "").output().getLong("company")).isEqualTo(42);
    assertThat(run("dashboard", "{}").output().getLong("company")).isEqualTo(42);
    Tools.Result open = run("open_orders", "{}");
    assertThat(records.calls)
        .hasSize(Reports.OPEN_PURCHASE.size() + Reports.OPEN_SALES.size())
        .allMatch(call -> call.startsWith("42 list "))
        .anyMatch(call -> call.contains("status=in_transit"));
    assertThat(open.summary()).isEqualTo("124 open purchase orders, 93 open sales orders");
  }

  @Test
  void largeResultsAreCutToTheBudget() {
    records.rows = new JsonArray();
    for (int i = 0; i < 500; i++) {
      records.rows.add(new JsonObject().put("id", i).put("notes", "n".repeat(200)));
    }
    JsonObject output = run("search_records", "{\"resource\":\"suppliers\"}").output();
    assertThat(output.encode().length()).isLessThanOrEqualTo(Tools.OUTPUT_LIMIT);
    assertThat(output.getBoolean("truncated")).isTrue();
    assertThat(output.getJsonArray("results").getJsonObject(0).getLong("id")).isZero();
  }

  @Test
  void theModelIsOfferedOnlyReadingTools() {
    assertThat(
            tools.definitions().stream()
                .map(t -> ((JsonObject) t).getJsonObject("function").getString("name")))
        .containsExactly(
            "search_records", "get_record", "open_orders", "receivables_aging", "dashboard");
    JsonObject resource =
        tools
            .definitions()
            .getJsonObject(0)
            .getJsonObject("function")
            .getJsonObject("parameters")
            .getJsonObject("properties")
            .getJsonObject("resource");
    assertThat(resource.getJsonArray("enum"))
        .containsExactly("suppliers", "purchase-orders", "sales-orders");
  }
}
