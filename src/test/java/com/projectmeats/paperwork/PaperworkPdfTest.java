package com.projectmeats.paperwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Binary;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The four documents downloaded as a member would, their text read back out with PDFBox and
 * compared with the records: letterhead, parties, lines and totals to the cent, terms, page
 * numbers, a 200-line order across pages with its table header on each; on both datastores.
 */
class PaperworkPdfTest {

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  abstract static class Contract extends OnEachDatastore {
    static final String LEGAL_NAME = "Carnes Peñasco Brokerage, S.A. — Zoë Müller";
    Http user;
    Http manager;
    Binary readonlyFiles;
    Binary otherFiles;
    long supplier;
    long customer;
    long carrier;
    long pickUp;
    long delivery;

    Contract(Datastore datastore) {
      super(datastore);
    }

    /**
     * Writing a 200-line order is one transaction of 200 inserts: on a busy shared machine it needs
     * more than the default 5 s.
     */
    @Override
    protected TestApp startApp() {
      return TestApp.start(datastore, Map.of("DB_QUERY_TIMEOUT_MS", "30000"));
    }

    @BeforeAll
    void records() throws IOException {
      Fixtures fx = new Fixtures(app);
      long company = fx.company("Paper Co");
      Fixtures.Member owner = fx.member(company, Role.OWNER);
      Http ownerApi = bearer(owner.token());
      assertThat(
              ownerApi
                  .patch(
                      "/api/v1/company/profile",
                      new JsonObject()
                          .put("legal_name", LEGAL_NAME)
                          .put("address", "12 Stockyards Rd\nAmarillo, TX 79101")
                          .put("phone", "+1 806 555 0100")
                          .put("email", "orders@penasco.example")
                          .put(
                              "remit_to",
                              "Wire to First Plains Bank, ABA 111000025, acct 0042-7781"))
                  .status())
          .isEqualTo(200);
      BufferedImage logo = new BufferedImage(200, 60, BufferedImage.TYPE_INT_RGB);
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(logo, "png", png);
      assertThat(
              new Binary(app, owner.token())
                  .upload(
                      "/api/v1/company/profile/logo", "logo.png", "image/png", png.toByteArray())
                  .statusCode())
          .isEqualTo(200);
      user = bearer(fx.member(company, Role.USER).token());
      manager = bearer(fx.member(company, Role.MANAGER).token());
      readonlyFiles = new Binary(app, fx.member(company, Role.READONLY).token());
      otherFiles = new Binary(app, fx.member(fx.company("Other Co"), Role.OWNER).token());

      supplier =
          user.post(
                  "/api/v1/suppliers",
                  new JsonObject()
                      .put("name", "Frigorífico São João")
                      .put("street_address", "Rua das Flores 100")
                      .put("city", "Goiânia")
                      .put("state", "GO")
                      .put("country", "Brazil")
                      .put("contact_person", "Inês Araújo")
                      .put("email", "ines@saojoao.example"))
              .createdId();
      customer =
          user.post(
                  "/api/v1/customers",
                  new JsonObject()
                      .put("name", "Heartland Foods")
                      .put("street_address", "400 Market St")
                      .put("city", "Omaha")
                      .put("state", "NE")
                      .put("zip_code", "68102"))
              .createdId();
      carrier =
          user.post(
                  "/api/v1/carriers",
                  new JsonObject()
                      .put("name", "Lone Star Reefer")
                      .put("code", "LSR")
                      .put("mc_number", "MC-778812")
                      .put("ap_contact_email", "ap@lonestar.example"))
              .createdId();
      pickUp =
          user.post(
                  "/api/v1/locations",
                  new JsonObject()
                      .put("name", "Plant 7 Dock")
                      .put("supplier", supplier)
                      .put("street_address", "1 Packing Way")
                      .put("city", "Dodge City")
                      .put("state", "KS"))
              .createdId();
      delivery =
          user.post(
                  "/api/v1/locations",
                  new JsonObject()
                      .put("name", "Heartland DC")
                      .put("customer", customer)
                      .put("street_address", "9 Cold Chain Blvd")
                      .put("city", "Omaha")
                      .put("state", "NE"))
              .createdId();
    }

    static JsonObject line(String description, String weight, String price) {
      return new JsonObject()
          .put("description", description)
          .put("weight", weight)
          .put("price_per_unit", price)
          .put("quantity", 800)
          .put("protein", "Beef")
          .put("fresh_or_frozen", "Frozen");
    }

    /**
     * The PDF's text, one string per page, with each run of white space (line breaks too) as one
     * space.
     */
    static List<String> pages(HttpResponse<byte[]> response) throws IOException {
      assertThat(response.statusCode()).as(Binary.text(response)).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
      try (PDDocument pdf = Loader.loadPDF(response.body())) {
        List<String> pages = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper();
        for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
          stripper.setStartPage(p);
          stripper.setEndPage(p);
          pages.add(stripper.getText(pdf).replaceAll("\\s+", " "));
        }
        return pages;
      }
    }

