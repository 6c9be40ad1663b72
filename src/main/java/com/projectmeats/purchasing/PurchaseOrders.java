package com.projectmeats.purchasing;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
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
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * What we buy from a supplier: numbered, priced by its lines, approved by a manager, tracked to
 * delivery.
 */
public final class PurchaseOrders {
  private PurchaseOrders() {}

  static final Workflow WORKFLOW =
      Workflow.of(
              "status",
              List.of("draft", "pending", "approved", "shipped", "delivered", "cancelled"),
              "draft")
          .action("submit", Set.of("draft"), "pending", Role.USER)
          .action("approve", Set.of("pending"), "approved", Role.MANAGER)
          .action("ship", Set.of("approved"), "shipped", Role.USER)
          .action("deliver", Set.of("shipped"), "delivered", Role.USER)
          .action(
              "cancel",
              Set.of("draft", "pending", "approved", "shipped"),
              "cancelled",
              Role.MANAGER);

  /**
   * The supplier's contact as it was when the order was placed, so later edits to the supplier
   * don't rewrite history.
   */
  static final Rules SUPPLIER_SNAPSHOT =
      new Rules() {
        @Override
        public Future<Void> beforeSave(Change change) {
          if (!change.creating() || change.values().get("supplier") == null) {
            return Future.succeededFuture();
          }
          return change
              .sql()
              .one(
                  "SELECT contact_person, email, phone FROM suppliers WHERE id = $1 AND company_id = $2",
                  change.values().get("supplier"),
                  change.caller().company())
              .map(
                  row -> {
                    row.ifPresent(
                        r -> {
                          change
                              .values()
                              .put("supplier_contact_name", r.getString("contact_person"));
                          change.values().put("supplier_contact_email", r.getString("email"));
                          change.values().put("supplier_contact_phone", r.getString("phone"));
                        });
                    return null;
                  });
        }
      };

  public static final Resource RESOURCE =
      Resource.named("purchase-orders", "Purchase order", "purchase_orders")
          .storedSearchText()
          .displayField("order_number")
          .defaultOrdering("-order_date")
          .numberField("order_number")
          .history()
          .attachments()
          .workflow(WORKFLOW)
          .fields(
              text("order_number").maxLength(40).searchable().orderable(),
              ref("supplier", "suppliers").required().searchable(),
              ref("plant", "plants"),
              ref("pick_up_location", "locations"),
              ref("delivery_location", "locations"),
              ref("contact", "contacts"),
              ref("carrier", "carriers"),
              choice("carrier_release_format", Choices.CARRIER_RELEASE_FORMAT),
              text("carrier_release_number").maxLength(60).searchable().orderable(),
              choice("appointment_method", Choices.APPOINTMENT_METHOD),
              choice("logistics_scenario", Choices.LOGISTICS_SCENARIO),
              date("order_date"),
              date("pick_up_date"),
              date("delivery_date"),
              text("supplier_confirmation_number").maxLength(60).searchable().orderable(),
              choice("payment_terms", Choices.PAYMENT_TERMS),
              choice("credit_limit", Choices.CREDIT_LIMIT),
              textarea("special_instructions"),
              textarea("notes"),
              text("supplier_contact_name").readOnly(),
              email("supplier_contact_email").readOnly(),
              phone("supplier_contact_phone").readOnly())
          .fields(OrderLines.totals())
          .child(OrderLines.child("purchase_order_lines", "purchase_order_id"))
          .rules(
              Rules.all(
                  Today.defaultFor("order_date"),
                  DateOrder.of("pick_up_date", "delivery_date"),
                  SUPPLIER_SNAPSHOT,
                  new OrderTotals("purchase_order_lines", "purchase_order_id")))
          .build();
}
