package com.projectmeats.product;

import static com.projectmeats.core.crud.Field.bool;
import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.decimal;
import static com.projectmeats.core.crud.Field.integer;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Choices;

/** What is bought and sold: a boxed cut with its specification. */
public final class Products {
  private Products() {}

  public static final Resource RESOURCE =
      Resource.named("products", "Product", "products")
          .displayField("product_code")
          .defaultOrdering("product_code")
          .fields(
              text("product_code").required().maxLength(60).searchable().orderable(),
              text("description").required().searchable().orderable(),
              choice("protein", Choices.PROTEIN),
              choice("fresh_or_frozen", Choices.FRESH_OR_FROZEN),
              choice("package_type", Choices.PACKAGE_TYPE),
              choice("net_or_catch", Choices.NET_OR_CATCH),
              choice("edible_inedible", Choices.EDIBLE_INEDIBLE),
              bool("tested").defaultValue(false),
              ref("supplier", "suppliers"),
              text("supplier_item_number").maxLength(60),
              text("plants_available"),
              choice("origin", Choices.ORIGIN),
              text("carton_type").maxLength(60),
              integer("pieces_per_carton"),
              choice("unit_of_measure", Choices.WEIGHT_UNIT).defaultValue("LBS"),
              text("namp_number").maxLength(20).searchable().orderable(),
              text("usda_code").maxLength(40),
              decimal("unit_weight", 2),
              bool("active").defaultValue(true))
          .build();
}
