package com.projectmeats.purchasing;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.decimal;
import static com.projectmeats.core.crud.Field.money;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.domain.Choices;
import io.vertx.core.Future;
import java.math.BigDecimal;

/** Product held in cold storage between its purchase and its sale, with what holding it costs. */
public final class ColdStorageEntries {
  private ColdStorageEntries() {}

  static final Rules TOTAL_COST =
      new Rules() {
        @Override
        public Future<Void> beforeSave(Change change) {
          BigDecimal boxing =
              change.current("boxing_cost") == null
                  ? BigDecimal.ZERO
                  : (BigDecimal) change.current("boxing_cost");
          BigDecimal storage =
              change.current("cold_storage_cost") == null
                  ? BigDecimal.ZERO
                  : (BigDecimal) change.current("cold_storage_cost");
          change.values().put("total_cost", boxing.add(storage).setScale(2));
          return Future.succeededFuture();
        }
      };

  public static final Resource RESOURCE =
      Resource.named("cold-storage-entries", "Cold storage entry", "cold_storage_entries")
          .displayField("reference")
          .defaultOrdering("-production_date")
          .fields(
              text("reference").maxLength(60).searchable().orderable(),
              ref("supplier_po", "purchase-orders"),
              ref("customer_sales_order", "sales-orders"),
              ref("product", "products"),
              text("storage_facility").searchable().orderable(),
              choice("load_status", Choices.LOAD_STATUS).defaultValue("TBD - Not Matched"),
              date("production_date"),
              decimal("finished_weight", 2),
              decimal("shrink", 2),
              money("boxing_cost"),
              money("cold_storage_cost"),
              money("total_cost").readOnly(),
              textarea("notes"))
          .rules(TOTAL_COST)
          .build();
}
