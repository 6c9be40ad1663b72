package com.projectmeats.activity;

import static com.projectmeats.core.crud.Field.bool;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Field;
import com.projectmeats.core.crud.Resource;

/** Notes pinned to a supplier, customer, carrier, order or contact. */
public final class ActivityLogs {
  private ActivityLogs() {}

  /** What a note or a call can be about. */
  static Field.Builder[] subjects() {
    return new Field.Builder[] {
      ref("supplier", "suppliers"), ref("customer", "customers"), ref("carrier", "carriers"),
      ref("purchase_order", "purchase-orders"), ref("sales_order", "sales-orders"),
          ref("contact", "contacts"),
    };
  }

  public static final Resource RESOURCE =
      Resource.named("activity-logs", "Activity note", "activity_logs")
          .displayField("title")
          .defaultOrdering("-created_on")
          .fields(
              text("title").required().searchable().orderable(),
              textarea("text").searchable().orderable(),
              text("tags").searchable().orderable(),
              bool("pinned").defaultValue(false))
          .fields(subjects())
          .build();
}
