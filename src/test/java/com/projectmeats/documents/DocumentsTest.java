package com.projectmeats.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FakeOpenAi;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Upload, background reading into drafts, review, accept and reject, on both datastores. */
class DocumentsTest {

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
    private final FakeOpenAi fake = new FakeOpenAi();
    private Fixtures fixtures;
    private long company;
    private Fixtures.Member user;
    private Http http;
    private long supplierId;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @Override
    protected TestApp startApp() {
      return TestApp.start(
          datastore,
          Map.of(
              "OPENAI_API_KEY",
              FakeOpenAi.KEY,
              "OPENAI_BASE_URL",
              fake.baseUrl(),
              "OPENAI_MODEL",
              "gpt-test",
              "ASSISTANT_FIRST_TOKEN_TIMEOUT_MS",
              "5000"));
    }

    @BeforeAll
    void start() {
      fixtures = new Fixtures(app);
      company = fixtures.company("Prairie Meats");
      user = fixtures.member(company, Role.USER);
      http = bearer(user.token());
      Http.Response supplier =
          http.post("/api/v1/suppliers", new JsonObject().put("name", "Cactus Packing"));
      assertThat(supplier.status()).as(supplier.toString()).isEqualTo(201);
      supplierId = supplier.json().getLong("id");
      http.post(
          "/api/v1/carriers", new JsonObject().put("name", "Red River Freight").put("code", "RRF"));
      http.post(
          "/api/v1/carriers",
          new JsonObject().put("name", "Red River Logistics").put("code", "RRL"));
    }

    @AfterAll
    void stopFake() {
      fake.close();
    }

    @BeforeEach
    void reset() {
      fake.reset();
    }

    // ---- the pipeline -------------------------------------------------------------------------

    @Test
    void aPdfIsReadIntoADraftWithReferencesResolvedAndFlags() throws IOException {
      fake.enqueue(FakeOpenAi.text(poAnswer().encode()));
      JsonObject doc =
          uploadAndWait(
              "po-4471.pdf",
              "application/pdf",
              pdf("PURCHASE ORDER PO-4471", "Supplier: Cactus Packing"),
              "purchase-orders");

      assertThat(doc.getString("status")).as(doc.encode()).isEqualTo("needs_review");
      assertThat(doc.getString("content_type")).isEqualTo("application/pdf");
      JsonObject request = fake.request(0).body();
      JsonObject format = request.getJsonObject("response_format");
      assertThat(format.getString("type")).isEqualTo("json_schema");
      assertThat(format.getJsonObject("json_schema").getBoolean("strict")).isTrue();
      JsonObject schema = format.getJsonObject("json_schema").getJsonObject("schema");
      assertThat(schema.getBoolean("additionalProperties")).isFalse();
      assertThat(schema.getJsonObject("properties").fieldNames())
          .contains("supplier_name", "order_date", "lines", "guessed")
          .doesNotContain("supplier", "total_amount", "status");
      assertThat(schema.getJsonArray("required").getList())
          .containsAll(schema.getJsonObject("properties").fieldNames());
      assertThat(userText(request)).contains("PURCHASE ORDER PO-4471").contains("Cactus Packing");

      JsonObject draft = doc.getJsonObject("draft");
      assertThat(draft.getLong("supplier")).isEqualTo(supplierId);
      assertThat(draft.getString("order_date")).isEqualTo("2026-11-20");
      assertThat(draft.containsKey("carrier")).isFalse();
      assertThat(draft.getJsonArray("lines")).hasSize(2);
      JsonObject flags = doc.getJsonObject("flags");
      assertThat(flags.fieldNames())
          .containsExactlyInAnyOrder("carrier", "plant", "lines[1].weight", "order_date");
      assertThat(flags.getString("carrier")).contains("Red River").contains("2");
      assertThat(flags.getString("plant")).contains("No plant named");
      assertThat(flags.getString("lines[1].weight")).contains("decimal");
      assertThat(flags.getString("order_date")).contains("Guessed");
    }

