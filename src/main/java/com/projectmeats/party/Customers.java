package com.projectmeats.party;

import static com.projectmeats.core.crud.Field.bool;
import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.choices;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Choices;

/** Processors, retailers, food service and exporters we sell to. */
public final class Customers {
  private Customers() {}

  public static final Resource RESOURCE =
      Parties.party("customers", "Customer", "customers")
          .history()
          .attachments()
          .fields(
              choice("purchasing_preference", Choices.ORIGIN),
              choices("industries", Choices.INDUSTRY),
              bool("will_pick_up_load").defaultValue(false),
              choices("preferred_proteins", Choices.PROTEIN),
              choice("payment_terms", Choices.PAYMENT_TERMS),
              choice("credit_limit", Choices.CREDIT_LIMIT),
              choice("line_of_credit", Choices.LINE_OF_CREDIT),
              text("buyer_contact_name"),
              text("buyer_contact_title"),
              phone("buyer_contact_phone"),
              email("buyer_contact_email"),
              choice("certificate_type", Choices.CERTIFICATE_TYPE),
              bool("product_exportable").defaultValue(false),
              choice("status", Choices.RECORD_STATUS).defaultValue("active"),
              textarea("notes"))
          .build();
}
