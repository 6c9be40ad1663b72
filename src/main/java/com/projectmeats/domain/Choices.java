package com.projectmeats.domain;

import java.util.List;

/** The choice lists brokers already know (docs/domain.md), spelled exactly as they are used. */
public final class Choices {
  private Choices() {}

  public static final List<String> PROTEIN =
      List.of("Beef", "Chicken", "Pork", "Lamb", "Turkey", "Fish", "Horse", "Other");
  public static final List<String> EDIBLE_INEDIBLE =
      List.of("Edible", "Inedible", "Edible & Inedible");
  public static final List<String> FRESH_OR_FROZEN = List.of("Fresh", "Frozen");
  public static final List<String> NET_OR_CATCH = List.of("Net", "Catch");
  public static final List<String> PACKAGE_TYPE =
      List.of(
          "Boxed wax lined",
          "Boxed CO2",
          "Combo bins",
          "Totes",
          "Bags",
          "Bulk",
          "Poly-Multiple",
          "Nude");
  public static final List<String> PLANT_TYPE =
      List.of("Vertical", "Processor", "Distributor", "Renderer");
  public static final List<String> CERTIFICATE_TYPE =
      List.of(
          "3rd Party", "BRC", "FSSAI", "SQF", "IFS", "ISO", "HACCP", "Halal", "Kosher", "Organic");
  public static final List<String> ORIGIN = List.of("Domestic", "Imported");
  public static final List<String> COUNTRY_ORIGIN =
      List.of("USA", "CAN", "MEX", "BRA", "AUS", "NZL");
  public static final List<String> SHIPPING_OFFERED =
      List.of(
          "Yes - Domestic",
          "Yes - International",
          "Yes - Exported",
          "Yes - Domestic & Exported",
          "No");
  public static final List<String> INDUSTRY =
      List.of("Pet Sector", "Processor", "Retail", "Wholesaler", "Food Service", "Export");
  public static final List<String> PAYMENT_TERMS = List.of("Wire", "ACH", "Check", "Credit Card");
  public static final List<String> CREDIT_LIMIT =
      List.of("Wire 1 day prior", "Net 7", "Net 15", "Net 30", "Net 45", "Net 60");
  public static final List<String> LINE_OF_CREDIT =
      List.of(
          "$0 - $50,000",
          "$50,000 - $100,000",
          "$100,000 - $250,000",
          "$250,000 - $500,000",
          "$500,000 - $1,000,000",
          "$1,000,000+");
  public static final List<String> WEIGHT_UNIT = List.of("LBS", "KG");
  public static final List<String> APPOINTMENT_METHOD =
      List.of("Email", "Phone", "Website", "Fax", "First Come First Serve");
  public static final List<String> CARRIER_TYPE = List.of("truck", "rail", "air", "sea", "other");
  public static final List<String> CARRIER_RELEASE_FORMAT =
      List.of("Supplier Confirmation Order Number", "Carrier Release Number", "Both");
  public static final List<String> LOAD_STATUS = List.of("Matched", "TBD - Not Matched");
  public static final List<String> LOGISTICS_SCENARIO =
      List.of("customer_pickup", "supplier_delivery", "we_pickup");
  public static final List<String> RECORD_STATUS = List.of("active", "inactive", "archived");
  public static final List<String> CONTACT_TYPE =
      List.of(
          "Sales", "Accounting", "Logistics", "Quality", "Executive", "BOL", "COA", "POD", "Other");
  public static final List<String> LOCATION_TYPE = List.of("pick_up", "delivery", "both");
  public static final List<String> PAYMENT_METHOD =
      List.of("wire", "ach", "check", "credit_card", "cash", "other");
  public static final List<String> PAYMENT_STATUS = List.of("unpaid", "partial", "paid");
  public static final List<String> CLAIM_TYPE = List.of("payable", "receivable");
  public static final List<String> YES_NO = List.of("Yes", "No");
}
