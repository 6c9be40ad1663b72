package com.projectmeats.party;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.choices;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Address;
import com.projectmeats.domain.Choices;

/**
 * What suppliers and customers share: a name, a contact, an address, a plant and what they trade.
 */
final class Parties {
  private Parties() {}

  static Resource.Builder party(String name, String singular, String table) {
    return Resource.named(name, singular, table)
        .displayField("name")
        .defaultOrdering("name")
        .fields(text("name").required().searchable().orderable())
        .fields(Address.contactFields())
        .fields(Address.fields())
        .fields(
            ref("plant", "plants"),
            choices("proteins", Choices.PROTEIN),
            choice("edible_inedible", Choices.EDIBLE_INEDIBLE),
            choice("plant_type", Choices.PLANT_TYPE));
  }
}
