package com.projectmeats.domain;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.Future;
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
    };
  }
}
