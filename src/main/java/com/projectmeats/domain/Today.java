package com.projectmeats.domain;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Rules;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A date field that a new record gets as today's date (UTC) when it is left blank. */
public final class Today {
  private Today() {}

  public static Rules defaultFor(String field) {
    return new Rules() {
      @Override
      public Future<Void> beforeSave(Change change) {
        if (change.creating() && change.values().get(field) == null) {
          change.values().put(field, LocalDate.now(ZoneOffset.UTC));
        }
        return Future.succeededFuture();
      }
    };
  }
}
