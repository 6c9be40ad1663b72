package com.projectmeats.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Contract;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Files on records: upload, list, download, delete, the checks on what is uploaded and who may,
 * company isolation, the record's history, and a document accepted into a record staying with it;
 * on both datastores. Every answer, bytes included, is checked against the OpenAPI document.
 */
class AttachmentsTest {

  @Nested
  class OnSqlite extends Cases {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Cases {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  abstract static class Cases extends OnEachDatastore {
    private static final HttpClient CLIENT =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Fixtures fx;
    private Fixtures.Member user;
    private Fixtures.Member manager;
    private Fixtures.Member reader;
    private Fixtures.Member stranger;
    private Http http;
    private long supplier;

    Cases(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void seed() {
      fx = new Fixtures(app);
      long company = fx.company("Prairie Meats");
      user = fx.member(company, Role.USER);
      manager = fx.member(company, Role.MANAGER);
      reader = fx.member(company, Role.READONLY);
      stranger = fx.member(fx.company("Rival Meats"), Role.OWNER);
      http = bearer(user.token());
      supplier = id(http.post("/api/v1/suppliers", new JsonObject().put("name", "Cactus Packing")));
    }

    private long claim() {
      return id(
          http.post(
              "/api/v1/claims",
              new JsonObject()
                  .put("claim_type", "payable")
                  .put("supplier", supplier)
                  .put("reason", "Short weight on arrival")
                  .put("claimed_amount", "100.00")));
    }

    @Test
    void aPhotoIsUploadedListedServedForPreviewAndRemoved() throws IOException {
      long claim = claim();
      String base = "/api/v1/claims/" + claim + "/attachments";
      byte[] png = png();

      Sent up = upload(user, base, "dock photo.png", "application/octet-stream", png, "photo");
      assertThat(up.status()).as(up.text()).isEqualTo(201);
      JsonObject created = up.json();
      long aid = created.getLong("id");
      assertThat(up.header("Location")).isEqualTo(base + "/" + aid);
      assertThat(created.getString("filename")).isEqualTo("dock photo.png");
      assertThat(created.getString("content_type")).isEqualTo("image/png");
      assertThat(created.getLong("size")).isEqualTo(png.length);
      assertThat(created.getString("kind")).isEqualTo("photo");
      assertThat(created.getLong("uploaded_by")).isEqualTo(user.userId());
      assertThat(created.getString("uploaded_by_email")).isEqualTo(user.email());
      assertThat(created.getString("resource")).isEqualTo("claims");
      assertThat(created.getLong("record_id")).isEqualTo(claim);

      JsonArray list = http.get(base).jsonArray();
      assertThat(list).hasSize(1);
      assertThat(list.getJsonObject(0)).isEqualTo(created);

      Sent file = get(reader, base + "/" + aid);
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.body()).isEqualTo(png);
      assertThat(file.header("Content-Type")).isEqualTo("image/png");
      assertThat(file.header("Content-Disposition"))
          .startsWith("inline;")
          .contains("dock%20photo.png");
      assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(file.header("Content-Security-Policy")).startsWith("sandbox");

      // Text is served as a download, never rendered in the page.
      Sent text =
          upload(
              user, base, "note.html", "text/html", "<script>alert(1)</script>".getBytes(), null);
      assertThat(text.status()).as(text.text()).isEqualTo(201);
      assertThat(text.json().getString("content_type")).isEqualTo("text/plain");
      assertThat(text.json().getString("kind")).isEqualTo("other");
      Sent served = get(user, base + "/" + text.json().getLong("id"));
      assertThat(served.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(served.header("Content-Disposition")).startsWith("attachment;");

      assertThat(http.get(base).jsonArray()).hasSize(2);
      assertThat(http.delete(base + "/" + aid).status()).isEqualTo(204);
      assertThat(http.get(base + "/" + aid).status()).isEqualTo(404);
      assertThat(http.get(base).jsonArray())
          .extracting(o -> ((JsonObject) o).getString("filename"))
          .containsExactly("note.html");
    }

    @Test
    void aPdfOnAPurchaseOrderIsInlineAndTheTypeComesFromTheBytes() throws IOException {
      long po =
          id(
              http.post(
                  "/api/v1/purchase-orders",
                  new JsonObject().put("supplier", supplier).put("order_date", "2026-06-01")));
      String base = "/api/v1/purchase-orders/" + po + "/attachments";
      byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes();
      Sent up = upload(user, base, "bol.pdf", "application/pdf", pdf, "bill_of_lading");
      assertThat(up.status()).as(up.text()).isEqualTo(201);
      Sent file = get(user, base + "/" + up.json().getLong("id"));
      assertThat(file.header("Content-Type")).isEqualTo("application/pdf");
      assertThat(file.header("Content-Disposition")).startsWith("inline;");

      // A PNG called .pdf is a PNG; an executable called .png is refused, naming the field.
      Sent renamed = upload(user, base, "scan.pdf", "application/pdf", png(), null);
      assertThat(renamed.json().getString("content_type")).isEqualTo("image/png");
      byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
      Sent refused = upload(user, base, "photo.png", "image/png", exe, null);
      assertThat(refused.status()).isEqualTo(415);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.json().getJsonObject("errors").containsKey("file")).isTrue();

      Sent badKind = upload(user, base, "bol.pdf", "application/pdf", pdf, "selfie");
      assertThat(badKind.status()).isEqualTo(422);
      assertThat(badKind.json().getJsonObject("errors").containsKey("kind")).isTrue();

      assertThat(http.get(base).jsonArray()).hasSize(2);
    }

