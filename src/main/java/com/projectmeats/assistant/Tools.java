package com.projectmeats.assistant;

import com.projectmeats.core.crud.Records;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The model's read-only tools (function calling). Each runs through {@link Records} with the
 * caller's {@link Principal}, so it sees exactly what the caller may see in the caller's company
 * and nothing else; none of them writes. A failing tool answers the model an {@code error} instead
 * of failing the answer, so the model can say what went wrong.
 */
final class Tools {
  /** What one call gave the model, and the line shown to the user. */
  record Result(JsonObject output, String summary) {
    static Result error(String message) {
      return new Result(new JsonObject().put("error", message), "error: " + message);
    }
  }

  /** A tool result is part of the next prompt; this keeps one from eating the context window. */
  static final int OUTPUT_LIMIT = 12_000;

  static final int SEARCH_PAGE_SIZE = 10;

  private final Records records;
  private final Reports reports;
  private final JsonArray definitions;
  private final String encodedDefinitions;

  Tools(Records records, Reports.Source reports) {
    this.records = records;
    this.reports = new Reports(records, reports);
    this.definitions = definitions(records.resources());
    this.encodedDefinitions = definitions.encode();
  }

  /** The {@code tools} of a chat completion request. */
  JsonArray definitions() {
    return definitions;
  }

  /**
   * {@link #definitions()} as JSON text, encoded once: every answer's request carries the same
   * tools.
   */
  String encodedDefinitions() {
    return encodedDefinitions;
  }

  Future<Result> run(Principal caller, String name, String argumentsJson) {
    JsonObject args;
    try {
      args =
          argumentsJson == null || argumentsJson.isBlank()
              ? new JsonObject()
              : new JsonObject(argumentsJson);
    } catch (DecodeException | ClassCastException e) {
      return Future.succeededFuture(Result.error("the arguments are not a JSON object"));
    }
    Future<Result> result;
    try {
      result =
          switch (name) {
            case "search_records" -> search(caller, args);
            case "get_record" -> get(caller, args);
            case "open_orders" -> reports.openOrders(caller);
            case "receivables_aging" -> reports.receivablesAging(caller);
            case "dashboard" -> reports.dashboard(caller);
            default -> Future.succeededFuture(Result.error("there is no tool named " + name));
          };
    } catch (IllegalArgumentException | ClassCastException e) {
      result =
          Future.succeededFuture(
              Result.error(e.getMessage() == null ? "bad arguments" : e.getMessage()));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result
        .map(r -> new Result(Budget.fit(r.output(), OUTPUT_LIMIT), r.summary()))
        .recover(failure -> Future.succeededFuture(Result.error(describe(failure))));
  }

  private Future<Result> search(Principal caller, JsonObject args) {
    String resource = resource(args);
    MultiMap query =
        MultiMap.caseInsensitiveMultiMap().set("page_size", Integer.toString(SEARCH_PAGE_SIZE));
    String q = args.getString("q");
    if (q != null && !q.isBlank()) {
      query.set("q", q.trim());
    }
    JsonObject filters = args.getJsonObject("filters", new JsonObject());
    for (Map.Entry<String, Object> filter : filters) {
      if (filter.getValue() != null
          && !(filter.getValue() instanceof JsonObject)
          && !(filter.getValue() instanceof JsonArray)) {
        query.set(filter.getKey(), String.valueOf(filter.getValue()));
      }
    }
    return records
        .list(caller, resource, query)
        .map(
            page -> {
              int shown = page.getJsonArray("results", new JsonArray()).size();
              long count = page.getLong("count", (long) shown);
              JsonObject output =
                  new JsonObject()
                      .put("resource", resource)
                      .put("count", count)
                      .put("results", page.getJsonArray("results", new JsonArray()));
              return new Result(
                  output,
                  "found "
                      + count
                      + " "
                      + resource
                      + (q == null || q.isBlank() ? "" : " matching \"" + q.trim() + "\"")
                      + (count > shown ? " (showed " + shown + ")" : ""));
            });
  }

  private Future<Result> get(Principal caller, JsonObject args) {
    String resource = resource(args);
    Object rawId = args.getValue("id");
    long id;
    try {
      id = rawId instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(rawId).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("id must be a record id (a whole number)");
    }
    return records
        .get(caller, resource, id)
        .map(
            record ->
                new Result(
                    new JsonObject().put("resource", resource).put("record", record),
                    "read " + resource + " " + id + label(record)));
  }

  private String resource(JsonObject args) {
    String resource = args.getString("resource");
    if (resource == null || !records.resources().contains(resource)) {
      throw new IllegalArgumentException(
          "resource must be one of " + String.join(", ", records.resources()));
    }
    return resource;
  }

  private static String label(JsonObject record) {
    for (String field : List.of("name", "order_number", "invoice_number", "number", "code")) {
      Object v = record.getValue(field);
      if (v != null) {
        return " (" + v + ")";
      }
    }
    return "";
  }

  /** The model gets the reason (not found, not allowed, bad filter) without internals. */
  static String describe(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api.status() == 404
          ? "not found (it does not exist, or it is not this company's)"
          : api.getMessage();
    }
    return "the lookup failed on our side";
  }

  private static JsonArray definitions(List<String> resources) {
    JsonObject resource =
        new JsonObject()
            .put("type", "string")
            .put(
                "description",
                "The kind of record, as in the API's URLs (for example suppliers, purchase-orders).");
    if (!resources.isEmpty()) {
      resource.put("enum", new JsonArray(resources));
    }
    return new JsonArray()
        .add(
            function(
                "search_records",
                "Search the company's records of one kind by free text and exact filters "
                    + "(the API's query parameters, for example {\"status\": \"pending\"}). Answers the count and the first matches.",
                new JsonObject()
                    .put("resource", resource)
                    .put(
                        "q",
                        new JsonObject()
                            .put("type", "string")
                            .put("description", "Free text, for example a name or number."))
                    .put(
                        "filters",
                        new JsonObject()
                            .put("type", "object")
                            .put("additionalProperties", new JsonObject().put("type", "string"))
                            .put(
                                "description",
                                "Field filters as query parameters, for example {\"state\": \"TX\"}.")),
                List.of("resource")))
        .add(
            function(
                "get_record",
                "Fetch one record of the company by its id, with all its fields.",
                new JsonObject()
                    .put("resource", resource)
                    .put("id", new JsonObject().put("type", "integer")),
                List.of("resource", "id")))
        .add(
            function(
                "open_orders",
                "The purchase and sales orders that are still open, by status.",
                new JsonObject(),
                List.of()))
        .add(
            function(
                "receivables_aging",
                "What customers owe on unpaid invoices, aged in buckets: current, 1-30, 31-60, "
                    + "61-90 and over 90 days past due.",
                new JsonObject(),
                List.of()))
        .add(
            function(
                "dashboard",
                "The dashboard figures: open orders, loads not yet matched, receivables.",
                new JsonObject(),
                List.of()));
  }

  private static JsonObject function(
      String name, String description, JsonObject properties, List<String> required) {
    return new JsonObject()
        .put("type", "function")
        .put(
            "function",
            new JsonObject()
                .put("name", name)
                .put("description", description)
                .put(
                    "parameters",
                    new JsonObject()
                        .put("type", "object")
                        .put("properties", properties)
                        .put("required", new JsonArray(required))));
  }
}
