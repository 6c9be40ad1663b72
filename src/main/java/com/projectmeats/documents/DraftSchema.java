package com.projectmeats.documents;

import com.projectmeats.core.crud.Child;
import com.projectmeats.core.crud.Field;
import com.projectmeats.core.crud.FieldType;
import com.projectmeats.core.crud.Resource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The strict JSON schema (OpenAI Structured Outputs) the model fills for a resource, derived from
 * its declared fields so that it never drifts from the API: every writable field, nullable (the
 * document may not say); a reference as the NAME written in the document ({@code supplier_name}),
 * resolved to an id afterwards; owned rows as an array; and {@code guessed}, the fields the model
 * inferred rather than read. Strict mode wants every property required and no others allowed.
 */
final class DraftSchema {
  static final String GUESSED = "guessed";
  private static final String NAME_SUFFIX = "_name";

  private DraftSchema() {}

  static JsonObject responseFormat(String name, JsonObject schema) {
    return new JsonObject()
        .put("type", "json_schema")
        .put(
            "json_schema",
            new JsonObject().put("name", name).put("strict", true).put("schema", schema));
  }

  static JsonObject forResource(Resource resource) {
    JsonObject schema = object(resource.fields());
    for (Child child : resource.children()) {
      schema
          .getJsonObject("properties")
          .put(
              child.name(),
              new JsonObject()
                  .put("type", "array")
                  .put("description", "Every " + child.name() + " row of the document, in order.")
                  .put("items", object(child.fields())));
      schema.getJsonArray("required").add(child.name());
    }
    schema
        .getJsonObject("properties")
        .put(
            GUESSED,
            new JsonObject()
                .put("type", "array")
                .put(
                    "description",
                    "Keys you inferred instead of reading them in the document, e.g. \"order_date\" or \"lines[0].weight\".")
                .put("items", new JsonObject().put("type", "string")));
    schema.getJsonArray("required").add(GUESSED);
    return schema;
  }

  static JsonObject classifier(List<String> targets) {
    return new JsonObject()
        .put("type", "object")
        .put(
            "properties",
            new JsonObject()
                .put(
                    "target",
                    new JsonObject().put("type", "string").put("enum", new JsonArray(targets))))
        .put("required", new JsonArray().add("target"))
        .put("additionalProperties", false);
  }

  /** The key the model fills for a field: references by name. */
  static String key(Field f) {
    return f.type() == FieldType.REFERENCE ? f.name() + NAME_SUFFIX : f.name();
  }

  static List<Field> writable(List<Field> fields) {
    return fields.stream().filter(f -> !f.readOnly()).toList();
  }

  private static JsonObject object(List<Field> fields) {
    JsonObject properties = new JsonObject();
    JsonArray required = new JsonArray();
    for (Field f : writable(fields)) {
      properties.put(key(f), property(f));
      required.add(key(f));
    }
    return new JsonObject()
        .put("type", "object")
        .put("properties", properties)
        .put("required", required)
        .put("additionalProperties", false);
  }

  private static JsonObject property(Field f) {
    JsonObject p =
        switch (f.type()) {
          case INTEGER -> nullable("integer");
          case BOOLEAN -> nullable("boolean");
          case DECIMAL, MONEY ->
              nullable("string")
                  .put(
                      "description",
                      "A number written as text with a dot for decimals and no "
                          + "thousands separators or currency, e.g. \"32000.00\"; at most "
                          + f.scale()
                          + " decimals.");
          case DATE -> nullable("string").put("description", "A date as YYYY-MM-DD.");
          case DATETIME ->
              nullable("string").put("description", "A UTC time as 2026-11-26T14:02:11Z.");
          case CHOICE ->
              nullable("string")
                  .put(
                      "enum",
                      new JsonArray(new java.util.ArrayList<Object>(f.choices())).addNull());
          case CHOICES ->
              new JsonObject()
                  .put("type", new JsonArray().add("array").add("null"))
                  .put(
                      "items",
                      new JsonObject()
                          .put("type", "string")
                          .put(
                              "enum", new JsonArray(new java.util.ArrayList<Object>(f.choices()))));
          case REFERENCE ->
              nullable("string")
                  .put(
                      "description",
                      "The name of the "
                          + f.reference().replace('-', ' ')
                          + " record as written in the document (not an id).");
          default -> nullable("string");
        };
    if (!p.containsKey("description")) {
      p.put(
          "description",
          f.label()
              + (f.type().textual() && f.maxLength() > 0
                  ? " (at most " + f.maxLength() + " characters)"
                  : "")
              + ".");
    }
    return p;
  }

  private static JsonObject nullable(String type) {
    return new JsonObject().put("type", new JsonArray().add(type).add("null"));
  }
}
