package com.projectmeats.sales;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.crud.Workflow;
import com.projectmeats.core.security.Role;
import com.projectmeats.domain.Choices;
import com.projectmeats.domain.DateOrder;
import com.projectmeats.domain.Today;
import com.projectmeats.purchasing.OrderLines;
import com.projectmeats.purchasing.OrderTotals;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/** What we sell to a customer, matched with the purchase order that fills it. */
public final class SalesOrders {
  private SalesOrders() {}

  static final Workflow WORKFLOW =
      Workflow.of(
              "status",
              List.of("pending", "confirmed", "in_transit", "delivered", "cancelled"),
              "pending")
          .action("confirm", Set.of("pending"), "confirmed", Role.USER)
          .action("ship", Set.of("confirmed"), "in_transit", Role.USER)
          .action("deliver", Set.of("in_transit"), "delivered", Role.USER)
          .action(
              "cancel", Set.of("pending", "confirmed", "in_transit"), "cancelled", Role.MANAGER);

  /** Matching a purchase order is what makes a load "Matched". */
  static final Rules LOAD_STATUS =
      new Rules() {
        @Override
        public Future<Void> beforeSave(Change change) {
          change
              .values()
              .put(
                  "load_status",
                  change.current("purchase_order") == null ? "TBD - Not Matched" : "Matched");
          return Future.succeededFuture();
        }
      };

  public static final Resource RESOURCE =
      Resource.named("sales-orders", "Sales order", "sales_orders")
          .storedSearchText()
          .displayField("order_number")
          .defaultOrdering("-order_date")
          .numberField("order_number")
          .history()
          .attachments()
          .workflow(WORKFLOW)
          .fields(
              text("order_number").maxLength(40).searchable().orderable(),
              ref("customer", "customers").required().searchable(),
              ref("purchase_order", "purchase-orders"),
              choice("load_status", Choices.LOAD_STATUS).readOnly().filterable(),
              ref("carrier", "carriers"),
              ref("plant", "plants"),
              ref("pick_up_location", "locations"),
              ref("delivery_location", "locations"),
              ref("contact", "contacts"),
              date("order_date"),
              date("pick_up_date"),
              date("delivery_date"),
              text("delivery_po_number").maxLength(60).searchable().orderable(),
              choice("carrier_release_format", Choices.CARRIER_RELEASE_FORMAT),
              text("carrier_release_number").maxLength(60),
              choice("appointment_method", Choices.APPOINTMENT_METHOD),
              choice("logistics_scenario", Choices.LOGISTICS_SCENARIO),
              choice("payment_terms", Choices.PAYMENT_TERMS),
              choice("credit_limit", Choices.CREDIT_LIMIT),
              textarea("special_instructions"),
              textarea("notes"))
          .fields(OrderLines.totals())
          .child(OrderLines.child("sales_order_lines", "sales_order_id"))
          .rules(
              Rules.all(
                  Today.defaultFor("order_date"),
                  DateOrder.of("pick_up_date", "delivery_date"),
                  LOAD_STATUS,
                  new OrderTotals("sales_order_lines", "sales_order_id")))
          .build();
}
