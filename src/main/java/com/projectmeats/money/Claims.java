package com.projectmeats.money;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.money;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.crud.Workflow;
import com.projectmeats.core.security.Role;
import com.projectmeats.domain.Choices;
import com.projectmeats.domain.Today;
import java.util.List;
import java.util.Set;

/** A dispute on a load: what we claim from a supplier or a customer claims from us. */
public final class Claims {
  private Claims() {}

  static final Workflow WORKFLOW =
      Workflow.of(
              "status", List.of("pending", "approved", "denied", "settled", "cancelled"), "pending")
          .action("approve", Set.of("pending"), "approved", Role.MANAGER)
          .action("deny", Set.of("pending"), "denied", Role.MANAGER)
          .action("settle", Set.of("approved", "denied"), "settled", Role.MANAGER)
          .action("cancel", Set.of("pending", "approved", "denied"), "cancelled", Role.MANAGER);

  public static final Resource RESOURCE =
      Resource.named("claims", "Claim", "claims")
          .storedSearchText()
          .displayField("claim_number")
          .defaultOrdering("-claim_date")
          .history()
          .attachments()
          .numberField("claim_number")
          .workflow(WORKFLOW)
          .fields(
              text("claim_number").maxLength(40).searchable().orderable(),
              choice("claim_type", Choices.CLAIM_TYPE).required(),
              ref("supplier", "suppliers").searchable(),
              ref("customer", "customers").searchable(),
              ref("purchase_order", "purchase-orders"),
              ref("sales_order", "sales-orders"),
              ref("invoice", "invoices"),
              textarea("reason").required().searchable().orderable(),
              money("claimed_amount").required(),
              money("approved_amount"),
              money("settled_amount"),
              date("claim_date"),
              date("resolved_date"),
              email("assignee"))
          .rules(Rules.all(Today.defaultFor("claim_date")))
          .build();
}
