package com.projectmeats.money;

import com.projectmeats.core.crud.Change;
import com.projectmeats.core.crud.Rules;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.purchasing.OrderTotals;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;

/**
 * Recording or deleting a payment recomputes its parent's paid and outstanding amounts and payment
 * status, in the same transaction; more than is outstanding is refused. An invoice paid in full
 * becomes paid, and goes back to sent if that payment is deleted.
 */
final class PaymentRollup implements Rules {
  record Parent(String field, String table) {}

  static final List<Parent> PARENTS =
      List.of(
          new Parent("purchase_order", "purchase_orders"),
          new Parent("sales_order", "sales_orders"),
          new Parent("invoice", "invoices"));

  @Override
  public Future<Void> beforeSave(Change change) {
    BigDecimal amount = (BigDecimal) change.values().get("amount");
    if (amount != null && amount.signum() <= 0) {
      return Future.failedFuture(ApiException.validation("amount", "Must be more than 0."));
    }
    Parent parent = parentOf(change);
    Long id = (Long) change.current(parent.field());
    String lock = change.sql().dialect() == Dialect.POSTGRES ? " FOR UPDATE" : "";
    return change
        .sql()
        .one(
            "SELECT outstanding_amount, status FROM "
                + parent.table()
                + " WHERE id = $1 AND company_id = $2"
                + lock,
            id,
            change.caller().company())
        .map(
            row -> {
              // A missing parent is reported by the reference check that runs first.
              row.ifPresent(
                  r -> {
                    if ("cancelled".equals(r.getString("status"))) {
                      throw ApiException.validation(
                          parent.field(),
                          "Payments cannot be recorded against a cancelled record.");
                    }
                    BigDecimal outstanding =
                        BigDecimal.valueOf(
                            ((Number) r.getValue("outstanding_amount")).longValue(), 2);
                    if (amount.compareTo(outstanding) > 0) {
                      throw ApiException.validation(
                          "amount",
                          "Exceeds the outstanding amount of " + outstanding.toPlainString() + ".");
                    }
                  });
              return null;
            });
  }

  @Override
  public Future<Void> afterSave(Change change) {
    Parent parent = parentOf(change);
    return recompute(
        change.sql(), change.caller().company(), parent, (Long) change.current(parent.field()));
  }

  @Override
  public Future<Void> afterDelete(Change change) {
    Parent parent = parentOf(change);
    return recompute(
        change.sql(),
        change.caller().company(),
        parent,
        (Long) change.before().get(parent.field()));
  }

  private static Parent parentOf(Change change) {
    return PARENTS.stream()
        .filter(p -> change.current(p.field()) != null)
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.validation(
                    "purchase_order",
                    "Link the payment to a purchase order, sales order or invoice."));
  }

  static Future<Void> recompute(Sql sql, long company, Parent parent, long id) {
    // The parent's total and status and its payments' sum in one statement.
    return sql.one(
            "SELECT total_amount, status, (SELECT coalesce(sum(amount), 0) FROM payments WHERE "
                + parent.field()
                + "_id = $1 AND company_id = $2) AS paid FROM "
                + parent.table()
                + " WHERE id = $1 AND company_id = $2",
            id,
            company)
        .compose(
            row -> {
              long paid = ((Number) row.orElseThrow().getValue("paid")).longValue();
              long total = ((Number) row.orElseThrow().getValue("total_amount")).longValue();
              String paymentStatus =
                  OrderTotals.PaymentStatus.of(
                      BigDecimal.valueOf(paid, 2), BigDecimal.valueOf(total, 2));
              String status = row.get().getString("status");
              if (parent.field().equals("invoice")) {
                if ("paid".equals(paymentStatus)
                    && (status.equals("sent")
                        || status.equals("overdue")
                        || status.equals("draft"))) {
                  status = "paid";
                } else if (!"paid".equals(paymentStatus) && status.equals("paid")) {
                  status = "sent";
                }
              }
              return sql.update(
                  "UPDATE "
                      + parent.table()
                      + " SET paid_amount = $1, outstanding_amount = $2, payment_status = $3,"
                      + " status = $4, version = version + 1 WHERE id = $5 AND company_id = $6",
                  paid,
                  total - paid,
                  paymentStatus,
                  status,
                  id,
                  company);
            })
        .mapEmpty();
  }
}
