package com.projectmeats.party;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Address;
import com.projectmeats.domain.Choices;
import com.projectmeats.domain.OneOf;

/** Named pick-up and delivery addresses of suppliers and customers. */
public final class Locations {
  private Locations() {}

  public static final Resource RESOURCE =
      Resource.named("locations", "Location", "locations")
          .displayField("name")
          .defaultOrdering("name")
          .fields(
              text("name").required().searchable().orderable(),
              text("code").maxLength(40).searchable().orderable(),
              choice("location_type", Choices.LOCATION_TYPE).defaultValue("both"))
          .fields(Address.fields())
          .fields(
              text("contact_name"),
              phone("phone"),
              email("email"),
              ref("supplier", "suppliers"),
              ref("customer", "customers"))
          .rules(OneOf.exactly("supplier", "customer"))
          .build();
}
