package com.projectmeats.money;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.money;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.crud.Workflow;
import com.projectmeats.core.security.Role;
import com.projectmeats.domain.Choices;
import com.projectmeats.domain.DateOrder;
import com.projectmeats.domain.Today;
import com.projectmeats.purchasing.OrderLines;
import com.projectmeats.purchasing.OrderTotals;
import java.util.List;
import java.util.Set;

/**
 * What we bill a customer; paid in full through payments, it becomes paid by itself, and past its
 * due date it becomes overdue by itself ({@link OverdueInvoices}).
 */
public final class Invoices {
  private Invoices() {}

  static final Workflow WORKFLOW =
      Workflow.of("status", List.of("draft", "sent", "paid", "overdue", "cancelled"), "draft")
          .action("send", Set.of("draft"), "sent", Role.USER)
          .action("mark_overdue", Set.of("sent"), "overdue", Role.USER)
          .action("mark_paid", Set.of("sent", "overdue"), "paid", Role.MANAGER)
          .action("cancel", Set.of("draft", "sent", "overdue"), "cancelled", Role.MANAGER);

  public static final Resource RESOURCE =
      Resource.named("invoices", "Invoice", "invoices")
          .storedSearchText()
          .displayField("invoice_number")
          .defaultOrdering("-invoice_date")
          .numberField("invoice_number")
          .history()
          .attachments()
          .workflow(WORKFLOW)
          .fields(
              text("invoice_number").maxLength(40).searchable().orderable(),
              ref("customer", "customers").required().searchable(),
              ref("sales_order", "sales-orders"),
              date("invoice_date"),
              date("due_date"),
              choice("payment_terms", Choices.PAYMENT_TERMS),
              money("tax_amount").defaultValue(java.math.BigDecimal.ZERO.setScale(2)),
              money("subtotal").readOnly(),
              textarea("notes"))
          .fields(OrderLines.totals())
          .child(OrderLines.child("invoice_lines", "invoice_id"))
          .rules(
              Rules.all(
                  Today.defaultFor("invoice_date"),
                  DateOrder.of("invoice_date", "due_date"),
                  new OrderTotals("invoice_lines", "invoice_id")))
          .build();
}
