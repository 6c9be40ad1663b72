package com.projectmeats.core.crud;

import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Read access to every brokerage resource for code other than the HTTP routes (the assistant's
 * tools, document drafts, reports). Same company scoping, filters and JSON shapes as the API:
 * {@code list} answers the {count, next, previous, results} envelope of GET /api/v1/{resource}.
 */
public interface Records {
  /** Resource names as in the URL: "suppliers", "purchase-orders", … */
  List<String> resources();

  Future<JsonObject> list(Principal caller, String resource, MultiMap query);

  /**
   * The record as GET /api/v1/{resource}/{id} shows it; fails with 404 for another company's id.
   */
  Future<JsonObject> get(Principal caller, String resource, long id);

  /** Creates a record through the same validation and rules as POST /api/v1/{resource}. */
  Future<JsonObject> create(Principal caller, String resource, JsonObject body);
}