    @Test
    void anImageGoesToTheModelAsAnImageAndUnchosenTargetsAreClassified() throws IOException {
      fake.enqueue(
          FakeOpenAi.text(new JsonObject().put("target", "suppliers").encode()),
          FakeOpenAi.text(
              new JsonObject()
                  .put("name", "Lone Star Beef")
                  .put("email", "not an email")
                  .encode()));
      byte[] png = png();
      JsonObject doc = uploadAndWait("scan.png", "image/png", png, null);

      assertThat(doc.getString("status")).as(doc.encode()).isEqualTo("needs_review");
      assertThat(doc.getString("target")).isEqualTo("suppliers");
      JsonObject classify = fake.request(0).body();
      assertThat(
              classify
                  .getJsonObject("response_format")
                  .getJsonObject("json_schema")
                  .getString("name"))
          .isEqualTo("document_kind");
      JsonArray content = lastUser(fake.request(1).body()).getJsonArray("content");
      JsonObject image =
          content.stream()
              .map(JsonObject.class::cast)
              .filter(p -> "image_url".equals(p.getString("type")))
              .findFirst()
              .orElseThrow();
      String url = image.getJsonObject("image_url").getString("url");
      assertThat(url).startsWith("data:image/png;base64,");
      assertThat(java.util.Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)))
          .isEqualTo(png);
      assertThat(doc.getJsonObject("draft").getString("name")).isEqualTo("Lone Star Beef");
      assertThat(doc.getJsonObject("flags").getString("email")).contains("e-mail");
    }

    @Test
    void aScannedPdfGoesToTheModelAsPicturesOfItsPages() throws Exception {
      fake.enqueue(FakeOpenAi.text(new JsonObject().put("name", "Panhandle Pork").encode()));
      JsonObject doc =
          uploadAndWait("scan.pdf", "application/pdf", ContentsTest.scan(2), "suppliers");

      assertThat(doc.getString("status")).as(doc.encode()).isEqualTo("needs_review");
      assertThat(doc.getString("content_type")).isEqualTo("application/pdf");
      JsonArray content = lastUser(fake.request(0).body()).getJsonArray("content");
      List<String> images =
          content.stream()
              .map(JsonObject.class::cast)
              .filter(p -> "image_url".equals(p.getString("type")))
              .map(p -> p.getJsonObject("image_url").getString("url"))
              .toList();
      assertThat(images)
          .hasSize(2)
          .allSatisfy(url -> assertThat(url).startsWith("data:image/jpeg;base64,"));
      assertThat(userText(fake.request(0).body())).contains("no text layer");
      assertThat(doc.getJsonObject("draft").getString("name")).isEqualTo("Panhandle Pork");
    }

    @Test
    void aCsvIsSentAsATableOfItsRows() {
      fake.enqueue(FakeOpenAi.text(new JsonObject().put("name", "Heartland Foods").encode()));
      String csv = "name,city,note\nHeartland Foods,Omaha,\"bills net 30, by wire\"\n";
      JsonObject doc =
          uploadAndWait(
              "customers.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), "customers");

      assertThat(doc.getString("status")).as(doc.encode()).isEqualTo("needs_review");
      assertThat(doc.getString("content_type")).isEqualTo("text/csv");
      assertThat(userText(fake.request(0).body()))
          .contains("name | city | note")
          .contains("Heartland Foods | Omaha | bills net 30, by wire");
      assertThat(doc.getJsonObject("draft").getString("name")).isEqualTo("Heartland Foods");
      assertThat(doc.getJsonObject("flags").isEmpty()).isTrue();
    }

    @Test
    void aMalformedPdfFailsWithAReasonAndNeverReachesTheModel() {
      JsonObject doc =
          uploadAndWait(
              "broken.pdf",
              "application/pdf",
              "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ntrailer garbage"
                  .getBytes(StandardCharsets.US_ASCII),
              "invoices");
      assertThat(doc.getString("status")).isEqualTo("failed");
      assertThat(doc.getString("error")).matches("pdf_(unreadable|no_text): .+");
      assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aModelFailureEndsFailedWithItsCode() {
      fake.enqueue(FakeOpenAi.status(400, "{\"error\":{\"message\":\"schema not supported\"}}"));
      JsonObject doc =
          uploadAndWait(
              "note.txt",
              "text/plain",
              "Please ship 40 cases of brisket".getBytes(StandardCharsets.UTF_8),
              "sales-orders");
      assertThat(doc.getString("status")).isEqualTo("failed");
      assertThat(doc.getString("error"))
          .startsWith("upstream_rejected: ")
          .contains("schema not supported");
    }

    // ---- what is accepted ---------------------------------------------------------------------

    @Test
    void theTypeComesFromTheBytesNotTheNameOrTheClaimedType() throws IOException {
      fake.enqueue(FakeOpenAi.text("{}"));
      Http.Response renamed =
          Upload.send(
              http.base(), user.token(), "invoice.pdf", "application/pdf", png(), "invoices");
      assertThat(renamed.status()).as(renamed.toString()).isEqualTo(202);
      assertThat(renamed.json().getString("content_type")).isEqualTo("image/png");
      assertThat(renamed.json().getString("status")).isEqualTo("pending");

      byte[] exe =
          new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
      Http.Response spoofed =
          Upload.send(http.base(), user.token(), "invoice.pdf", "application/pdf", exe, null);
      assertThat(spoofed.status()).isEqualTo(415);
      assertThat(spoofed.header("Content-Type")).startsWith("application/problem+json");
      assertThat(spoofed.json().getString("code")).isEqualTo("unsupported_media_type");
      awaitSettled(renamed.json().getLong("id"));
    }

    @Test
    void moreThanTenMegabytesIsRefused() {
      byte[] big = new byte[10 * 1024 * 1024 + 1];
      java.util.Arrays.fill(big, (byte) 'a');
      Http.Response r = Upload.send(http.base(), user.token(), "big.txt", "text/plain", big, null);
      assertThat(r.status()).isEqualTo(413);
      assertThat(
              http.get("/api/v1/documents?page_size=100").json().getJsonArray("results").stream()
                  .map(JsonObject.class::cast)
                  .map(d -> d.getString("filename")))
          .doesNotContain("big.txt");
    }

    @Test
    void theContentIsServedWithTheDetectedType() {
      fake.enqueue(FakeOpenAi.text("{}"));
      byte[] text = "Order 77: 12 cases of pork loin".getBytes(StandardCharsets.UTF_8);
      long id =
          Upload.send(
                  http.base(),
                  user.token(),
                  "order.txt",
                  "application/octet-stream",
                  text,
                  "sales-orders")
              .json()
              .getLong("id");
      HttpResponse<byte[]> r = Upload.content(http.base(), user.token(), id);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(text);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
      assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
      assertThat(r.headers().firstValue("X-Content-Type-Options").orElseThrow())
          .isEqualTo("nosniff");
      awaitSettled(id);
    }

    // ---- review -------------------------------------------------------------------------------

    @Test
    void acceptingCreatesTheRecordThroughTheApiAndLinksIt() throws IOException {
      fake.enqueue(FakeOpenAi.text(poAnswer().encode()));
      JsonObject doc =
          uploadAndWait("po.pdf", "application/pdf", pdf("PURCHASE ORDER PO-9"), "purchase-orders");
      long id = doc.getLong("id");

      JsonObject invalid =
          new JsonObject()
              .put("supplier", supplierId)
              .put(
                  "lines",
                  new JsonArray()
                      .add(new JsonObject().put("weight", "heavy").put("price_per_unit", "2.45")));
      Http.Response refused =
          http.post("/api/v1/documents/" + id + "/accept", new JsonObject().put("draft", invalid));
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.json().getJsonObject("errors").fieldNames())
          .containsExactly("lines[0].weight");
      assertThat(http.get("/api/v1/documents/" + id).json().getString("status"))
          .isEqualTo("needs_review");

      JsonObject reviewed =
          new JsonObject()
              .put("supplier", supplierId)
              .put("order_date", "2026-11-20")
              .put(
                  "lines",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("description", "Beef chuck roll")
                              .put("weight", "32000.00")
                              .put("price_per_unit", "2.4500")));
      Http.Response accepted =
          http.post("/api/v1/documents/" + id + "/accept", new JsonObject().put("draft", reviewed));
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
      assertThat(accepted.json().getString("resource")).isEqualTo("purchase-orders");
      long recordId = accepted.json().getLong("record_id");
      JsonObject order = http.get("/api/v1/purchase-orders/" + recordId).json();
      assertThat(order.getString("total_amount")).isEqualTo("78400.00");
      assertThat(order.getLong("supplier")).isEqualTo(supplierId);
      JsonObject after = http.get("/api/v1/documents/" + id).json();
      assertThat(after.getString("status")).isEqualTo("accepted");
      assertThat(after.getLong("record_id")).isEqualTo(recordId);
      assertThat(after.getString("resource")).isEqualTo("purchase-orders");
      // A second accept creates nothing more.
      assertThat(
              http.post(
                      "/api/v1/documents/" + id + "/accept",
                      new JsonObject().put("draft", reviewed))
                  .status())
          .isEqualTo(409);
    }

    @Test
    void rejectingDiscardsTheDraft() {
      fake.enqueue(FakeOpenAi.text(new JsonObject().put("name", "Rejected Foods").encode()));
      JsonObject doc =
          uploadAndWait(
              "c.txt",
              "text/plain",
              "Rejected Foods, Omaha".getBytes(StandardCharsets.UTF_8),
              "customers");
      Http.Response r = http.post("/api/v1/documents/" + doc.getLong("id") + "/reject", null);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().getString("status")).isEqualTo("rejected");
      assertThat(r.json().getValue("draft")).isNull();
      assertThat(
              http.post(
                      "/api/v1/documents/" + doc.getLong("id") + "/accept",
                      new JsonObject().put("draft", new JsonObject().put("name", "X")))
                  .status())
          .isEqualTo(409);
    }

    @Test
    void anotherCompanysDocumentIsNotFound() {
      fake.enqueue(FakeOpenAi.text(new JsonObject().put("name", "Private Foods").encode()));
      JsonObject doc =
          uploadAndWait(
              "p.txt", "text/plain", "Private Foods".getBytes(StandardCharsets.UTF_8), "customers");
      long id = doc.getLong("id");
      Fixtures.Member stranger =
          fixtures.member(fixtures.company("Other Meats " + System.nanoTime()), Role.OWNER);
      Http other = app.http().with("Authorization", "Bearer " + stranger.token());
      assertThat(other.get("/api/v1/documents/" + id).status()).isEqualTo(404);
      assertThat(Upload.content(http.base(), stranger.token(), id).statusCode()).isEqualTo(404);
      assertThat(
              other
                  .post(
                      "/api/v1/documents/" + id + "/accept",
                      new JsonObject().put("draft", new JsonObject().put("name", "X")))
                  .status())
          .isEqualTo(404);
      assertThat(other.post("/api/v1/documents/" + id + "/reject", null).status()).isEqualTo(404);
      assertThat(other.get("/api/v1/documents").json().getLong("count")).isZero();
      assertThat(http.get("/api/v1/documents/" + id).json().getString("status"))
          .isEqualTo("needs_review");
    }

    @Test
    void theListPagesWithAbsoluteLinksThatKeepItsFilter() {
      long elsewhere = fixtures.company("Paging Meats " + System.nanoTime());
      Fixtures.Member reader = fixtures.member(elsewhere, Role.READONLY);
      for (String name : new String[] {"a.txt", "b.txt", "c.txt"}) {
        Fixtures.await(
            app.app()
                .database()
                .sql()
                .update(
                    "INSERT INTO documents (company_id, uploaded_by, filename, content_type, "
                        + "size, sha256, content, target, status, created_on, modified_on) VALUES ($1, $2, $3, 'text/plain', 1, 'x', $4, "
                        + "'customers', 'rejected', $5, $5)",
                    elsewhere,
                    reader.userId(),
                    name,
                    app.app().database().blob(new byte[] {'x'}),
                    Instant.now()));
      }
      Http theirs = bearer(reader.token());
      JsonObject first = theirs.get("/api/v1/documents?status=rejected&page_size=2").json();
      assertThat(first.getLong("count")).isEqualTo(3);
      assertThat(first.getValue("previous")).isNull();
      String next = first.getString("next");
      assertThat(next)
          .isEqualTo(theirs.base() + "/api/v1/documents?status=rejected&page_size=2&page=2");
      JsonObject second = theirs.get(next.substring(theirs.base().length())).json();
      assertThat(second.getJsonArray("results")).hasSize(1);
      assertThat(second.getValue("next")).isNull();
      assertThat(second.getString("previous"))
          .isEqualTo(theirs.base() + "/api/v1/documents?status=rejected&page_size=2&page=1");
      Http.Response tooMany = theirs.get("/api/v1/documents?page_size=101");
      assertThat(tooMany.status()).isEqualTo(400);
      assertThat(tooMany.json().getJsonObject("errors").containsKey("page_size")).isTrue();
    }

    @Test
    void processingLeftBehindByAStoppedReplicaIsPickedUpAgain() {
      fake.enqueue(
          FakeOpenAi.text(new JsonObject().put("name", "Orphan Foods").encode()),
          FakeOpenAi.text(new JsonObject().put("name", "Trigger Foods").encode()));
      // As a replica that died mid-way leaves it: processing, last touched long ago.
      long orphan =
          Fixtures.await(
                  app.app()
                      .database()
                      .sql()
                      .one(
                          "INSERT INTO documents (company_id, uploaded_by, filename, "
                              + "content_type, size, sha256, content, target, status, created_on, modified_on) VALUES ($1, $2, 'orphan.txt', "
                              + "'text/plain', 12, 'x', $3, 'customers', 'processing', $4, $4) RETURNING id",
                          company,
                          user.userId(),
                          app.app()
                              .database()
                              .blob("Orphan Foods".getBytes(StandardCharsets.UTF_8)),
                          Instant.now().minus(Duration.ofMinutes(10))))
              .orElseThrow()
              .getLong(0);
      uploadAndWait(
          "t.txt", "text/plain", "Trigger Foods".getBytes(StandardCharsets.UTF_8), "customers");
      JsonObject recovered = awaitSettled(orphan);
      assertThat(recovered.getString("status")).isEqualTo("needs_review");
    }

    @Test
    void withoutAKeyUploadsStillWorkAndEndFailedAiNotConfigured() {
      try (TestApp plain = TestApp.start(datastore)) {
        Fixtures f = new Fixtures(plain);
        Fixtures.Member m = f.member(f.company("Keyless Meats"), Role.USER);
        Http.Response r =
            Upload.send(
                plain.http().base(),
                m.token(),
                "n.txt",
                "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        Http client = plain.http().with("Authorization", "Bearer " + m.token());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonObject doc;
        do {
          sleep(50);
          doc = client.get("/api/v1/documents/" + r.json().getLong("id")).json();
        } while (List.of("pending", "processing").contains(doc.getString("status"))
            && System.nanoTime() < deadline);
        assertThat(doc.getString("status")).isEqualTo("failed");
        assertThat(doc.getString("error")).startsWith("ai_not_configured");
        assertThat(fake.requests()).isEmpty();
      }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private JsonObject uploadAndWait(String filename, String type, byte[] bytes, String target) {
      Http.Response r = Upload.send(http.base(), user.token(), filename, type, bytes, target);
      assertThat(r.status()).as(r.toString()).isEqualTo(202);
      assertThat(r.json().getString("status")).isEqualTo("pending");
      return awaitSettled(r.json().getLong("id"));
    }

    private JsonObject awaitSettled(long id) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (true) {
        JsonObject doc = http.get("/api/v1/documents/" + id).json();
        if (!List.of("pending", "processing").contains(doc.getString("status"))) {
          return doc;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("document " + id + " still " + doc.getString("status"));
        }
        sleep(50);
      }
    }
  }

  /**
   * The model's answer for a purchase order: one known supplier, an ambiguous carrier, an unknown
   * plant, a bad weight, a guess.
   */
  static JsonObject poAnswer() {
    return new JsonObject()
        .put("supplier_name", "cactus packing")
        .put("carrier_name", "Red River")
        .put("plant_name", "Plant 9")
        .put("order_date", "2026-11-20")
        .put("notes", null)
        .put(
            "lines",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("description", "Beef chuck roll")
                        .put("quantity", 800)
                        .put("weight", "32000.00")
                        .put("weight_unit", "LBS")
                        .put("price_per_unit", "2.4500")
                        .put("product_name", null))
                .add(
                    new JsonObject()
                        .put("description", "Brisket")
                        .put("weight", "1,600 lbs")
                        .put("price_per_unit", "3.10")))
        .put("guessed", new JsonArray().add("order_date").add("nonsense_field"));
  }

  static JsonObject lastUser(JsonObject request) {
    JsonArray messages = request.getJsonArray("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.getJsonObject(i).getString("role"))) {
        return messages.getJsonObject(i);
      }
    }
    throw new AssertionError("no user message in " + request.encode());
  }

  static String userText(JsonObject request) {
    StringBuilder out = new StringBuilder();
    for (Object part : lastUser(request).getJsonArray("content")) {
      out.append(((JsonObject) part).getString("text", "")).append('\n');
    }
    return out.toString();
  }

  static byte[] pdf(String... lines) throws IOException {
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.newLineAtOffset(56, 720);
        for (String line : lines) {
          text.showText(line);
          text.newLineAtOffset(0, -18);
        }
        text.endText();
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
