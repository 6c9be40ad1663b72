package com.projectmeats.assistant;

import com.projectmeats.core.crud.Records;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Stands in for the brokerage's {@link Records} until App passes the real one: the tools then
 * tell the model that records cannot be read, and the assistant still chats.
 */
public final class NoRecords implements Records {
  @Override
  public List<String> resources() {
    return List.of();
  }

  @Override
  public Future<JsonObject> list(Principal caller, String resource, MultiMap query) {
    return Future.failedFuture(unavailable());
  }

  @Override
  public Future<JsonObject> get(Principal caller, String resource, long id) {
    return Future.failedFuture(unavailable());
  }

  @Override
  public Future<JsonObject> create(Principal caller, String resource, JsonObject body) {
    return Future.failedFuture(unavailable());
  }

  private static ApiException unavailable() {
    return ApiException.unavailable("records_unavailable", "Records cannot be read here yet.");
  }
}
