package com.projectmeats.core.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Schema (the 2020-12 dialect of OpenAPI 3.1) for a request or response body, declared with
 * the route that reads or answers it. A {@link #named named} schema becomes one entry of the
 * document's {@code components} and is referenced wherever it is used; the rest is written inline.
 *
 * <p>Response schemas say what the service always sends: a property the service writes on every
 * answer is {@code required}, one it may write as {@code null} is {@link #nullable}.
 */
public sealed interface Schema {

  /**
   * This schema as JSON; named schemas met on the way are added to {@code components} (name →
   * schema) and referenced. Two different schemas under one name are a mistake in the declarations.
   */
  JsonObject render(Map<String, JsonObject> components);

  // ---- leaves ---------------------------------------------------------------------------------

  /** Any JSON Schema written out by hand (it must not need a component of its own). */
  static Schema of(JsonObject json) {
    return new Literal(json.copy());
  }

  static Schema string() {
    return of(new JsonObject().put("type", "string"));
  }

  static Schema string(int maxLength) {
    return of(new JsonObject().put("type", "string").put("maxLength", maxLength));
  }

  static Schema integer() {
    return of(new JsonObject().put("type", "integer"));
  }

  /** A database id: a positive whole number. */
  static Schema id() {
    return of(new JsonObject().put("type", "integer").put("minimum", 1));
  }

  static Schema bool() {
    return of(new JsonObject().put("type", "boolean"));
  }

  static Schema date() {
    return of(new JsonObject().put("type", "string").put("format", "date"));
  }

  static Schema dateTime() {
    return of(new JsonObject().put("type", "string").put("format", "date-time"));
  }

  /** An exact decimal as the API carries it: a string such as {@code "78400.00"}. */
  static Schema decimal(int scale) {
    return of(
        new JsonObject()
            .put("type", "string")
            .put("pattern", "^-?\\d+(\\.\\d{1," + scale + "})?$")
            .put("examples", new JsonArray().add(scale == 4 ? "2.4500" : "1234.50")));
  }

  static Schema oneOf(List<String> values) {
    return of(
        new JsonObject().put("type", "string").put("enum", new JsonArray(new ArrayList<>(values))));
  }

  static Schema oneOf(String... values) {
    return oneOf(List.of(values));
  }

  /**
   * A JSON object whose properties are not described (free-form data such as a draft or a tool's
   * arguments).
   */
  static Schema anyObject() {
    return of(new JsonObject().put("type", "object"));
  }

  /** Any JSON value at all. */
  static Schema anyValue() {
    return of(new JsonObject());
  }

  // ---- composites -----------------------------------------------------------------------------

  static ObjectSchema object() {
    return new ObjectSchema(new LinkedHashMap<>(), List.of(), false, new JsonObject());
  }

  static Schema arrayOf(Schema items) {
    return new ArrayOf(items);
  }

  /** The value, or {@code null}. */
  static Schema nullable(Schema schema) {
    return new Nullable(schema);
  }

  /** A schema of its own in {@code components/schemas}, referenced by name. */
  static Named named(String name, Schema schema) {
    return new Named(name, schema);
  }

  /**
   * One page of a list, {@code {count, next, previous, results}}, named after its item ({@code
   * SupplierPage} for {@code Supplier}), so every list's results are typed.
   */
  static Named pageOf(Named item) {
    return named(
        item.name() + "Page",
        object()
            .required("count", of(new JsonObject().put("type", "integer").put("minimum", 0)))
            .required(
                "next", nullable(of(new JsonObject().put("type", "string").put("format", "uri"))))
            .required(
                "previous",
                nullable(of(new JsonObject().put("type", "string").put("format", "uri"))))
            .required("results", arrayOf(item))
            .describe(
                "One page of "
                    + item.name()
                    + " records; next and previous are absolute links, null at either end."));
  }

  /** Another schema with a description (or any other keyword) added. */
  default Schema with(String keyword, Object value) {
    return new Annotated(this, new JsonObject().put(keyword, value));
  }

  default Schema describe(String text) {
    return with("description", text);
  }

  // ---- the kinds ------------------------------------------------------------------------------

  record Literal(JsonObject json) implements Schema {
    @Override
    public JsonObject render(Map<String, JsonObject> components) {
      return json.copy();
    }
  }

  record ArrayOf(Schema items) implements Schema {
    @Override
    public JsonObject render(Map<String, JsonObject> components) {
      return new JsonObject().put("type", "array").put("items", items.render(components));
    }
  }

  record Annotated(Schema schema, JsonObject keywords) implements Schema {
    @Override
    public JsonObject render(Map<String, JsonObject> components) {
      JsonObject json = schema.render(components);
      if (json.containsKey("$ref") && !keywords.isEmpty()) {
        // Siblings of $ref are allowed in 3.1, but generators read them badly: wrap it instead.
        return new JsonObject().put("allOf", new JsonArray().add(json)).mergeIn(keywords);
      }
      return json.mergeIn(keywords);
    }

    @Override
    public Schema with(String keyword, Object value) {
      return new Annotated(schema, keywords.copy().put(keyword, value));
    }
  }

  record Nullable(Schema schema) implements Schema {
    @Override
    public JsonObject render(Map<String, JsonObject> components) {
      JsonObject json = schema.render(components);
      Object type = json.getValue("type");
      if (type instanceof String single && !json.containsKey("$ref")) {
        json.put("type", new JsonArray().add(single).add("null"));
        JsonArray choices = json.getJsonArray("enum");
        if (choices != null && !choices.contains(null)) {
          choices.addNull();
        }
        return json;
      }
      return new JsonObject()
          .put("oneOf", new JsonArray().add(json).add(new JsonObject().put("type", "null")));
    }
  }

  record Named(String name, Schema schema) implements Schema {
    public Named {
      if (!name.matches("[A-Z][A-Za-z0-9]*")) {
        throw new IllegalArgumentException("A schema name is PascalCase: " + name);
      }
    }

    @Override
    public JsonObject render(Map<String, JsonObject> components) {
      JsonObject ref = new JsonObject().put("$ref", "#/components/schemas/" + name);
      JsonObject known = components.get(name);
      if (known == PENDING) {
        return ref;
      }
      components.put(name, PENDING);
      JsonObject json = schema.render(components);
      if (known != null && !known.equals(json)) {
        throw new IllegalStateException("Two different schemas are named " + name + ".");
      }
      components.put(name, json);
      return ref;
    }

    /** The placeholder while a schema that refers to itself is rendered. */
    private static final JsonObject PENDING = new JsonObject().put("x-pending", true);
  }

  /**
   * An object: its properties in order, each required (always in a response; needed in a request)
   * or optional. Unknown properties are refused unless {@link #open()} says otherwise.
   */
  record ObjectSchema(
      LinkedHashMap<String, Property> properties,
      List<JsonObject> rules,
      boolean additional,
      JsonObject keywords)
      implements Schema {
    public record Property(Schema schema, boolean required) {}

    public ObjectSchema required(String name, Schema schema) {
      return put(name, new Property(schema, true));
    }

    public ObjectSchema optional(String name, Schema schema) {
      return put(name, new Property(schema, false));
    }

    /** Every property optional (a PATCH body: send only what changes). */
    public ObjectSchema allOptional() {
      LinkedHashMap<String, Property> copy = new LinkedHashMap<>();
      properties.forEach((name, p) -> copy.put(name, new Property(p.schema(), false)));
      return new ObjectSchema(copy, rules, additional, keywords);
    }

    /** Other properties may appear too (clients must ignore what they do not know). */
    public ObjectSchema open() {
      return new ObjectSchema(properties, rules, true, keywords);
    }

    /**
     * A rule across properties, as JSON Schema states it: {@code rule} is a schema the whole object
     * must also satisfy (e.g. {@code oneOf} of {@code required} lists). All rules must hold.
     */
    public ObjectSchema rule(JsonObject rule) {
      List<JsonObject> all = new ArrayList<>(rules);
      all.add(rule.copy());
      return new ObjectSchema(properties, List.copyOf(all), additional, keywords);
    }

    @Override
    public ObjectSchema describe(String text) {
      return new ObjectSchema(
          properties, rules, additional, keywords.copy().put("description", text));
    }

    private ObjectSchema put(String name, Property property) {
      LinkedHashMap<String, Property> copy = new LinkedHashMap<>(properties);
      copy.put(name, property);
      return new ObjectSchema(copy, rules, additional, keywords);
    }

    @Override
    public JsonObject render(Map<String, JsonObject> components) {
      JsonObject props = new JsonObject();
      JsonArray required = new JsonArray();
      properties.forEach(
          (name, p) -> {
            props.put(name, p.schema().render(components));
            if (p.required()) {
              required.add(name);
            }
          });
      JsonObject json = new JsonObject().put("type", "object").put("properties", props);
      if (!required.isEmpty()) {
        json.put("required", required);
      }
      if (!additional) {
        json.put("additionalProperties", false);
      }
      // Always under allOf, even alone: generators (openapi-generator's Java) turn an object with a
      // oneOf of its own into a wrapper without setters, but leave allOf's rules to validators.
      if (!rules.isEmpty()) {
        json.put("allOf", new JsonArray(new ArrayList<>(rules)));
      }
      return json.mergeIn(keywords);
    }
  }
}
