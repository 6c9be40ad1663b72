package com.projectmeats.party;

import static com.projectmeats.core.crud.Field.bool;
import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.text;
import static com.projectmeats.core.crud.Field.textarea;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.domain.Choices;

/** Packing plants and traders we buy from. */
public final class Suppliers {
  private Suppliers() {}

  public static final Resource RESOURCE =
      Parties.party("suppliers", "Supplier", "suppliers")
          .history()
          .attachments()
          .fields(
              choice("certificate_type", Choices.CERTIFICATE_TYPE),
              choice("origin", Choices.ORIGIN),
              choice("country_origin", Choices.COUNTRY_ORIGIN),
              choice("shipping_offered", Choices.SHIPPING_OFFERED),
              choice("payment_terms", Choices.PAYMENT_TERMS),
              choice("credit_limit", Choices.CREDIT_LIMIT),
              choice("line_of_credit", Choices.LINE_OF_CREDIT),
              choice("fresh_or_frozen", Choices.FRESH_OR_FROZEN),
              choice("package_type", Choices.PACKAGE_TYPE),
              choice("net_or_catch", Choices.NET_OR_CATCH),
              text("departments"),
              bool("tested_product").defaultValue(false),
              textarea("how_to_book_pickup"),
              bool("offers_contracts").defaultValue(false),
              bool("offers_export_documents").defaultValue(false),
              bool("credit_app_sent").defaultValue(false),
              bool("credit_app_set_up").defaultValue(false),
              choice("status", Choices.RECORD_STATUS).defaultValue("active"),
              textarea("notes"))
          .build();
}
