package com.projectmeats.paperwork;

import com.projectmeats.company.Letterhead;
import com.projectmeats.company.ProfileStore;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The company's outgoing paperwork as PDF: purchase orders (to the supplier), sales order
 * confirmations (to the customer), carrier load confirmations (carrier purchase orders) and
 * invoices, under the company's letterhead.
 *
 * <p>Use {@link #render(Principal, String, long)} wherever a document is needed (the download
 * route, a mail attachment): it reads the record as {@code caller} may see it, so another company's
 * id fails with the same 404 {@code ApiException} as a read would, and draws the PDF on a worker
 * thread, never on the event loop. {@link Rendered#filename()} is a safe attachment name such as
 * {@code purchase-order-10001.pdf}; {@link Rendered#pdf()} the bytes. {@link #renders(String)} says
 * which resources have paperwork.
 */
public final class Paperwork {
  /** A finished document. */
  public record Rendered(String filename, Buffer pdf) {}

  private enum Kind {
    PURCHASE_ORDER(
        "purchase-orders",
        "purchase-order",
        "order_number",
        List.of("supplier", "pick_up_location", "delivery_location")),
    SALES_ORDER(
        "sales-orders",
        "sales-order",
        "order_number",
        List.of("customer", "pick_up_location", "delivery_location")),
    CARRIER_LOAD(
        "carrier-purchase-orders",
        "load-confirmation",
        "carrier_po_number",
        List.of(
            "carrier", "pick_up_location", "delivery_location", "purchase_order", "sales_order")),
    INVOICE("invoices", "invoice", "invoice_number", List.of("customer", "sales_order"));

    final String resource;
    final String filePrefix;
    final String numberField;
    final List<String> related;

    Kind(String resource, String filePrefix, String numberField, List<String> related) {
      this.resource = resource;
      this.filePrefix = filePrefix;
      this.numberField = numberField;
      this.related = related;
    }

    static Kind of(String resource) {
      for (Kind k : values()) {
        if (k.resource.equals(resource)) {
          return k;
        }
      }
      throw new IllegalArgumentException(resource + " has no paperwork");
    }
  }

  public static final Set<String> RESOURCES =
      Set.of("purchase-orders", "sales-orders", "carrier-purchase-orders", "invoices");

  private final Vertx vertx;
  private final ResourceService records;
  private final ProfileStore profiles;

  public Paperwork(Vertx vertx, ResourceService records, ProfileStore profiles) {
    this.vertx = vertx;
    this.records = records;
    this.profiles = profiles;
  }

  public boolean renders(String resource) {
    return RESOURCES.contains(resource);
  }

  /**
   * The record's document as the caller's company sends it out; fails as a read of the record
   * would.
   */
  public Future<Rendered> render(Principal caller, String resource, long id) {
    Kind kind = Kind.of(resource);
    Resource declared = records.catalog().get(resource);
    return records
        .read(caller, declared, id)
        .compose(
            found -> {
              JsonObject record = found.body();
              Future<Map<String, JsonObject>> related = related(caller, declared, kind, record);
              Future<Letterhead> head = profiles.letterhead(caller.company());
              return Future.all(related, head)
                  .compose(
                      both ->
                          vertx.executeBlocking(
                              () -> {
                                Sheet sheet =
                                    switch (kind) {
                                      case PURCHASE_ORDER ->
                                          Sheets.purchaseOrder(record, related.result());
                                      case SALES_ORDER ->
                                          Sheets.salesOrder(record, related.result());
                                      case CARRIER_LOAD ->
                                          Sheets.carrierLoad(record, related.result());
                                      case INVOICE ->
                                          Sheets.invoice(record, related.result(), head.result());
                                    };
                                return new Rendered(
                                    filename(kind, record),
                                    Buffer.buffer(SheetPdf.render(sheet, head.result())));
                              },
                              false));
            });
  }

  /**
   * The records the document names (the supplier, the places, the linked orders), each read in the
   * caller's company.
   */
  private Future<Map<String, JsonObject>> related(
      Principal caller, Resource declared, Kind kind, JsonObject record) {
    Map<String, JsonObject> found = new LinkedHashMap<>();
    List<Future<?>> reads = new ArrayList<>();
    for (String field : kind.related) {
      Long id = record.getLong(field);
      if (id == null) {
        continue;
      }
      String target = declared.field(field).orElseThrow().reference();
      reads.add(records.get(caller, target, id).onSuccess(r -> found.put(field, r)));
    }
    return Future.all(reads).map(done -> found);
  }

  static String filename(Kind kind, JsonObject record) {
    String number = String.valueOf(record.getValue(kind.numberField, record.getLong("id")));
    String safe = number.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
    return kind.filePrefix
        + "-"
        + (safe.isEmpty() ? record.getLong("id").toString() : safe)
        + ".pdf";
  }
}
