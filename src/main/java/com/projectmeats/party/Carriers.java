package com.projectmeats.party;

import static com.projectmeats.core.crud.Field.bool;
import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Choices;

/** Trucking (and rail, air, sea) companies that move loads. */
public final class Carriers {
  private Carriers() {}

  public static final Resource RESOURCE =
      Resource.named("carriers", "Carrier", "carriers")
          .displayField("name")
          .defaultOrdering("name")
          .history()
          .attachments()
          .fields(
              text("name").required().searchable().orderable(),
              text("code").required().maxLength(40).searchable().orderable(),
              choice("carrier_type", Choices.CARRIER_TYPE).defaultValue("truck"),
              text("mc_number").maxLength(20).searchable().orderable(),
              text("dot_number").maxLength(20).searchable().orderable(),
              text("insurance_provider"),
              text("insurance_policy_number"),
              date("insurance_expiry"),
              text("our_customer_number"),
              text("ap_contact_name"),
              email("ap_contact_email"),
              phone("ap_contact_phone"),
              text("sales_contact_name"),
              email("sales_contact_email"),
              phone("sales_contact_phone"),
              choice("payment_terms", Choices.PAYMENT_TERMS),
              choice("credit_limit", Choices.CREDIT_LIMIT),
              choice("appointment_method", Choices.APPOINTMENT_METHOD),
              textarea("notes"),
              bool("active").defaultValue(true))
          .build();
}