    @Test
    void moreThanTenMegabytesIsRefusedAndNothingIsWritten() {
      long claim = claim();
      String base = "/api/v1/claims/" + claim + "/attachments";
      byte[] big = new byte[10 * 1024 * 1024 + 1];
      java.util.Arrays.fill(big, (byte) 'a');
      Sent r = upload(user, base, "big.txt", "text/plain", big, null);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(http.get(base).jsonArray()).isEmpty();
      assertThat(historyActions("claims", claim)).doesNotContain("attached");
      assertThat(rows("claims", claim)).isZero();
    }

    @Test
    void rolesDecideWhoUploadsAndWhoRemoves() throws IOException {
      long claim = claim();
      String base = "/api/v1/claims/" + claim + "/attachments";
      Sent byReader = upload(reader, base, "p.png", "image/png", png(), null);
      assertThat(byReader.status()).isEqualTo(403);
      assertThat(http.get(base).jsonArray()).isEmpty();

      long managers = upload(manager, base, "m.png", "image/png", png(), null).json().getLong("id");
      long users = upload(user, base, "u.png", "image/png", png(), null).json().getLong("id");
      Http readerHttp = bearer(reader.token());
      Http managerHttp = bearer(manager.token());

      assertThat(readerHttp.delete(base + "/" + users).status()).isEqualTo(403);
      // A user removes what they attached, not what a manager did.
      assertThat(http.delete(base + "/" + managers).status()).isEqualTo(403);
      assertThat(http.get(base).jsonArray()).hasSize(2);
      assertThat(http.delete(base + "/" + users).status()).isEqualTo(204);
      long again = upload(user, base, "u2.png", "image/png", png(), null).json().getLong("id");
      assertThat(managerHttp.delete(base + "/" + again).status()).isEqualTo(204);
      assertThat(managerHttp.delete(base + "/" + managers).status()).isEqualTo(204);
      assertThat(http.get(base).jsonArray()).isEmpty();
    }

    @Test
    void anotherCompanysRecordOrAttachmentIsNotFound() throws IOException {
      long claim = claim();
      String base = "/api/v1/claims/" + claim + "/attachments";
      long aid = upload(user, base, "p.png", "image/png", png(), null).json().getLong("id");
      Http rival = bearer(stranger.token());

      assertThat(rival.get(base).status()).isEqualTo(404);
      assertThat(get(stranger, base + "/" + aid).status()).isEqualTo(404);
      assertThat(rival.delete(base + "/" + aid).status()).isEqualTo(404);
      assertThat(upload(stranger, base, "x.png", "image/png", png(), null).status()).isEqualTo(404);

      // The rival's own claim, with our attachment's id: still not found.
      long theirs =
          id(
              rival.post(
                  "/api/v1/claims",
                  new JsonObject()
                      .put("claim_type", "receivable")
                      .put("reason", "Theirs")
                      .put("claimed_amount", "1.00")));
      String theirBase = "/api/v1/claims/" + theirs + "/attachments";
      assertThat(get(stranger, theirBase + "/" + aid).status()).isEqualTo(404);
      assertThat(rival.delete(theirBase + "/" + aid).status()).isEqualTo(404);
      assertThat(rival.get(theirBase).jsonArray()).isEmpty();
      // Our own other record does not serve it either.
      long other = claim();
      assertThat(get(user, "/api/v1/claims/" + other + "/attachments/" + aid).status())
          .isEqualTo(404);
      // A resource that takes no attachments has no such route.
      assertThat(http.get("/api/v1/products/1/attachments").status()).isEqualTo(404);

      assertThat(http.get(base).jsonArray()).hasSize(1);
    }

    @Test
    void theRecordsHistorySaysWhoAttachedAndRemovedWhat() throws IOException {
      long claim = claim();
      String base = "/api/v1/claims/" + claim + "/attachments";
      long aid =
          upload(user, base, "pod.png", "image/png", png(), "proof_of_delivery")
              .json()
              .getLong("id");
      assertThat(bearer(manager.token()).delete(base + "/" + aid).status()).isEqualTo(204);

      JsonArray history = http.get("/api/v1/claims/" + claim + "/history").jsonArray();
      List<String> actions =
          history.stream().map(h -> ((JsonObject) h).getString("action")).toList();
      assertThat(actions).containsExactly("created", "attached", "detached");
      JsonObject attached = history.getJsonObject(1);
      assertThat(attached.getString("by")).isEqualTo(user.email());
      assertThat(attached.getJsonObject("changes").getJsonObject("attachment").getString("new"))
          .isEqualTo("pod.png");
      JsonObject detached = history.getJsonObject(2);
      assertThat(detached.getString("by")).isEqualTo(manager.email());
      assertThat(detached.getJsonObject("changes").getJsonObject("attachment").getString("old"))
          .isEqualTo("pod.png");
    }

