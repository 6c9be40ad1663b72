package com.projectmeats.domain;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A later date may not come before an earlier one (delivery before pick-up, due before invoice).
 */
public final class DateOrder {
  private DateOrder() {}

  public static Rules of(String earlier, String later) {
    return new Rules() {
      @Override
      public Future<Void> beforeSave(Change change) {
        LocalDate from = (LocalDate) change.current(earlier);
        LocalDate to = (LocalDate) change.current(later);
        if (from != null && to != null && to.isBefore(from)) {
          return Future.failedFuture(
              ApiException.validation(
                  later, "Must not be before " + earlier.replace('_', ' ') + " (" + from + ")."));
        }
        return Future.succeededFuture();
      }
    };
  }

  public static Rules children(String child, String earlier, String later) {
    return new Rules() {
      @Override
      public Future<Void> beforeSave(Change change) {
        List<Map<String, Object>> rows = change.children().get(child);
        for (int i = 0; rows != null && i < rows.size(); i++) {
          LocalDate from = (LocalDate) rows.get(i).get(earlier);
          LocalDate to = (LocalDate) rows.get(i).get(later);
          if (from != null && to != null && to.isBefore(from)) {
            return Future.failedFuture(
                ApiException.validation(
                    child + "[" + i + "]." + later,
                    "Must not be before " + earlier.replace('_', ' ') + "."));
          }
        }
        return Future.succeededFuture();
      }
    };
  }
}
