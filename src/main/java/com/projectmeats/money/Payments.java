package com.projectmeats.money;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.money;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.security.Role;
import com.projectmeats.domain.Choices;
import com.projectmeats.domain.OneOf;
import com.projectmeats.domain.Today;

/**
 * Money paid against a purchase order (we pay) or received against a sales order or invoice. A
 * payment is a fact: recorded and deleted by managers, never edited.
 */
public final class Payments {
  private Payments() {}

  public static final Resource RESOURCE =
      Resource.named("payments", "Payment", "payments")
          .displayField("reference_number")
          .defaultOrdering("-payment_date")
          .updatable(false)
          .writeRole(Role.MANAGER)
          .deleteRole(Role.MANAGER)
          .fields(
              ref("purchase_order", "purchase-orders"),
              ref("sales_order", "sales-orders"),
              ref("invoice", "invoices"),
              money("amount").required().orderable(),
              date("payment_date"),
              choice("method", Choices.PAYMENT_METHOD).required(),
              text("reference_number").maxLength(80).searchable().orderable(),
              textarea("notes"))
          .rules(
              Rules.all(
                  OneOf.exactly("purchase_order", "sales_order", "invoice"),
                  Today.defaultFor("payment_date"),
                  new PaymentRollup()))
          .build();
}