    @Test
    void deletingTheRecordDeletesItsAttachments() throws IOException {
      long claim = claim();
      upload(user, "/api/v1/claims/" + claim + "/attachments", "p.png", "image/png", png(), null);
      assertThat(rows("claims", claim)).isEqualTo(1);
      assertThat(bearer(manager.token()).delete("/api/v1/claims/" + claim).status()).isEqualTo(204);
      assertThat(rows("claims", claim)).isZero();
    }

    @Test
    void aDocumentAcceptedIntoARecordStaysAttachedToIt() throws IOException {
      byte[] png = png();
      Sent doc = upload(user, "/api/v1/documents", "confirmation.png", "image/png", png, null);
      assertThat(doc.status()).as(doc.text()).isEqualTo(202);
      long docId = doc.json().getLong("id");
      // No AI service here: the document ends failed, and a person types the record.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      String status;
      do {
        sleep(50);
        status = http.get("/api/v1/documents/" + docId).json().getString("status");
      } while (List.of("pending", "processing").contains(status) && System.nanoTime() < deadline);
      assertThat(status).isEqualTo("failed");

      Http.Response accepted =
          http.post(
              "/api/v1/documents/" + docId + "/accept",
              new JsonObject()
                  .put("target", "purchase-orders")
                  .put("draft", new JsonObject().put("supplier", supplier)));
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
      long po = accepted.json().getLong("record_id");

      String base = "/api/v1/purchase-orders/" + po + "/attachments";
      JsonArray list = http.get(base).jsonArray();
      assertThat(list).hasSize(1);
      JsonObject attached = list.getJsonObject(0);
      assertThat(attached.getString("filename")).isEqualTo("confirmation.png");
      assertThat(attached.getString("kind")).isEqualTo("document");
      assertThat(attached.getLong("document")).isEqualTo(docId);
      assertThat(attached.getLong("uploaded_by")).isEqualTo(user.userId());
      assertThat(get(user, base + "/" + attached.getLong("id")).body()).isEqualTo(png);
      assertThat(historyActions("purchase-orders", po)).containsExactly("created", "attached");
    }

    @Test
    void theCatalogSaysWhichResourcesTakeAttachments() {
      JsonArray resources = http.get("/api/v1/meta/resources").json().getJsonArray("resources");
      List<String> attachable =
          resources.stream()
              .map(JsonObject.class::cast)
              .filter(r -> r.getBoolean("attachments"))
              .map(r -> r.getString("name"))
              .toList();
      assertThat(attachable)
          .containsExactlyInAnyOrder(
              "suppliers",
              "customers",
              "carriers",
              "purchase-orders",
              "sales-orders",
              "carrier-purchase-orders",
              "invoices",
              "claims");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private List<String> historyActions(String resource, long id) {
      return http.get("/api/v1/" + resource + "/" + id + "/history").jsonArray().stream()
          .map(h -> ((JsonObject) h).getString("action"))
          .toList();
    }

    private long rows(String resource, long id) {
      return Fixtures.await(
          app.app()
              .database()
              .sql()
              .count(
                  "SELECT count(*) FROM attachments WHERE resource = $1 AND record_id = $2",
                  resource,
                  id));
    }

    record Sent(int status, java.util.Map<String, List<String>> headers, byte[] body) {
      String header(String name) {
        return headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(name))
            .map(e -> e.getValue().get(0))
            .findFirst()
            .orElse(null);
      }

      String text() {
        return new String(body, StandardCharsets.UTF_8);
      }

      JsonObject json() {
        return new JsonObject(text());
      }
    }

    /** A multipart upload as a browser sends it, checked against the OpenAPI document. */
    private Sent upload(
        Fixtures.Member as,
        String path,
        String filename,
        String claimedType,
        byte[] bytes,
        String kind) {
      String boundary = "----pm" + System.nanoTime();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (kind != null) {
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
                    + kind
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + filename
                  + "\"\r\nContent-Type: "
                  + claimedType
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bytes);
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return send(
          "POST",
          path,
          as,
          HttpRequest.newBuilder()
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Sent get(Fixtures.Member as, String path) {
      return send("GET", path, as, HttpRequest.newBuilder().GET());
    }

    private Sent send(String method, String path, Fixtures.Member as, HttpRequest.Builder request) {
      try {
        HttpResponse<byte[]> r =
            CLIENT.send(
                request
                    .uri(URI.create(http.base() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + as.token())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Sent sent = new Sent(r.statusCode(), r.headers().map(), r.body());
        Contract.of(http.base()).enforce(method, path, sent.status(), sent.headers(), sent.text());
        return sent;
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(method + " " + path + " failed: " + e, e);
      }
    }

    static byte[] png() throws IOException {
      BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
      image.setRGB(1, 1, Color.RED.getRGB());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    }

    static long id(Http.Response r) {
      assertThat(r.status()).as(r.toString()).isIn(200, 201);
      return r.json().getLong("id");
    }

    static void sleep(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
