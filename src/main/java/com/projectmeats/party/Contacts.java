package com.projectmeats.party;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Choices;
import com.projectmeats.domain.OneOf;

/** People at a supplier, customer or carrier. */
public final class Contacts {
  private Contacts() {}

  public static final Resource RESOURCE =
      Resource.named("contacts", "Contact", "contacts")
          .displayField("last_name")
          .defaultOrdering("last_name")
          .fields(
              text("first_name").required().searchable().orderable(),
              text("last_name").searchable().orderable(),
              email("email").searchable().orderable(),
              phone("phone"),
              phone("direct_phone"),
              phone("cell_phone"),
              text("company").searchable().orderable(),
              text("position"),
              text("title"),
              choice("contact_type", Choices.CONTACT_TYPE),
              choice("status", Choices.RECORD_STATUS).defaultValue("active"),
              ref("supplier", "suppliers"),
              ref("customer", "customers"),
              ref("carrier", "carriers"))
          .rules(OneOf.exactly("supplier", "customer", "carrier"))
          .build();
}
