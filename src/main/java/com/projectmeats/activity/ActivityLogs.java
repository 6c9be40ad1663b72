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
  static Field[] subjects() {
    return new Field[] {
        ref("supplier", "suppliers"), ref("customer", "customers"), ref("carrier", "carriers"),
        ref("purchase_order", "purchase-orders"), ref("sales_order", "sales-orders"), ref("contact", "contacts"),
    };
  }

  public static final Resource RESOURCE = Resource.named("activity-logs", "Activity note", "activity_logs")
      .display("title").ordering("-created_on")
      .fields(
          text("title").required().searchable(),
          textarea("text").searchable(),
          text("tags").searchable(),
          bool("pinned").defaultsTo(false))
      .fields(subjects());
}
