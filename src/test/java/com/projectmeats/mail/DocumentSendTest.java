package com.projectmeats.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sending a document: the PDF reaches a real SMTP server (GreenMail) as an attachment, addressed to
 * the counterpart on file or to the given addresses; the send and its outcome show in the record's
 * history, its sends and the activity log; bad addresses are 422s naming the field; a retried
 * request (Idempotency-Key) sends once; roles and companies are checked. On both datastores.
 */
class DocumentSendTest {

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
    private GreenMail greenMail;
    private Http user;
    private Http readonly;
    private Http stranger;
    private long supplier;
    private long customer;
    private long carrier;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @Override
    protected TestApp startApp() {
      greenMail =
          new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      greenMail.start();
      return TestApp.start(
          datastore,
          Map.of(
              "SMTP_URL",
              "smtp://127.0.0.1:" + greenMail.getSmtp().getPort(),
              "MAIL_FROM",
              "Prairie Meats <orders@prairie.test>",
              "MAIL_RETRY_MS",
              "200"));
    }

    @AfterAll
    void stopGreenMail() {
      greenMail.stop();
    }

    @BeforeAll
    void records() {
      Fixtures fixtures = new Fixtures(app);
      long company = fixtures.company("Prairie Meats");
      user = bearer(fixtures.member(company, Role.USER).token());
      readonly = bearer(fixtures.member(company, Role.READONLY).token());
      stranger = bearer(fixtures.member(fixtures.company("Other Brokerage"), Role.OWNER).token());
      supplier =
          user.post(
                  "/api/v1/suppliers",
                  new JsonObject()
                      .put("name", "Cactus Packing")
                      .put("email", "sales@cactus.example"))
              .createdId();
      customer =
          user.post(
                  "/api/v1/customers",
                  new JsonObject()
                      .put("name", "Heartland Foods")
                      .put("email", "buyer@heartland.example"))
              .createdId();
      carrier =
          user.post(
                  "/api/v1/carriers",
                  new JsonObject()
                      .put("name", "Lone Star Reefer")
                      .put("code", "LSR")
                      .put("ap_contact_email", "ap@lonestar.example")
                      .put("sales_contact_email", "dispatch@lonestar.example"))
              .createdId();
    }

