package com.projectmeats.party;

import static com.projectmeats.core.crud.Field.bool;
import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.date;
import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Child;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Address;
import com.projectmeats.domain.Choices;
import com.projectmeats.domain.DateOrder;

/** Packing plants, with their USDA establishment number and certifications. */
public final class Plants {
  private Plants() {}

  public static final Resource RESOURCE =
      Resource.named("plants", "Plant", "plants")
          .displayField("name")
          .defaultOrdering("name")
          .fields(
              text("name").required().searchable().orderable(),
              text("code").required().maxLength(40).searchable().orderable(),
              text("establishment_number")
                  .maxLength(40)
                  .searchable()
                  .orderable()
                  .label("Establishment number (EST)"),
              choice("plant_type", Choices.PLANT_TYPE))
          .fields(Address.fields())
          .fields(
              phone("phone"),
              email("email"),
              text("manager"),
              text("capacity"),
              bool("active").defaultValue(true),
              ref("supplier", "suppliers"))
          .child(
              Child.of(
                  "certifications",
                  "plant_certifications",
                  "plant_id",
                  choice("certificate_type", Choices.CERTIFICATE_TYPE).required(),
                  text("certificate_number"),
                  date("issued_on"),
                  date("expires_on")))
          .rules(DateOrder.children("certifications", "issued_on", "expires_on"))
          .build();
}
