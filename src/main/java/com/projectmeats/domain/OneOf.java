package com.projectmeats.domain;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record that belongs to exactly one of several parents (a contact of a supplier, a customer or a
 * carrier).
 */
public final class OneOf {
  private OneOf() {}

  public static Rules exactly(String... fields) {
    return new Rules() {
      @Override
      public Future<Void> beforeSave(Change change) {
        long set = Arrays.stream(fields).filter(f -> change.current(f) != null).count();
        if (set == 1) {
          return Future.succeededFuture();
        }
        String message =
            set == 0
                ? "Link this record to one of: " + String.join(", ", fields) + "."
                : "Link this record to only one of: " + String.join(", ", fields) + ".";
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String f : fields) {
          errors.put(f, List.of(message));
        }
        return Future.failedFuture(ApiException.validation(errors));
      }

      /**
       * {@code oneOf} one branch per field, each requiring that field present and not null: a body
       * with two set, or none, matches no single branch.
       */
      @Override
      public List<BodyRule> bodyRules() {
        JsonArray branches = new JsonArray();
        for (String f : fields) {
          branches.add(
              new JsonObject()
                  .put("required", new JsonArray().add(f))
                  .put(
                      "properties",
                      new JsonObject()
                          .put(
                              f,
                              new JsonObject().put("not", new JsonObject().put("type", "null")))));
        }
        return List.of(
            new BodyRule(
                new JsonObject().put("oneOf", branches),
                "Exactly one of " + String.join(", ", fields) + " is set (not null)."));
      }
    };
  }
}
