package com.projectmeats.mail;

import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;

/**
 * Who a document goes to when the sender names nobody: the purchase order's supplier contact (as
 * captured on the order, else the supplier's address), the sales order's or invoice's customer, the
 * carrier's dispatch (sales) contact, else its accounts contact. Company-scoped like every read.
 */
final class Counterparts {
  /**
   * Per resource: the addresses to try, first non-empty wins, and who that is (for the message when
   * there is none).
   */
  private record Lookup(String sql, String who) {}

  private static final Map<String, Lookup> LOOKUPS =
      Map.of(
          "purchase-orders",
              new Lookup(
                  """
          SELECT coalesce(nullif(trim(o.supplier_contact_email), ''), nullif(trim(p.email), ''))
            FROM purchase_orders o LEFT JOIN suppliers p ON p.id = o.supplier_id AND p.company_id = o.company_id
           WHERE o.id = $1 AND o.company_id = $2""",
                  "the supplier"),
          "sales-orders",
              new Lookup(
                  """
          SELECT coalesce(nullif(trim(p.email), ''), nullif(trim(p.buyer_contact_email), ''))
            FROM sales_orders o LEFT JOIN customers p ON p.id = o.customer_id AND p.company_id = o.company_id
           WHERE o.id = $1 AND o.company_id = $2""",
                  "the customer"),
          "invoices",
              new Lookup(
                  """
          SELECT coalesce(nullif(trim(p.email), ''), nullif(trim(p.buyer_contact_email), ''))
            FROM invoices o LEFT JOIN customers p ON p.id = o.customer_id AND p.company_id = o.company_id
           WHERE o.id = $1 AND o.company_id = $2""",
                  "the customer"),
          "carrier-purchase-orders",
              new Lookup(
                  """
          SELECT coalesce(nullif(trim(p.sales_contact_email), ''), nullif(trim(p.ap_contact_email), ''))
            FROM carrier_purchase_orders o LEFT JOIN carriers p ON p.id = o.carrier_id AND p.company_id = o.company_id
           WHERE o.id = $1 AND o.company_id = $2""",
                  "the carrier"));

  static boolean covers(String resource) {
    return LOOKUPS.containsKey(resource);
  }

  static String who(String resource) {
    return LOOKUPS.get(resource).who();
  }

  /** The counterpart's address on file, if there is a usable one. */
  static Future<Optional<String>> address(Sql sql, String resource, long companyId, long recordId) {
    return sql.one(LOOKUPS.get(resource).sql(), recordId, companyId)
        .map(row -> row.map(r -> r.getString(0)).filter(SendRequest::valid).map(String::strip));
  }
}
