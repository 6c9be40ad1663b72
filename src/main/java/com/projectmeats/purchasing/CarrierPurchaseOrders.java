package com.projectmeats.purchasing;

import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.money;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.domain.DateOrder;

/** What we pay a carrier to move a load; part of what we owe (payables). */
public final class CarrierPurchaseOrders {
  private CarrierPurchaseOrders() {}

  public static final Resource RESOURCE =
      Resource.named("carrier-purchase-orders", "Carrier purchase order", "carrier_purchase_orders")
          .storedSearchText()
          .displayField("carrier_po_number")
          .defaultOrdering("-pick_up_date")
          .history()
          .attachments()
          .numberField("carrier_po_number")
          .fields(
              text("carrier_po_number").maxLength(40).searchable().orderable(),
              ref("carrier", "carriers").required().searchable(),
              ref("purchase_order", "purchase-orders"),
              ref("sales_order", "sales-orders"),
              ref("pick_up_location", "locations"),
              ref("delivery_location", "locations"),
              date("pick_up_date"),
              date("delivery_date"),
              date("due_date"),
              money("rate").required().orderable(),
              date("paid_on"),
              textarea("notes"))
          .rules(Rules.all(DateOrder.of("pick_up_date", "delivery_date")))
          .build();
}