    private JsonObject purchaseOrder() {
      Http.Response r =
          user.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", supplier)
                  .put(
                      "lines",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("description", "Beef chuck roll")
                                  .put("weight", "32000.00")
                                  .put("price_per_unit", "2.4500"))));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      return r.json();
    }

    @Test
    void aPurchaseOrderGoesToTheSupplierWithItsPdfAndTheOutcomeIsNoted() throws Exception {
      JsonObject po = purchaseOrder();
      String base = "/api/v1/purchase-orders/" + po.getLong("id");
      Http.Response sent = user.post(base + "/email", null);
      assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
      assertThat(sent.json().getJsonArray("to")).containsExactly("sales@cactus.example");
      long messageId = sent.json().getLong("id");

      JsonObject settled = settled(base, messageId);
      assertThat(settled.getString("status")).isEqualTo("sent");
      assertThat(settled.getInteger("attempts")).isEqualTo(1);

      MimeMessage received = receivedBy("sales@cactus.example", settled.getString("message_id"));
      assertThat(received.getSubject())
          .isEqualTo("Purchase order " + po.getString("order_number") + " from Prairie Meats");
      Part pdf = attachment(received);
      assertThat(pdf.getFileName())
          .isEqualTo("purchase-order-" + po.getString("order_number") + ".pdf");
      assertThat(pdf.getContentType()).startsWith("application/pdf");
      try (InputStream in = pdf.getInputStream();
          PDDocument doc = Loader.loadPDF(in.readAllBytes())) {
        String text = new PDFTextStripper().getText(doc);
        assertThat(text)
            .contains(po.getString("order_number"))
            .contains("Beef chuck roll")
            .contains("78,400.00");
      }
      assertThat(text(received))
          .contains("Please find attached purchase order " + po.getString("order_number"));

      JsonArray history = user.get(base + "/history").jsonArray();
      List<String> actions =
          history.stream().map(h -> ((JsonObject) h).getString("action")).toList();
      assertThat(actions).contains("emailed", "email_sent");
      JsonObject notes =
          user.get("/api/v1/activity-logs?purchase_order=" + po.getLong("id")).json();
      assertThat(
              notes.getJsonArray("results").stream()
                  .map(n -> ((JsonObject) n).getString("title"))
                  .toList())
          .anyMatch(t -> t.startsWith("E-mailed: Purchase order"))
          .anyMatch(t -> t.startsWith("E-mail accepted: Purchase order"));
    }

    @Test
    void givenAddressesAndMessageAreUsedAndEachCounterpartIsFound() throws Exception {
      JsonObject po = purchaseOrder();
      Http.Response sent =
          user.post(
              "/api/v1/purchase-orders/" + po.getLong("id") + "/email",
              new JsonObject()
                  .put("to", new JsonArray().add("plant7@cactus.example"))
                  .put("cc", new JsonArray().add("me@prairie.test").add("boss@prairie.test"))
                  .put("message", "Hi Dana,\nplease confirm the pick-up window.\n— Sam"));
      assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
      JsonObject settled =
          settled("/api/v1/purchase-orders/" + po.getLong("id"), sent.json().getLong("id"));
      MimeMessage received = receivedBy("plant7@cactus.example", settled.getString("message_id"));
      assertThat(
              Arrays.stream(received.getRecipients(Message.RecipientType.CC))
                  .map(Object::toString)
                  .toList())
          .containsExactly("me@prairie.test", "boss@prairie.test");
      assertThat(text(received)).contains("please confirm the pick-up window.");

      JsonObject so =
          user.post(
                  "/api/v1/sales-orders",
                  new JsonObject()
                      .put("customer", customer)
                      .put(
                          "lines",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("description", "Chuck")
                                      .put("weight", "10.00")
                                      .put("price_per_unit", "3.0000"))))
              .json();
      assertThat(
              user.post("/api/v1/sales-orders/" + so.getLong("id") + "/email", null)
                  .json()
                  .getJsonArray("to"))
          .containsExactly("buyer@heartland.example");
      Http.Response invoice =
          user.post(
              "/api/v1/invoices",
              new JsonObject()
                  .put("customer", customer)
                  .put(
                      "lines",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("description", "Chuck")
                                  .put("weight", "10.00")
                                  .put("price_per_unit", "3.0000"))));
      assertThat(invoice.status()).as(invoice.toString()).isEqualTo(201);
      Http.Response invoiceSent =
          user.post("/api/v1/invoices/" + invoice.json().getLong("id") + "/email", null);
      assertThat(invoiceSent.status()).as(invoiceSent.toString()).isEqualTo(202);
      assertThat(invoiceSent.json().getJsonArray("to")).containsExactly("buyer@heartland.example");
      JsonObject load =
          user.post(
                  "/api/v1/carrier-purchase-orders",
                  new JsonObject().put("carrier", carrier).put("rate", "2350.00"))
              .json();
      Http.Response loadSent =
          user.post("/api/v1/carrier-purchase-orders/" + load.getLong("id") + "/email", null);
      assertThat(loadSent.json().getJsonArray("to")).containsExactly("dispatch@lonestar.example");
      JsonObject loadSettled =
          settled(
              "/api/v1/carrier-purchase-orders/" + load.getLong("id"),
              loadSent.json().getLong("id"));
      assertThat(
              attachment(
                      receivedBy("dispatch@lonestar.example", loadSettled.getString("message_id")))
                  .getFileName())
          .startsWith("load-confirmation-");
    }

    @Test
    void badAddressesAreNamedAndNothingIsQueued() {
      JsonObject po = purchaseOrder();
      String send = "/api/v1/purchase-orders/" + po.getLong("id") + "/email";
      long before = outboxCount();
      Http.Response bad =
          user.post(
              send,
              new JsonObject()
                  .put("to", new JsonArray().add("ok@example.com").add("not-an-address"))
                  .put("cc", new JsonArray().add("x@y.z\r\nBcc: spy@evil.test")));
      assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
      assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
      assertThat(bad.json().getJsonObject("errors").fieldNames()).contains("to[1]", "cc[0]");
      Http.Response unknown =
          user.post(send, new JsonObject().put("bcc", new JsonArray().add("a@b.example")));
      assertThat(
              user.post(send, new JsonObject().put("to", "one@b.example"))
                  .json()
                  .getJsonObject("errors")
                  .fieldNames())
          .as("a list, not a string")
          .containsExactly("to");
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().getJsonObject("errors").fieldNames()).containsExactly("bcc");
      Http.Response notText = user.post(send, new JsonObject().put("message", 42));
      assertThat(notText.json().getJsonObject("errors").fieldNames()).containsExactly("message");

      long bare =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "No Mail Packing"))
              .createdId();
      JsonObject noAddress =
          user.post("/api/v1/purchase-orders", new JsonObject().put("supplier", bare)).json();
      Http.Response none =
          user.post("/api/v1/purchase-orders/" + noAddress.getLong("id") + "/email", null);
      assertThat(none.status()).isEqualTo(422);
      assertThat(none.json().getJsonObject("errors").getJsonArray("to").getString(0))
          .contains("supplier");
      assertThat(outboxCount()).isEqualTo(before);
    }

    @Test
    void aRetriedSendWithTheSameKeySendsOnceAndAReusedKeyIsRefused() throws Exception {
      JsonObject po = purchaseOrder();
      String send = "/api/v1/purchase-orders/" + po.getLong("id") + "/email";
      JsonObject body = new JsonObject().put("to", new JsonArray().add("retry@cactus.example"));
      Http.Response first = user.post(send, body, "Idempotency-Key", "send-" + po.getLong("id"));
      Http.Response again = user.post(send, body, "Idempotency-Key", "send-" + po.getLong("id"));
      assertThat(first.status()).isEqualTo(202);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().getLong("id")).isEqualTo(first.json().getLong("id"));
      Http.Response reused =
          user.post(
              send,
              new JsonObject().put("to", new JsonArray().add("other@cactus.example")),
              "Idempotency-Key",
              "send-" + po.getLong("id"));
      assertThat(reused.status()).isEqualTo(422);
      assertThat(reused.json().getString("code")).isEqualTo("idempotency_key_reused");
      JsonObject settled =
          settled("/api/v1/purchase-orders/" + po.getLong("id"), first.json().getLong("id"));
      Thread.sleep(500);
      assertThat(
              Arrays.stream(greenMail.getReceivedMessages())
                  .filter(m -> id(m).equals(settled.getString("message_id"))))
          .hasSize(1);
      JsonObject sends = user.get("/api/v1/purchase-orders/" + po.getLong("id") + "/emails").json();
      assertThat(sends.getJsonArray("results")).hasSize(1);
    }

    @Test
    void readersMayNotSendAndOtherCompaniesSeeNothing() {
      JsonObject po = purchaseOrder();
      String base = "/api/v1/purchase-orders/" + po.getLong("id");
      long before = outboxCount();
      assertThat(readonly.post(base + "/email", null).status()).isEqualTo(403);
      assertThat(readonly.get(base + "/emails").status()).isEqualTo(200);
      assertThat(stranger.post(base + "/email", null).status()).isEqualTo(404);
      assertThat(stranger.get(base + "/emails").status()).isEqualTo(404);
      assertThat(user.post("/api/v1/purchase-orders/99999999/email", null).status()).isEqualTo(404);
      assertThat(outboxCount()).isEqualTo(before);
    }

    private long outboxCount() {
      return Fixtures.await(app.app().database().sql().count("SELECT count(*) FROM mail_outbox"));
    }

    private JsonObject settled(String base, long messageId) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        JsonObject found =
            user.get(base + "/emails").json().getJsonArray("results").stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getLong("id") == messageId)
                .findFirst()
                .orElseThrow();
        if (!found.getString("status").equals("pending")
            && !found.getString("status").equals("sending")) {
          return found;
        }
        assertThat(System.nanoTime())
            .as("send " + messageId + " still " + found.getString("status"))
            .isLessThan(deadline);
        Thread.sleep(50);
      }
    }

    private MimeMessage receivedBy(String to, String messageId) throws Exception {
      MimeMessage found =
          Arrays.stream(greenMail.getReceivedMessages())
              .filter(m -> id(m).equals(messageId))
              .findFirst()
              .orElseThrow();
      assertThat(
              Arrays.stream(found.getRecipients(Message.RecipientType.TO))
                  .map(Object::toString)
                  .toList())
          .containsExactly(to);
      assertThat(found.getFrom()[0].toString()).contains("orders@prairie.test");
      return found;
    }

    private static String id(MimeMessage m) {
      try {
        return m.getMessageID();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static Part attachment(MimeMessage m) throws Exception {
      List<Part> found = new ArrayList<>();
      collect(m, found, true);
      assertThat(found).hasSize(1);
      return found.get(0);
    }

    private static String text(MimeMessage m) throws Exception {
      List<Part> found = new ArrayList<>();
      collect(m, found, false);
      return String.valueOf(found.get(0).getContent());
    }

    private static void collect(Part part, List<Part> found, boolean attachments) throws Exception {
      if (part.getContent() instanceof Multipart multi) {
        for (int i = 0; i < multi.getCount(); i++) {
          BodyPart child = multi.getBodyPart(i);
          collect(child, found, attachments);
        }
      } else if (attachments == Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        if (attachments || part.isMimeType("text/plain")) {
          found.add(part);
        }
      }
    }
  }
}
