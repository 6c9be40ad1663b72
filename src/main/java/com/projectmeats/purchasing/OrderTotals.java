package com.projectmeats.purchasing;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Keeps an order's money consistent with its lines and payments: each line's total, the order total
 * (plus tax where the resource has it), what is still outstanding, and the payment status.
 */
public final class OrderTotals implements Rules {
  private final String linesTable;
  private final String parentColumn;

  public OrderTotals(String linesTable, String parentColumn) {
    this.linesTable = linesTable;
    this.parentColumn = parentColumn;
  }

  @Override
  public Future<Void> beforeSave(Change change) {
    List<Map<String, Object>> lines = change.children().get("lines");
    Future<BigDecimal> subtotal;
    if (lines != null) {
      BigDecimal sum = BigDecimal.ZERO.setScale(2);
      for (Map<String, Object> line : lines) {
        BigDecimal total =
            OrderLines.lineTotal(
                (BigDecimal) line.get("weight"), (BigDecimal) line.get("price_per_unit"));
        line.put("line_total", total);
        sum = sum.add(total);
      }
      subtotal = Future.succeededFuture(sum);
    } else {
      subtotal =
          change
              .sql()
              .one(
                  "SELECT sum(line_total) FROM " + linesTable + " WHERE " + parentColumn + " = $1",
                  change.id())
              .map(
                  row ->
                      row.map(r -> r.getValue(0))
                          .map(v -> BigDecimal.valueOf(((Number) v).longValue(), 2))
                          .orElse(BigDecimal.ZERO.setScale(2)));
    }
    return subtotal.map(
        sum -> {
          Resource resource = change.resource();
          if (resource.field("subtotal").isPresent()) {
            change.values().put("subtotal", sum);
          }
          BigDecimal tax =
              resource.field("tax_amount").isPresent() && change.current("tax_amount") != null
                  ? (BigDecimal) change.current("tax_amount")
                  : BigDecimal.ZERO;
          BigDecimal total = sum.add(tax).setScale(2);
          BigDecimal paid =
              change.before() == null || change.before().get("paid_amount") == null
                  ? BigDecimal.ZERO.setScale(2)
                  : (BigDecimal) change.before().get("paid_amount");
          if (total.compareTo(paid) < 0) {
            throw ApiException.validation(
                "lines",
                "The new total "
                    + total.toPlainString()
                    + " is less than the "
                    + paid.toPlainString()
                    + " already paid.");
          }
          change.values().put("total_amount", total);
          change.values().put("paid_amount", paid);
          change.values().put("outstanding_amount", total.subtract(paid));
          change.values().put("payment_status", PaymentStatus.of(paid, total));
          return null;
        });
  }

  /** Exposed for payments, which change what is paid without touching the lines. */
  public static final class PaymentStatus {
    private PaymentStatus() {}

    public static String of(BigDecimal paid, BigDecimal total) {
      if (paid.signum() == 0) {
        return "unpaid";
      }
      return paid.compareTo(total) >= 0 ? "paid" : "partial";
    }
  }
}
