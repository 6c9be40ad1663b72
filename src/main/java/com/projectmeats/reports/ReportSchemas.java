package com.projectmeats.reports;

import com.projectmeats.core.http.Schema;
import io.vertx.core.json.JsonObject;

/** The bodies of the reports: aging by bucket, and the dashboard. */
final class ReportSchemas {
  private ReportSchemas() {}

  private static final Schema MONEY = Schema.decimal(2);

  private static Schema.ObjectSchema buckets() {
    Schema.ObjectSchema amounts = Schema.object();
    for (String bucket : Aging.BUCKETS) {
      amounts = amounts.required(bucket, MONEY);
    }
    return amounts.required("total", MONEY);
  }

  static final Schema.Named AGING =
      Schema.named(
          "AgingReport",
          Schema.object()
              .required("as_of", Schema.date())
              .required(
                  "buckets",
                  Schema.arrayOf(Schema.oneOf(Aging.BUCKETS))
                      .describe("The buckets, by days past due, in order."))
              .required(
                  "parties",
                  Schema.arrayOf(
                          Schema.named(
                              "AgingParty",
                              buckets()
                                  .required("id", Schema.id())
                                  .required("name", Schema.string())))
                      .describe("Each party with an open amount, largest total first."))
              .required("totals", Schema.named("AgingTotals", buckets()))
              .describe("Open amounts by days past due, as of a date."));

  private static final Schema COUNT_BY_STATUS =
      Schema.of(
              new JsonObject()
                  .put("type", "object")
                  .put(
                      "additionalProperties",
                      new JsonObject().put("type", "integer").put("minimum", 0)))
          .describe("Open orders by status (delivered and cancelled left out).");

  private static final Schema TOP =
      Schema.arrayOf(
          Schema.named(
              "PartyTotal",
              Schema.object()
                  .required("id", Schema.id())
                  .required("name", Schema.string())
                  .required("total", MONEY)));

  static final Schema.Named DASHBOARD =
      Schema.named(
          "Dashboard",
          Schema.object()
              .required(
                  "open_orders",
                  Schema.object()
                      .required("purchase", COUNT_BY_STATUS)
                      .required("sales", COUNT_BY_STATUS))
              .required(
                  "monthly",
                  Schema.arrayOf(
                      Schema.object()
                          .required("month", Schema.string().with("pattern", "^\\d{4}-\\d{2}$"))
                          .required("revenue", MONEY)
                          .required("cost", MONEY)
                          .required(
                              "margin",
                              Schema.decimal(2)
                                  .describe("Revenue less cost; negative when cost is higher."))))
              .required("top_customers", TOP)
              .required("top_suppliers", TOP)
              .required(
                  "unmatched_loads",
                  Schema.integer().describe("Open sales orders not matched to a purchase order.")));
}
