package com.projectmeats.search;

import com.projectmeats.core.crud.Field;
import com.projectmeats.core.crud.FieldType;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code GET /search?q=}: one search across every resource a broker can search, grouped by
 * resource, each group with its exact count and its first matches in the order its own list answers
 * {@code ?q=} (numbers that are or begin with the term first). Read-only, every member.
 */
public final class SearchRoutes implements Consumer<Api> {
  static final int DEFAULT_LIMIT = 5;
  static final int MAX_LIMIT = 20;

  private static final Schema.Named FOUND =
      Schema.named(
          "SearchResults",
          Schema.object()
              .required("q", Schema.string())
              .required("total", Schema.integer().with("minimum", 0))
              .required(
                  "groups",
                  Schema.arrayOf(
                      Schema.named(
                          "SearchGroup",
                          Schema.object()
                              .required(
                                  "resource",
                                  Schema.string()
                                      .describe(
                                          "The resource searched (suppliers, purchase-orders…)."))
                              .required("title", Schema.string())
                              .required(
                                  "count",
                                  Schema.integer()
                                      .with("minimum", 1)
                                      .describe("All the resource's matches, exactly."))
                              .required(
                                  "results",
                                  Schema.arrayOf(
                                      Schema.named(
                                          "SearchResult",
                                          Schema.object()
                                              .required("resource", Schema.string())
                                              .required("id", Schema.id())
                                              .required(
                                                  "label",
                                                  Schema.string()
                                                      .describe("The record's name or number."))
                                              .required(
                                                  "detail",
                                                  Schema.nullable(Schema.string())
                                                      .describe(
                                                          "The counterpart's name, when the record has one.")))))))));

  private final ResourceService records;

  public SearchRoutes(ResourceService records) {
    this.records = records;
  }

  @Override
  public void accept(Api api) {
    api.get(
        "/search",
        Access.member(Role.READONLY),
        Operation.of(
                "searchRecords", "search", "Search every resource at once, grouped by resource")
            .query(
                "q",
                Schema.string().with("maxLength", 200),
                "What to look for: a name, a number or a fragment.")
            .query(
                "limit",
                Schema.integer().with("minimum", 1).with("maximum", MAX_LIMIT),
                "Results per resource; " + DEFAULT_LIMIT + " by default.")
            .returns(FOUND),
        ctx -> {
          int limit = limit(ctx.queryParams().get("limit"));
          String q = ctx.queryParams().get("q");
          if (q == null || q.isBlank()) {
            throw ApiException.badRequest("q", "Say what to search for: ?q=cactus or ?q=10234.");
          }
          return search(Principal.of(ctx), q.strip(), limit).map(Reply::ok);
        });
  }

  Future<JsonObject> search(Principal caller, String q, int limit) {
    List<Resource> searched =
        records.catalog().all().stream()
            .filter(r -> r.fields().stream().anyMatch(Field::searchable))
            .toList();
    return records
        .unnamed(caller, q)
        .compose(
            unnamed -> {
              List<Future<JsonObject>> groups =
                  searched.stream().map(r -> group(caller, r, q, limit, unnamed)).toList();
              return Future.all(groups).map(done -> grouped(q, groups));
            });
  }

  private static JsonObject grouped(String q, List<Future<JsonObject>> groups) {
    JsonArray found = new JsonArray();
    long total = 0;
    for (Future<JsonObject> g : groups) {
      if (g.result().getLong("count") > 0) {
        found.add(g.result());
        total += g.result().getLong("count");
      }
    }
    return new JsonObject().put("q", q).put("total", total).put("groups", found);
  }

  private Future<JsonObject> group(
      Principal caller, Resource resource, String q, int limit, Set<String> unnamed) {
    return records
        .firstMatches(caller, resource, q, limit, unnamed)
        .map(
            page -> {
              JsonArray results = new JsonArray();
              page.getJsonArray("results")
                  .forEach(o -> results.add(summary(resource, (JsonObject) o)));
              return new JsonObject()
                  .put("resource", resource.name())
                  .put("title", resource.label())
                  .put("count", page.getLong("count"))
                  .put("results", results);
            });
  }

  /** What a result line shows: the record's name or number, and its counterpart when it has one. */
  private static JsonObject summary(Resource resource, JsonObject record) {
    Object label = record.getValue(resource.displayField());
    String detail =
        resource.fields().stream()
            .filter(f -> f.type() == FieldType.REFERENCE && f.searchable())
            .map(f -> record.getString(f.name() + "_name"))
            .filter(n -> n != null)
            .findFirst()
            .orElse(null);
    return new JsonObject()
        .put("resource", resource.name())
        .put("id", record.getLong("id"))
        .put("label", label == null ? "#" + record.getLong("id") : label.toString())
        .put("detail", detail);
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    if (!value.matches("\\d{1,2}")
        || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > MAX_LIMIT) {
      throw ApiException.badRequest(
          "limit", "'limit' takes a whole number from 1 to " + MAX_LIMIT + ".");
    }
    return Integer.parseInt(value);
  }
}