    @Test
    void purchaseOrderPrintsLetterheadSupplierLinesAndExactTotals() throws IOException {
      JsonObject po =
          user.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", supplier)
                      .put("order_date", "2026-11-20")
                      .put("pick_up_date", "2026-11-24")
                      .put("delivery_date", "2026-11-26")
                      .put("pick_up_location", pickUp)
                      .put("delivery_location", delivery)
                      .put("payment_terms", "Wire")
                      .put("carrier_release_number", "REL-5521")
                      .put("special_instructions", "Keep at -18 °C; call Zoë before loading.")
                      .put(
                          "lines",
                          new JsonArray()
                              .add(line("Beef chuck roll, choice", "32000.00", "2.4500"))
                              .add(line("Beef brisket, select", "18000.00", "3.1000"))
                              .add(line("Beef trim 90CL", "1000.00", "1.0055"))))
              .json();
      assertThat(po.getString("total_amount")).isEqualTo("135205.50");
      HttpResponse<byte[]> response =
          readonlyFiles.get("/api/v1/purchase-orders/" + po.getLong("id") + "/pdf");
      assertThat(response.headers().firstValue("Content-Disposition"))
          .hasValue(
              "attachment; filename=\"purchase-order-" + po.getString("order_number") + ".pdf\"");
      List<String> pages = pages(response);
      assertThat(pages).hasSize(1);
      String text = pages.get(0);
      assertThat(text)
          .contains(
              LEGAL_NAME,
              "12 Stockyards Rd",
              "Amarillo, TX 79101",
              "orders@penasco.example",
              "PURCHASE ORDER",
              "No. " + po.getString("order_number"),
              "Frigorífico São João",
              "Rua das Flores 100",
              "Goiânia, GO",
              "Brazil",
              "Inês Araújo",
              "Plant 7 Dock",
              "Dodge City, KS",
              "Heartland DC",
              "2026-11-20",
              "2026-11-24",
              "2026-11-26",
              "REL-5521",
              "Wire",
              "Beef chuck roll, choice",
              "32,000.00 LBS",
              "$2.4500 / LB",
              "$78,400.00",
              "Beef brisket, select",
              "$55,800.00",
              "Beef trim 90CL",
              "$1,005.50",
              "Total",
              "$135,205.50",
              "Keep at -18 °C; call Zoë before loading.",
              "Page 1 of 1");
      // The total printed is the sum of the line totals printed, to the cent.
      assertThat(sum(text, List.of("$78,400.00", "$55,800.00", "$1,005.50")))
          .isEqualByComparingTo("135205.50");
    }

    @Test
    void twoHundredLinesBreakAcrossPagesWithTheHeaderOnEachAndEveryLineOnce() throws IOException {
      JsonArray lines = new JsonArray();
      BigDecimal expected = BigDecimal.ZERO;
      for (int i = 1; i <= 200; i++) {
        String weight = (1000 + i) + ".00";
        String price = "2." + String.format("%04d", i * 37);
        lines.add(
            new JsonObject()
                .put("description", "Item " + i + " boxed beef")
                .put("weight", weight)
                .put("price_per_unit", price));
        expected =
            expected.add(
                new BigDecimal(weight)
                    .multiply(new BigDecimal(price))
                    .setScale(2, java.math.RoundingMode.HALF_UP));
      }
      Http.Response created =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject().put("supplier", supplier).put("lines", lines));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      JsonObject po = created.json();
      assertThat(new BigDecimal(po.getString("total_amount"))).isEqualByComparingTo(expected);
      List<String> pages =
          pages(readonlyFiles.get("/api/v1/purchase-orders/" + po.getLong("id") + "/pdf"));
      assertThat(pages.size()).isGreaterThan(3);
      String all = String.join("\n", pages);
      for (int p = 0; p < pages.size(); p++) {
        assertThat(pages.get(p)).contains("Page " + (p + 1) + " of " + pages.size());
        if (p > 0) {
          assertThat(pages.get(p)).contains("(continued)");
        }
        boolean hasLines = pages.get(p).contains("boxed beef");
        if (hasLines) {
          assertThat(pages.get(p))
              .as("page %d repeats the table header", p + 1)
              .contains("Description", "Price / unit", "Line total");
        }
      }
      for (int i = 1; i <= 200; i++) {
        assertThat(count(all, "Item " + i + " boxed beef")).as("line %d", i).isEqualTo(1);
      }
      assertThat(pages.get(pages.size() - 1)).contains(Money.dollars(expected.toPlainString()));
      // Every line's printed total, added up, is the order's printed total.
      Matcher m =
          Pattern.compile(
                  "boxed beef (?:\\d+ )?[\\d,]+\\.\\d{2} LBS \\$[\\d.]+ / LB (\\$[\\d,]+\\.\\d{2})")
              .matcher(all);
      BigDecimal printed = BigDecimal.ZERO;
      int found = 0;
      while (m.find()) {
        printed = printed.add(new BigDecimal(m.group(1).replace("$", "").replace(",", "")));
        found++;
      }
      assertThat(found).isEqualTo(200);
      assertThat(printed).isEqualByComparingTo(expected);
    }

    @Test
    void salesOrderConfirmationCarrierLoadAndInvoiceSayWhatTheirRecordsSay() throws IOException {
      JsonObject po =
          user.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", supplier)
                      .put("carrier_release_number", "REL-9001")
                      .put("supplier_confirmation_number", "SJ-CONF-77")
                      .put("lines", new JsonArray().add(line("Chuck", "100.00", "2.0000"))))
              .json();
      JsonObject so =
          user.post(
                  "/api/v1/sales-orders",
                  new JsonObject()
                      .put("customer", customer)
                      .put("purchase_order", po.getLong("id"))
                      .put("order_date", "2026-11-21")
                      .put("delivery_po_number", "HF-PO-3310")
                      .put("delivery_location", delivery)
                      .put("lines", new JsonArray().add(line("Chuck roll", "32000.00", "2.6000"))))
              .json();
      String soText =
          String.join(
              "", pages(readonlyFiles.get("/api/v1/sales-orders/" + so.getLong("id") + "/pdf")));
      assertThat(soText)
          .contains(
              LEGAL_NAME,
              "SALES ORDER CONFIRMATION",
              "No. " + so.getString("order_number"),
              "Heartland Foods",
              "400 Market St",
              "Omaha, NE 68102",
              "HF-PO-3310",
              "2026-11-21",
              "Chuck roll",
              "$83,200.00",
              "Page 1 of 1");

      JsonObject load =
          user.post(
                  "/api/v1/carrier-purchase-orders",
                  new JsonObject()
                      .put("carrier", carrier)
                      .put("purchase_order", po.getLong("id"))
                      .put("sales_order", so.getLong("id"))
                      .put("pick_up_location", pickUp)
                      .put("delivery_location", delivery)
                      .put("pick_up_date", "2026-11-24")
                      .put("delivery_date", "2026-11-26")
                      .put("rate", "2350.00")
                      .put("notes", "Reefer at 28 °F. Two-hour appointment window."))
              .json();
      String loadText =
          String.join(
              "",
              pages(
                  readonlyFiles.get(
                      "/api/v1/carrier-purchase-orders/" + load.getLong("id") + "/pdf")));
      assertThat(loadText)
          .contains(
              "CARRIER LOAD CONFIRMATION",
              "No. " + load.getString("carrier_po_number"),
              "Lone Star Reefer",
              "MC MC-778812",
              "Plant 7 Dock",
              "1 Packing Way",
              "Dodge City, KS",
              "Heartland DC",
              "9 Cold Chain Blvd",
              "2026-11-24",
              "2026-11-26",
              "REL-9001",
              "SJ-CONF-77",
              po.getString("order_number"),
              "HF-PO-3310",
              "Agreed rate",
              "$2,350.00",
              "Reefer at 28 °F.");

      JsonObject invoice =
          user.post(
                  "/api/v1/invoices",
                  new JsonObject()
                      .put("customer", customer)
                      .put("sales_order", so.getLong("id"))
                      .put("invoice_date", "2026-11-27")
                      .put("due_date", "2026-12-27")
                      .put("tax_amount", "12.34")
                      .put("lines", new JsonArray().add(line("Chuck roll", "32000.00", "2.6000"))))
              .json();
      assertThat(
              manager
                  .post(
                      "/api/v1/payments",
                      new JsonObject()
                          .put("invoice", invoice.getLong("id"))
                          .put("amount", "20000.01")
                          .put("method", "wire"))
                  .status())
          .isEqualTo(201);
      String invoiceText =
          String.join(
              "", pages(readonlyFiles.get("/api/v1/invoices/" + invoice.getLong("id") + "/pdf")));
      assertThat(invoiceText)
          .contains(
              "INVOICE",
              "No. " + invoice.getString("invoice_number"),
              "Bill to".toUpperCase(),
              "Heartland Foods",
              "Wire to First Plains Bank, ABA 111000025, acct 0042-7781",
              "2026-11-27",
              "2026-12-27",
              "Subtotal",
              "$83,200.00",
              "Tax",
              "$12.34",
              "$83,212.34",
              "Paid",
              "$20,000.01",
              "Outstanding",
              "$63,212.33",
              "Please pay $63,212.33 by 2026-12-27",
              "HF-PO-3310");
    }

    @Test
    void textThatDoesNotFitWrapsAndLettersTheFontLacksDoNotFailTheDocument() throws IOException {
      String longWord = "X".repeat(400);
      String instructions =
          "Start of the instructions. "
              + "Keep the load sealed until the consignee signs. ".repeat(60)
              + longWord
              + " 牛肉 End of the instructions.";
      JsonObject po =
          user.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", supplier)
                      .put("special_instructions", instructions)
                      .put(
                          "lines",
                          new JsonArray()
                              .add(
                                  line(
                                      "A description long enough to need more than one line in its column, "
                                          + "because brokers write what the plant must pack in the line itself",
                                      "10.00",
                                      "1.0000"))))
              .json();
      List<String> pages =
          pages(readonlyFiles.get("/api/v1/purchase-orders/" + po.getLong("id") + "/pdf"));
      String all = String.join("", pages);
      assertThat(all)
          .contains(
              "Start of the instructions.", "?? End of the instructions.", "because brokers write");
      assertThat(all.replaceAll("\\s", "")).contains(longWord);
    }

    @Test
    void onlyTheCompanysOwnRecordsAndOnlyRealIds() {
      JsonObject po =
          user.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", supplier)
                      .put("lines", new JsonArray().add(line("Chuck", "1.00", "1.0000"))))
              .json();
      HttpResponse<byte[]> theirs =
          otherFiles.get("/api/v1/purchase-orders/" + po.getLong("id") + "/pdf");
      assertThat(theirs.statusCode()).isEqualTo(404);
      assertThat(theirs.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(readonlyFiles.get("/api/v1/purchase-orders/99999999/pdf").statusCode())
          .isEqualTo(404);
      assertThat(readonlyFiles.get("/api/v1/purchase-orders/abc/pdf").statusCode()).isEqualTo(404);
      assertThat(readonlyFiles.get("/api/v1/suppliers/" + supplier + "/pdf").statusCode())
          .isEqualTo(404);
    }

    private static int count(String text, String needle) {
      return text.split(Pattern.quote(needle) + "(?!\\d)", -1).length - 1;
    }

    private static BigDecimal sum(String text, List<String> amounts) {
      BigDecimal total = BigDecimal.ZERO;
      for (String a : amounts) {
        assertThat(text).contains(a);
        total = total.add(new BigDecimal(a.replace("$", "").replace(",", "")));
      }
      return total;
    }
  }
}
