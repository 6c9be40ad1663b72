package com.projectmeats.purchasing;

import static com.projectmeats.core.crud.Field.choice;
import static com.projectmeats.core.crud.Field.decimal;
import static com.projectmeats.core.crud.Field.integer;
import static com.projectmeats.core.crud.Field.money;
import static com.projectmeats.core.crud.Field.ref;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Child;
import com.projectmeats.core.crud.Field;
import com.projectmeats.domain.Choices;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The lines of purchase orders, sales orders and invoices. Meat is priced per weight unit: {@code
 * line_total = weight × price_per_unit}, rounded half-up to cents, never typed in.
 */
public final class OrderLines {
  private OrderLines() {}

  public static Child child(String table, String parentColumn) {
    return Child.of(
        "lines",
        table,
        parentColumn,
        ref("product", "products"),
        text("description").maxLength(300),
        choice("protein", Choices.PROTEIN),
        choice("fresh_or_frozen", Choices.FRESH_OR_FROZEN),
        choice("package_type", Choices.PACKAGE_TYPE),
        choice("net_or_catch", Choices.NET_OR_CATCH),
        choice("edible_inedible", Choices.EDIBLE_INEDIBLE),
        integer("quantity"),
        decimal("weight", 2).required(),
        choice("weight_unit", Choices.WEIGHT_UNIT).defaultValue("LBS"),
        decimal("price_per_unit", 4).required(),
        money("line_total").readOnly());
  }

  /** Totals every order with lines shows; derived, so read-only on the wire. */
  public static Field.Builder[] totals() {
    return new Field.Builder[] {
      money("total_amount").readOnly().orderable(),
      money("paid_amount").readOnly(),
      money("outstanding_amount").readOnly().orderable(),
      choice("payment_status", Choices.PAYMENT_STATUS).readOnly().filterable(),
    };
  }

  public static BigDecimal lineTotal(BigDecimal weight, BigDecimal pricePerUnit) {
    return weight.multiply(pricePerUnit).setScale(2, RoundingMode.HALF_UP);
  }
}
