package com.projectmeats.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Binary;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Lists exported as CSV and XLSX hold exactly what the list route shows for the same query
 * (filters, q, ordering, every page), typed cells in the workbook, and text that cannot run as a
 * formula; on both datastores.
 */
class ExportTest {

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
    static final List<String> HOSTILE =
        List.of(
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)");
    Http user;
    Http manager;
    Binary files;
    Binary otherFiles;
    long company;
    long supplier;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void records() {
      Fixtures fx = new Fixtures(app);
      company = fx.company("Export Co");
      Fixtures.Member member = fx.member(company, Role.USER);
      user = bearer(member.token());
      manager = bearer(fx.member(company, Role.MANAGER).token());
      files = new Binary(app, fx.member(company, Role.READONLY).token());
      Fixtures.Member other = fx.member(fx.company("Other Export Co"), Role.USER);
      otherFiles = new Binary(app, other.token());
      assertThat(
              bearer(other.token())
                  .post("/api/v1/suppliers", new JsonObject().put("name", "Theirs Only Packing"))
                  .status())
          .isEqualTo(201);

      supplier =
          user.post(
                  "/api/v1/suppliers",
                  new JsonObject()
                      .put("name", "Zoë's \"Best\", Packing\nPlant 7")
                      .put("state", "TX"))
              .createdId();
      for (String name : HOSTILE) {
        user.post("/api/v1/suppliers", new JsonObject().put("name", name)).createdId();
      }
      for (int i = 0; i < 30; i++) {
        JsonObject po =
            user.post(
                    "/api/v1/purchase-orders",
                    new JsonObject()
                        .put("supplier", supplier)
                        .put("order_date", LocalDate.of(2026, 10, 1).plusDays(i).toString())
                        .put(
                            "carrier_release_number",
                            (i % 2 == 0 ? "REL-CHUCK-" : "REL-BRISKET-") + i)
                        .put(
                            "lines",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("weight", (1000 + i) + ".00")
                                        .put("price_per_unit", "2.4550"))))
                .json();
        if (i % 3 == 0) {
          assertThat(
                  user.post("/api/v1/purchase-orders/" + po.getLong("id") + "/submit", null)
                      .status())
              .isEqualTo(200);
        }
      }
    }

    /** The ids the list route shows for {@code query}, every page of it. */
    List<Long> listed(String resource, String query) {
      List<Long> ids = new ArrayList<>();
      String next = "/api/v1/" + resource + "?page_size=7&" + query;
      while (next != null) {
        JsonObject page = user.get(next).json();
        page.getJsonArray("results").forEach(r -> ids.add(((JsonObject) r).getLong("id")));
        String link = page.getString("next");
        next = link == null ? null : link.substring(link.indexOf("/api/v1/"));
      }
      return ids;
    }

    @Test
    void csvHoldsWhatTheListShowsWithLabelsAndFormulasDefused() {
      String query = "status=pending&ordering=-order_date&order_date_after=2026-10-05";
      HttpResponse<byte[]> response = files.get("/api/v1/purchase-orders/export.csv?" + query);
      assertThat(response.statusCode()).as(Binary.text(response)).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
      assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
          .matches("attachment; filename=\"purchase-orders-\\d{4}-\\d\\d-\\d\\d\\.csv\"");
      String text = new String(response.body(), StandardCharsets.UTF_8);
      assertThat(text).startsWith("\uFEFF");
      List<List<String>> rows = CsvReader.parse(text.substring(1));
      List<String> header = rows.get(0);
      assertThat(header.get(0)).isEqualTo("ID");
      assertThat(header)
          .contains(
              "Order number", "Supplier", "Order date", "Total amount", "Status", "Created on");
      List<Long> expected = listed("purchase-orders", query);
      assertThat(expected).hasSizeGreaterThan(5);
      assertThat(rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.get(0))).toList())
          .isEqualTo(expected);
      JsonObject first = user.get("/api/v1/purchase-orders/" + expected.get(0)).json();
      List<String> row = rows.get(1);
      assertThat(row.get(header.indexOf("Supplier"))).isEqualTo("Zoë's \"Best\", Packing\nPlant 7");
      assertThat(row.get(header.indexOf("Total amount")))
          .isEqualTo(first.getString("total_amount"));
      assertThat(row.get(header.indexOf("Order date"))).isEqualTo(first.getString("order_date"));
      assertThat(row.get(header.indexOf("Status"))).isEqualTo("pending");

      List<List<String>> suppliers =
          CsvReader.parse(
              Binary.text(files.get("/api/v1/suppliers/export.csv?ordering=name")).substring(1));
      int nameColumn = suppliers.get(0).indexOf("Name");
      List<String> names = suppliers.stream().skip(1).map(r -> r.get(nameColumn)).toList();
      assertThat(names)
          .contains(
              "'=HYPERLINK(\"http://evil.example\",\"x\")",
              "'+1+cmd|' /C calc'!A0",
              "'-2+3",
              "'@SUM(A1)")
          .doesNotContain("Theirs Only Packing");
      assertThat(names)
          .allSatisfy(
              n -> assertThat(n).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@"));
    }

    @Test
    void searchAndOtherFiltersSelectTheSameRowsAsTheList() {
      for (String query :
          List.of(
              "q=chuck&ordering=order_date",
              "q=brisket&ordering=-total_amount",
              "supplier=" + supplier,
              "ordering=total_amount",
              "payment_status=unpaid&ordering=-id")) {
        List<List<String>> rows =
            CsvReader.parse(
                Binary.text(files.get("/api/v1/purchase-orders/export.csv?" + query)).substring(1));
        assertThat(rows.size()).as(query).isGreaterThan(5);
        assertThat(rows.stream().skip(1).map(r -> Long.parseLong(r.get(0))).toList())
            .as(query)
            .isEqualTo(listed("purchase-orders", query));
      }
    }

    @Test
    void xlsxHasTypedCellsMoneyInCurrencyDatesAsDatesAndTextAsText() throws IOException {
      String query = "ordering=order_date&q=chuck";
      HttpResponse<byte[]> response = files.get("/api/v1/purchase-orders/export.xlsx?" + query);
      assertThat(response.statusCode()).as(Binary.text(response)).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      List<Long> expected = listed("purchase-orders", query);
      assertThat(expected).hasSize(15);
      try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
        Sheet sheet = book.getSheetAt(0);
        Row header = sheet.getRow(0);
        List<String> labels = new ArrayList<>();
        header.forEach(c -> labels.add(c.getStringCellValue()));
        assertThat(labels.get(0)).isEqualTo("ID");
        assertThat(labels).contains("Order number", "Supplier", "Total amount", "Order date");
        assertThat(sheet.getLastRowNum()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
          Row row = sheet.getRow(i + 1);
          assertThat((long) row.getCell(0).getNumericCellValue()).isEqualTo(expected.get(i));
          JsonObject record = user.get("/api/v1/purchase-orders/" + expected.get(i)).json();
          Cell total = row.getCell(labels.indexOf("Total amount"));
          assertThat(total.getCellType()).isEqualTo(CellType.NUMERIC);
          assertThat(String.format("%.2f", total.getNumericCellValue()))
              .isEqualTo(record.getString("total_amount"));
          assertThat(total.getCellStyle().getDataFormatString()).contains("$").endsWith("0.00");
          Cell date = row.getCell(labels.indexOf("Order date"));
          assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
          assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
          assertThat(date.getLocalDateTimeCellValue().toLocalDate())
              .isEqualTo(LocalDate.parse(record.getString("order_date")));
          Cell created = row.getCell(labels.indexOf("Created on"));
          assertThat(DateUtil.isCellDateFormatted(created)).isTrue();
          assertThat(created.getLocalDateTimeCellValue().toInstant(java.time.ZoneOffset.UTC))
              .isEqualTo(Instant.parse(record.getString("created_on")));
          Cell name = row.getCell(labels.indexOf("Supplier"));
          assertThat(name.getCellType()).isEqualTo(CellType.STRING);
          assertThat(name.getStringCellValue()).isEqualTo("Zoë's \"Best\", Packing\nPlant 7");
        }
      }
      try (XSSFWorkbook book =
          new XSSFWorkbook(
              new ByteArrayInputStream(
                  files.get("/api/v1/suppliers/export.xlsx?ordering=name").body()))) {
        List<String> names = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        book.getSheetAt(0).getRow(0).forEach(c -> labels.add(c.getStringCellValue()));
        int nameColumn = labels.indexOf("Name");
        book.getSheetAt(0)
            .forEach(
                r -> {
                  if (r.getRowNum() > 0) {
                    assertThat(r.getCell(nameColumn).getCellType()).isEqualTo(CellType.STRING);
                    names.add(r.getCell(nameColumn).getStringCellValue());
                  }
                });
        // In a workbook a string cell is never a formula, so the text stays exactly as typed.
        assertThat(names).containsAll(HOSTILE).doesNotContain("Theirs Only Packing");
      }
    }

    @Test
    void manyPagesOfRowsArriveOnceEachInOrder() {
      int n = 1234;
      Fixtures.await(
          app.app()
              .database()
              .sql()
              .update(
                  """
          WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $1)
          INSERT INTO locations (company_id, name, code, location_type, country, created_on, modified_on, version, supplier_id)
          SELECT $2, 'Dock ' || i, 'D' || i, 'both', 'USA', $3, $3, 1, $4 FROM seq""",
                  n,
                  company,
                  Instant.now(),
                  supplier));
      HttpResponse<byte[]> response = files.get("/api/v1/locations/export.csv?ordering=code");
      assertThat(response.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(n));
      List<List<String>> rows = CsvReader.parse(Binary.text(response).substring(1));
      assertThat(rows).hasSize(n + 1);
      assertThat(rows.stream().skip(1).map(r -> Long.parseLong(r.get(0))).distinct().count())
          .isEqualTo(n);
      int codeColumn = rows.get(0).indexOf("Code");
      List<String> codes = rows.stream().skip(1).map(r -> r.get(codeColumn)).toList();
      assertThat(codes).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void refusalsComeBeforeAnyFileAndNamesTheProblem() {
      HttpResponse<byte[]> unknown = files.get("/api/v1/purchase-orders/export.csv?colour=red");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      assertThat(new JsonObject(Binary.text(unknown)).getJsonObject("errors").fieldNames())
          .containsExactly("colour");
      assertThat(files.get("/api/v1/purchase-orders/export.xlsx?ordering=password").statusCode())
          .isEqualTo(400);
      assertThat(
              files
                  .get("/api/v1/purchase-orders/export.xlsx?order_date_after=yesterday")
                  .statusCode())
          .isEqualTo(400);
      assertThat(files.get("/api/v1/purchase-orders/export.pdf").statusCode()).isEqualTo(404);
      assertThat(app.http().get("/api/v1/purchase-orders/export.csv").status()).isEqualTo(401);
      List<List<String>> theirs =
          CsvReader.parse(
              Binary.text(otherFiles.get("/api/v1/purchase-orders/export.csv")).substring(1));
      assertThat(theirs).hasSize(1);
    }
  }
}
