package com.projectmeats.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.projectmeats.core.http.ApiRoute;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The published contract and the routes the server really has are the same set, both ways. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
  TestApp app;
  Http http;
  JsonObject document;

  @BeforeAll
  void start() {
    app = TestApp.start(Datastore.SQLITE);
    http = app.http();
    document = http.get("/api/openapi.json").json();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void yamlSaysExactlyWhatJsonSays() throws Exception {
    Http.Response yaml = http.get("/api/openapi.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed =
        new ObjectMapper(new YAMLFactory()).readValue(yaml.body(), Map.class);
    assertThat(new JsonObject(parsed)).isEqualTo(document);
    assertThat(document.getString("openapi")).isEqualTo("3.1.0");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    Set<String> documented = new TreeSet<>();
    document
        .getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .fieldNames()
                    .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    Set<String> table = new TreeSet<>();
    for (ApiRoute r : app.app().routeTable()) {
      table.add(r.method().name() + " " + r.openApiPath());
    }
    assertThat(documented).isEqualTo(table);
    assertThat(table)
        .contains(
            "GET /suppliers",
            "POST /purchase-orders/{id}/approve",
            "GET /reports/receivables-aging");

    // And the server answers each documented operation with that route (not the catch-all 404 or a
    // 405).
    for (String operation : documented) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path =
          "/api/v1" + operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
      Http.Response r =
          http.send(
              method,
              path,
              method.equals("GET") || method.equals("DELETE") ? null : "{}",
              "application/json");
      assertThat(r.status()).as(operation).isNotEqualTo(405);
      assertThat(r.body()).as(operation).doesNotContain("No API route at");
    }
  }

  @Test
  void resourceSchemasCarryTheChoicesAndMoneyAsStrings() {
    JsonObject po =
        document
            .getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject("PurchaseOrderInput");
    assertThat(po.getJsonArray("required").getList()).contains("supplier");
    // The input is the patch's fields, described once there, with the create's required ones.
    assertThat(po.getJsonArray("allOf").getJsonObject(0).getString("$ref"))
        .isEqualTo("#/components/schemas/PurchaseOrderPatch");
    JsonObject fields =
        document
            .getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject("PurchaseOrderPatch")
            .getJsonObject("properties");
    assertThat(fields.containsKey("supplier")).isTrue();
    assertThat(fields.containsKey("total_amount")).as("derived totals are not input").isFalse();
    JsonObject read =
        document
            .getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject("PurchaseOrder");
    // Money is a string (null while an order has no total yet), never a JSON number.
    assertThat(
            read.getJsonObject("properties")
                .getJsonObject("total_amount")
                .getValue("type")
                .toString())
        .contains("string")
        .doesNotContain("number");
    assertThat(
            read.getJsonObject("properties")
                .getJsonObject("logistics_scenario")
                .getJsonArray("enum")
                .getList())
        .containsExactly("customer_pickup", "supplier_delivery", "we_pickup", null);
  }

  /**
   * A client validating its body against the document hears what the service would answer 422 for:
   * exactly one parent of a location or contact, exactly one order or invoice of a payment, the
   * required fields of an order line. A PATCH body states none of it as JSON Schema (the rule holds
   * for the record after the change), only in words.
   */
  @Test
  void crossFieldRulesAreStatedWhereJsonSchemaCanSayThem() {
    assertThat(valid("LocationInput", new JsonObject().put("name", "Dock 4").put("supplier", 1)))
        .isTrue();
    assertThat(
            valid(
                "LocationInput",
                new JsonObject().put("name", "Dock 4").put("supplier", 1).putNull("customer")))
        .isTrue();
    assertThat(valid("LocationInput", new JsonObject().put("name", "Dock 4"))).isFalse();
    assertThat(
            valid(
                "LocationInput",
                new JsonObject().put("name", "Dock 4").put("supplier", 1).put("customer", 2)))
        .isFalse();
    assertThat(
            valid(
                "ContactInput",
                new JsonObject().put("first_name", "Ana").putNull("supplier").put("carrier", 3)))
        .isTrue();
    JsonObject payment = new JsonObject().put("amount", "100.00").put("method", "wire");
    assertThat(valid("PaymentInput", payment.copy().put("invoice", 7))).isTrue();
    assertThat(valid("PaymentInput", payment.copy())).isFalse();
    assertThat(valid("PaymentInput", payment.copy().put("invoice", 7).put("sales_order", 2)))
        .isFalse();
    JsonObject line = new JsonObject().put("weight", "100.00").put("price_per_unit", "2.4500");
    JsonObject order =
        new JsonObject().put("supplier", 1).put("lines", new io.vertx.core.json.JsonArray());
    assertThat(valid("PurchaseOrderInput", order.copy().put("lines", List.of(line)))).isTrue();
    assertThat(
            valid(
                "PurchaseOrderInput",
                order.copy().put("lines", List.of(line.copy().putNull("price_per_unit")))))
        .isFalse();
    assertThat(
            valid(
                "PurchaseOrderInput",
                order.copy().put("lines", List.of(new JsonObject().put("weight", "1")))))
        .isFalse();

    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    JsonObject patch = schemas.getJsonObject("LocationPatch");
    assertThat(patch.containsKey("required")).isFalse();
    assertThat(patch.containsKey("oneOf")).isFalse();
    assertThat(patch.getString("description")).contains("Exactly one of supplier, customer");
    assertThat(valid("LocationPatch", new JsonObject().put("customer", 2))).isTrue();
    assertThat(valid("PurchaseOrderPatch", new JsonObject().put("notes", "call first"))).isTrue();
    assertThat(schemas.getJsonObject("PurchaseOrderPatch").containsKey("required")).isFalse();
  }

  private boolean valid(String schema, JsonObject body) {
    io.vertx.json.schema.JsonSchemaOptions options =
        new io.vertx.json.schema.JsonSchemaOptions()
            .setDraft(io.vertx.json.schema.Draft.DRAFT202012)
            .setBaseUri("app:///openapi.json")
            .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic);
    io.vertx.json.schema.SchemaRepository repository =
        io.vertx.json.schema.SchemaRepository.create(options);
    repository.dereference(
        "app:///openapi.json", io.vertx.json.schema.JsonSchema.of(document.copy()));
    return Boolean.TRUE.equals(
        repository
            .validator("app:///openapi.json#/components/schemas/" + schema)
            .validate(body)
            .getValid());
  }

  /**
   * A shared component no operation refers to is a promise nothing keeps, or one an operation
   * forgot to make (Redocly's no-unused-components is off in contract/redocly.yaml, since it does
   * not follow the references in x-events, so this test is the check).
   */
  @Test
  void everySharedComponentIsReferencedSomewhere() {
    String text = document.encode();
    List<String> unused = new java.util.ArrayList<>();
    document
        .getJsonObject("components")
        .forEach(
            kind -> {
              if (kind.getKey().equals("securitySchemes")) {
                return; // referred to by name from security requirements, not by $ref
              }
              for (String name : ((JsonObject) kind.getValue()).fieldNames()) {
                String ref = "\"#/components/" + kind.getKey() + "/" + name + "\"";
                if (!text.contains(ref)) {
                  unused.add(kind.getKey() + "/" + name);
                }
              }
            });
    assertThat(unused).isEmpty();
  }

  /** The routes that replay a retried POST by its Idempotency-Key say so in their parameters. */
  @Test
  void createsAndSendsDocumentTheirIdempotencyKey() {
    for (String path : List.of("/purchase-orders", "/suppliers", "/purchase-orders/{id}/email")) {
      assertThat(
              document
                  .getJsonObject("paths")
                  .getJsonObject(path)
                  .getJsonObject("post")
                  .getJsonArray("parameters")
                  .encode())
          .as(path)
          .contains("#/components/parameters/IdempotencyKey");
    }
  }

  /**
   * An integrator reading the contract learns that the answer can stream, and what the events are.
   */
  @Test
  void streamingRoutesDocumentTheirEventsAndOnlyThey() {
    Set<String> streaming = new TreeSet<>();
    document
        .getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .forEach(
                        op -> {
                          JsonObject responses =
                              ((JsonObject) op.getValue()).getJsonObject("responses");
                          responses.forEach(
                              r -> {
                                JsonObject content =
                                    ((JsonObject) r.getValue()).getJsonObject("content");
                                if (content != null && content.containsKey("text/event-stream")) {
                                  streaming.add(
                                      op.getKey().toUpperCase()
                                          + " "
                                          + path.getKey()
                                          + " "
                                          + r.getKey());
                                  assertThat(((JsonObject) r.getValue()).getString("description"))
                                      .contains("`message`")
                                      .contains("`delta`")
                                      .contains("`done`")
                                      .contains("`error`");
                                  assertThat(
                                          content
                                              .getJsonObject("text/event-stream")
                                              .getString("example"))
                                      .startsWith("event: message\n");
                                  assertThat(
                                          content
                                              .getJsonObject("text/event-stream")
                                              .getJsonObject("x-events")
                                              .fieldNames())
                                      .containsExactly("message", "delta", "tool", "done", "error");
                                  // Without the Accept header the answer is the stored message as
                                  // JSON, with 201 Created.
                                  assertThat(
                                          responses
                                              .getJsonObject("201")
                                              .getJsonObject("content")
                                              .containsKey("application/json"))
                                      .as("without the Accept header the answer is JSON")
                                      .isTrue();
                                }
                              });
                        }));
    assertThat(streaming)
        .containsExactly(
            "POST /assistant/sessions/{id}/messages 200",
            "POST /assistant/sessions/{id}/messages/{mid}/regenerate 200");
  }

  @Test
  void interactiveDocsArePublicAndServeSwaggerUiFromTheWebjar() throws Exception {
    Http.Response page = http.get("/api/docs");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    String version = DocsRoutes.swaggerUiVersion();
    String bundle = "/api/docs/swagger-ui/" + version + "/swagger-ui-bundle.js";
    assertThat(page.body())
        .contains(bundle)
        .contains("/api/docs/swagger-initializer.js")
        .contains("openapi.yaml")
        .doesNotContain("{{");
    Http.Response script = http.get(bundle);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).startsWith("text/javascript");
    assertThat(script.header("Cache-Control")).contains("immutable");
    assertThat(script.body()).contains("SwaggerUIBundle");
    Http.Response init = http.get("/api/docs/swagger-initializer.js");
    assertThat(init.status()).isEqualTo(200);
    assertThat(init.body()).contains("/api/openapi.json").contains("X-Requested-With");
    // The page runs under the service's own policy: no inline script, nothing from elsewhere.
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';");
    assertThat(page.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]");
    // HEAD answers as GET would, without the body: what `curl -I` in a smoke check sees.
    for (String path : List.of("/api/docs", bundle, "/api/openapi.yaml", "/api/openapi.json")) {
      Http.Response head = http.head(path);
      Http.Response get = http.get(path);
      assertThat(head.status()).as(path).isEqualTo(200);
      assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
      assertThat(head.header("Content-Length")).as(path).isEqualTo(get.header("Content-Length"));
      assertThat(head.body()).as(path).isEmpty();
    }
    // Only the webjar files the page uses are reachable, and nothing outside it.
    assertThat(http.get("/api/docs/swagger-ui/" + version + "/index.html").status()).isEqualTo(404);
    assertThat(http.get("/api/docs/swagger-ui/0.0.0/swagger-ui-bundle.js").status()).isEqualTo(404);
  }
}
