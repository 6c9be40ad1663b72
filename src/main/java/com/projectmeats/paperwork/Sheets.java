package com.projectmeats.paperwork;

import com.projectmeats.company.Letterhead;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The content of each kind of outgoing document, from a record as the API returns it and the
 * records it refers to ({@code related}, by field name: "supplier", "pick_up_location" …).
 */
final class Sheets {
  private Sheets() {}

  static final List<Sheet.Column> LINE_COLUMNS =
      List.of(
          new Sheet.Column("#", 0.04f, true),
          new Sheet.Column("Description", 0.40f, false),
          new Sheet.Column("Qty", 0.07f, true),
          new Sheet.Column("Weight", 0.14f, true),
          new Sheet.Column("Price / unit", 0.15f, true),
          new Sheet.Column("Line total", 0.20f, true));

  static Sheet purchaseOrder(JsonObject po, Map<String, JsonObject> related) {
    JsonObject supplier = related.getOrDefault("supplier", new JsonObject());
    List<String> supplierLines = party(supplier);
    // The contact as it was when the order was placed (the order keeps its own copy).
    supplierLines.removeLast();
    supplierLines.add(
        join(
            " · ",
            po.getString("supplier_contact_name"),
            po.getString("supplier_contact_email"),
            po.getString("supplier_contact_phone")));
    return new Sheet(
        "Purchase order",
        po.getString("order_number"),
        List.of(
            new Sheet.Block("Supplier", supplierLines),
            place("Pick up at", related.get("pick_up_location"), po.getString("plant_name")),
            place("Deliver to", related.get("delivery_location"), null)),
        List.of(
            pair("Order date", po.getString("order_date")),
            pair("Pick-up date", po.getString("pick_up_date")),
            pair("Delivery date", po.getString("delivery_date")),
            pair("Plant", po.getString("plant_name")),
            pair("Carrier", po.getString("carrier_name")),
            pair("Logistics", po.getString("logistics_scenario")),
            pair("Release number", po.getString("carrier_release_number")),
            pair("Supplier confirmation", po.getString("supplier_confirmation_number")),
            pair("Payment terms", po.getString("payment_terms"))),
        lines(po.getJsonArray("lines")),
        List.of(pair("Total", Money.dollars(po.getString("total_amount")))),
        List.of(
            new Sheet.Block("Special instructions", List.of(text(po, "special_instructions"))),
            new Sheet.Block(
                "Terms",
                List.of(
                    "Please confirm this order by return, quoting our purchase order number "
                        + po.getString("order_number")
                        + " on every confirmation, bill of lading and invoice. Payment terms: "
                        + or(po.getString("payment_terms"), "as agreed")
                        + "."))));
  }

  static Sheet salesOrder(JsonObject so, Map<String, JsonObject> related) {
    return new Sheet(
        "Sales order confirmation",
        so.getString("order_number"),
        List.of(
            new Sheet.Block("Customer", party(related.getOrDefault("customer", new JsonObject()))),
            place("Ships from", related.get("pick_up_location"), so.getString("plant_name")),
            place("Deliver to", related.get("delivery_location"), null)),
        List.of(
            pair("Order date", so.getString("order_date")),
            pair("Pick-up date", so.getString("pick_up_date")),
            pair("Delivery date", so.getString("delivery_date")),
            pair("Your PO number", so.getString("delivery_po_number")),
            pair("Carrier", so.getString("carrier_name")),
            pair("Release number", so.getString("carrier_release_number")),
            pair("Payment terms", so.getString("payment_terms"))),
        lines(so.getJsonArray("lines")),
        List.of(pair("Total", Money.dollars(so.getString("total_amount")))),
        List.of(
            new Sheet.Block("Special instructions", List.of(text(so, "special_instructions"))),
            new Sheet.Block(
                "Terms",
                List.of(
                    "This confirms our sale of the goods above at the prices shown. Payment terms: "
                        + or(so.getString("payment_terms"), "as agreed")
                        + ". Please tell us at once if anything differs from your order."))));
  }

  static Sheet carrierLoad(JsonObject cpo, Map<String, JsonObject> related) {
    JsonObject carrier = related.getOrDefault("carrier", new JsonObject());
    JsonObject po = related.getOrDefault("purchase_order", new JsonObject());
    JsonObject so = related.getOrDefault("sales_order", new JsonObject());
    List<String> carrierLines =
        new ArrayList<>(List.of(or(carrier.getString("name"), cpo.getString("carrier_name"))));
    carrierLines.add(
        join(
            " · ",
            label("MC", carrier.getString("mc_number")),
            label("DOT", carrier.getString("dot_number"))));
    carrierLines.add(
        join(
            " · ",
            carrier.getString("ap_contact_name"),
            carrier.getString("ap_contact_email"),
            carrier.getString("ap_contact_phone")));
    String release =
        or(po.getString("carrier_release_number"), so.getString("carrier_release_number"));
    return new Sheet(
        "Carrier load confirmation",
        cpo.getString("carrier_po_number"),
        List.of(
            new Sheet.Block("Carrier", carrierLines),
            place("Pick up at", related.get("pick_up_location"), po.getString("plant_name")),
            place("Deliver to", related.get("delivery_location"), null)),
        List.of(
            pair("Pick-up date", cpo.getString("pick_up_date")),
            pair("Delivery date", cpo.getString("delivery_date")),
            pair("Release number", release),
            pair("Release format", po.getString("carrier_release_format")),
            pair("Supplier confirmation", po.getString("supplier_confirmation_number")),
            pair("Our purchase order", po.getString("order_number")),
            pair("Our sales order", so.getString("order_number")),
            pair("Consignee PO", so.getString("delivery_po_number")),
            pair("Appointment", po.getString("appointment_method")),
            pair("Payment due", cpo.getString("due_date"))),
        null,
        List.of(pair("Agreed rate", Money.dollars(cpo.getString("rate")))),
        List.of(
            new Sheet.Block("Instructions", List.of(text(cpo, "notes"))),
            new Sheet.Block(
                "Terms",
                List.of(
                    "The rate above is all-in for this load. Quote load confirmation "
                        + cpo.getString("carrier_po_number")
                        + " and the release number on your invoice; keep the product at "
                        + "the temperature on the bill of lading; report any delay before the appointment."))));
  }

  static Sheet invoice(JsonObject inv, Map<String, JsonObject> related, Letterhead head) {
    JsonObject so = related.getOrDefault("sales_order", new JsonObject());
    List<Sheet.Pair> totals = new ArrayList<>();
    totals.add(pair("Subtotal", Money.dollars(inv.getString("subtotal"))));
    totals.add(pair("Tax", Money.dollars(inv.getString("tax_amount"))));
    totals.add(pair("Total", Money.dollars(inv.getString("total_amount"))));
    totals.add(pair("Paid", Money.dollars(inv.getString("paid_amount"))));
    totals.add(pair("Outstanding", Money.dollars(inv.getString("outstanding_amount"))));
    return new Sheet(
        "Invoice",
        inv.getString("invoice_number"),
        List.of(
            new Sheet.Block("Bill to", party(related.getOrDefault("customer", new JsonObject()))),
            new Sheet.Block(
                "Remit to", List.of(or(head.remitTo(), head.name() + "\n" + head.address())))),
        List.of(
            pair("Invoice date", inv.getString("invoice_date")),
            pair("Due date", inv.getString("due_date")),
            pair("Payment terms", inv.getString("payment_terms")),
            pair("Sales order", so.getString("order_number")),
            pair("Your PO number", so.getString("delivery_po_number")),
            pair("Status", inv.getString("status"))),
        lines(inv.getJsonArray("lines")),
        totals,
        List.of(
            new Sheet.Block("Notes", List.of(text(inv, "notes"))),
            new Sheet.Block(
                "Payment",
                List.of(
                    "Please pay "
                        + Money.dollars(inv.getString("outstanding_amount"))
                        + " by "
                        + or(inv.getString("due_date"), "the due date")
                        + ", quoting invoice "
                        + inv.getString("invoice_number")
                        + "."))));
  }

  // ---- pieces --------------------------------------------------------------------------------

  static Sheet.Table lines(JsonArray lines) {
    List<List<String>> rows = new ArrayList<>();
    int n = 0;
    for (Object item : lines == null ? new JsonArray() : lines) {
      JsonObject line = (JsonObject) item;
      n++;
      String description = or(line.getString("description"), line.getString("product_name"));
      String detail =
          join(
              ", ",
              line.getString("protein"),
              line.getString("fresh_or_frozen"),
              line.getString("package_type"));
      Object quantity = line.getValue("quantity");
      String unit = or(line.getString("weight_unit"), "");
      rows.add(
          List.of(
              Integer.toString(n),
              detail.isEmpty() ? description : description + " (" + detail + ")",
              quantity == null ? "" : quantity.toString(),
              (Money.decimal(line.getString("weight")) + " " + unit).strip(),
              "$"
                  + Money.decimal(line.getString("price_per_unit"))
                  + (unit.isEmpty() ? "" : " / " + unit.replaceAll("S$", "")),
              Money.dollars(line.getString("line_total"))));
    }
    return new Sheet.Table(LINE_COLUMNS, rows);
  }

  /** A party's name, address and contact, as lines. */
  static List<String> party(JsonObject p) {
    List<String> lines = new ArrayList<>();
    lines.add(p.getString("name"));
    lines.addAll(address(p));
    lines.add(
        join(" · ", p.getString("contact_person"), p.getString("email"), p.getString("phone")));
    return lines;
  }

  private static Sheet.Block place(String title, JsonObject location, String fallback) {
    List<String> lines = new ArrayList<>();
    if (location != null) {
      lines.add(location.getString("name"));
      lines.addAll(address(location));
      lines.add(join(" · ", location.getString("contact_name"), location.getString("phone")));
    } else {
      lines.add(fallback);
    }
    return new Sheet.Block(title, lines);
  }

  private static List<String> address(JsonObject p) {
    return List.of(
        or(p.getString("street_address"), ""),
        join(" ", join(", ", p.getString("city"), p.getString("state")), p.getString("zip_code")),
        "USA".equals(p.getString("country")) ? "" : or(p.getString("country"), ""));
  }

  private static Sheet.Pair pair(String label, String value) {
    return new Sheet.Pair(label, value == null ? "" : value);
  }

  private static String text(JsonObject record, String field) {
    return or(record.getString(field), "");
  }

  private static String label(String label, String value) {
    return value == null || value.isBlank() ? "" : label + " " + value;
  }

  static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  static String join(String separator, String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        kept.add(p.strip());
      }
    }
    return String.join(separator, kept);
  }
}
