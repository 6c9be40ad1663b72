package com.projectmeats.core.crud;

import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;

/**
 * The JSON schemas of a resource, read from its declaration: the record as the API answers it
 * (every field always present, null where the field is optional), the body that creates or replaces
 * one, the body that patches one (every field optional), its list page and its filters.
 */
public final class ResourceSchemas {
  private ResourceSchemas() {}

  /** "Purchase order" → "PurchaseOrder". */
  public static String typeName(Resource r) {
    StringBuilder out = new StringBuilder();
    for (String word : r.singular().split("[^A-Za-z]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  /** "Purchase order" → "PurchaseOrders", "Cold storage entry" → "ColdStorageEntries". */
  public static String pluralTypeName(Resource r) {
    String one = typeName(r);
    if (one.matches(".*[^aeiou]y")) {
      return one.substring(0, one.length() - 1) + "ies";
    }
    return one + (one.matches(".*(s|x|ch|sh)") ? "es" : "s");
  }

  /** The record as every read, create, update and action answers it. */
  public static Schema.Named record(Resource r) {
    Schema.ObjectSchema object = fields(r);
    for (Child c : r.children()) {
      object =
          object.required(
              c.name(), Schema.arrayOf(line(r, c, false)).with("maxItems", c.maxRows()));
    }
    object =
        object.required("created_on", Schema.dateTime()).required("modified_on", Schema.dateTime());
    return Schema.named(
        typeName(r),
        object.describe("A " + r.singular().toLowerCase() + " of the selected company."));
  }

  /** A record as a list shows it: without its lines, which only a read of the record carries. */
  public static Schema.Named listed(Resource r) {
    if (r.children().isEmpty()) {
      return record(r);
    }
    return Schema.named(
        typeName(r) + "Summary",
        fields(r)
            .required("created_on", Schema.dateTime())
            .required("modified_on", Schema.dateTime())
            .describe(
                "A "
                    + r.singular().toLowerCase()
                    + " as lists show it: every field, without its "
                    + String.join(", ", r.children().stream().map(Child::name).toList())
                    + "."));
  }

  private static Schema.ObjectSchema fields(Resource r) {
    Schema.ObjectSchema object = Schema.object().required("id", Schema.id());
    String status = r.workflow() == null ? null : r.workflow().field();
    for (Field f : r.fields()) {
      boolean alwaysSet = f.required() || f.name().equals(status);
      object =
          object.required(f.name(), alwaysSet ? field(f, true) : Schema.nullable(field(f, true)));
      if (f.type() == FieldType.REFERENCE) {
        object =
            object.required(
                f.name() + "_name",
                Schema.nullable(Schema.string())
                    .describe("The display name of the " + f.reference() + " record (read-only)."));
      }
    }
    return object;
  }

  /**
   * What a create ({@code POST}) or a full replace ({@code PUT}) takes; read-only fields are left
   * out.
   */
  public static Schema.Named input(Resource r) {
    String description =
        "A "
            + r.singular().toLowerCase()
            + " to create, or the whole of one to replace; read-only fields are ignored when sent back."
            + ruleWords(r, "");
    if (r.rules().bodyRules().isEmpty()) {
      // The patch's fields with some of them required: said once, in the patch. (Not with rules:
      // openapi-generator merges the properties a oneOf rule names into the model and loses their
      // types, so a resource with rules keeps its own copy.)
      JsonArray required = new JsonArray();
      r.fields().stream()
          .filter(f -> !f.readOnly() && needed(f))
          .forEach(f -> required.add(f.name()));
      Schema input = patch(r).with("type", "object");
      if (!required.isEmpty()) {
        input = input.with("required", required);
      }
      return Schema.named(typeName(r) + "Input", input.describe(description));
    }
    Schema.ObjectSchema object = inputObject(r);
    for (Rules.BodyRule rule : r.rules().bodyRules()) {
      object = object.rule(rule.schema());
    }
    return Schema.named(typeName(r) + "Input", object.describe(description));
  }

  /** The cross-field rules in words (JSON Schema states them too where it can). */
  private static String ruleWords(Resource r, String prefix) {
    StringBuilder out = new StringBuilder();
    for (Rules.BodyRule rule : r.rules().bodyRules()) {
      out.append(' ').append(prefix).append(rule.description());
    }
    return out.toString();
  }

  /** What a {@code PATCH} takes: any of the writable fields, each changed alone. */
  public static Schema.Named patch(Resource r) {
    return Schema.named(
        typeName(r) + "Patch",
        inputObject(r)
            .allOptional()
            .describe(
                "The fields of a "
                    + r.singular().toLowerCase()
                    + " to change; the others keep their values."
                    + (r.children().isEmpty()
                        ? ""
                        : " A list of lines, when sent, replaces all the lines.")
                    + ruleWords(r, "Once the change is applied: ")));
  }

  public static Schema.Named page(Resource r) {
    return Schema.pageOf(listed(r));
  }

  /** One change of a record's history. */
  public static final Schema.Named HISTORY_ENTRY =
      Schema.named(
          "HistoryEntry",
          Schema.object()
              .required("id", Schema.id())
              .required("at", Schema.dateTime())
              .required(
                  "user",
                  Schema.nullable(Schema.id())
                      .describe("Who made the change; null once the user is deleted."))
              .required("user_email", Schema.nullable(Schema.string()))
              .required(
                  "by",
                  Schema.nullable(Schema.string())
                      .describe(
                          "Who made the change: the user's e-mail, or \"system\" for the service's own jobs."))
              .required(
                  "action",
                  Schema.string()
                      .describe(
                          "created, updated, deleted, the status action (approve…), or attached / detached (a file)."))
              .required(
                  "changes",
                  Schema.of(
                          new JsonObject()
                              .put("type", "object")
                              .put(
                                  "additionalProperties",
                                  new JsonObject()
                                      .put("type", "object")
                                      .put(
                                          "properties",
                                          new JsonObject()
                                              .put("old", new JsonObject())
                                              .put("new", new JsonObject()))
                                      .put("required", new JsonArray().add("old").add("new"))))
                      .describe("Field → {old, new}.")));

  /** The list's query: search, ordering, one filter per filterable field and a range per date. */
  public static Operation listQuery(Operation op, Resource r) {
    return filterQuery(op.paged(), r);
  }

  /** The list's search, ordering and filters without its paging (exports take the whole list). */
  public static Operation filterQuery(Operation op, Resource r) {
    Operation out =
        op.query(
                "q",
                Schema.string(200),
                "Search text, matched anywhere in the searchable fields (case-insensitive).")
            .query(
                "ordering",
                Schema.string(),
                "Comma-separated fields, each optionally prefixed by - for descending. Orderable: "
                    + String.join(", ", ListQuery.orderNames(r))
                    + ".");
    for (Field f : r.fields()) {
      if (f.filterable()) {
        Schema s =
            switch (f.type()) {
              case REFERENCE, INTEGER -> Schema.id();
              case BOOLEAN -> Schema.bool();
              case DATE -> Schema.date();
              case CHOICE, CHOICES -> Schema.oneOf(f.choices());
              default -> Schema.string();
            };
        out =
            out.query(
                f.name(),
                s,
                f.type() == FieldType.CHOICES
                    ? "Has this value among its " + f.name() + "."
                    : "Equals.");
      }
    }
    for (Field f : r.fields()) {
      if (f.type() == FieldType.DATE) {
        out =
            out.query(f.name() + "_after", Schema.date(), "On or after this date.")
                .query(f.name() + "_before", Schema.date(), "On or before this date.");
      } else if (f.type() == FieldType.DATETIME) {
        out =
            out.query(f.name() + "_after", Schema.date(), "On or after this day (UTC).")
                .query(f.name() + "_before", Schema.date(), "On or before this day (UTC).");
      }
    }
    return out;
  }

  private static Schema.ObjectSchema inputObject(Resource r) {
    Schema.ObjectSchema object = Schema.object();
    for (Field f : r.fields()) {
      if (f.readOnly()) {
        continue;
      }
      object =
          needed(f)
              ? object.required(f.name(), field(f, false))
              : object.optional(f.name(), Schema.nullable(field(f, false)));
    }
    for (Child c : r.children()) {
      object =
          object.optional(c.name(), Schema.arrayOf(line(r, c, true)).with("maxItems", c.maxRows()));
    }
    return object;
  }

  private static Schema.Named line(Resource r, Child c, boolean input) {
    Schema.ObjectSchema object =
        input ? Schema.object() : Schema.object().required("id", Schema.id());
    for (Field f : c.fields()) {
      if (input && f.readOnly()) {
        continue;
      }
      Schema s = field(f, !input);
      if (input) {
        object =
            needed(f)
                ? object.required(f.name(), s)
                : object.optional(f.name(), Schema.nullable(s));
      } else {
        object = object.required(f.name(), f.required() ? s : Schema.nullable(s));
      }
    }
    // A purchase order's "lines" are PurchaseOrderLine records.
    String name =
        typeName(r)
            + Character.toUpperCase(c.name().charAt(0))
            + c.name().substring(1).replaceAll("s$", "");
    return Schema.named(name + (input ? "Input" : ""), object);
  }

  private static boolean needed(Field f) {
    return f.required() && f.defaultValue() == null;
  }

  /** A field's value (never null here; the caller adds null where it may be). */
  static Schema field(Field f, boolean response) {
    JsonObject s =
        switch (f.type()) {
          case INTEGER -> new JsonObject().put("type", "integer").put("minimum", 0);
          case REFERENCE ->
              new JsonObject()
                  .put("type", "integer")
                  .put("minimum", 1)
                  .put("description", "Id of a " + f.reference() + " record of the same company.");
          case DECIMAL, MONEY ->
              new JsonObject()
                  .put("type", "string")
                  .put("pattern", "^\\d+(\\.\\d{1," + f.scale() + "})?$")
                  .put("examples", new JsonArray().add(f.scale() == 4 ? "2.4500" : "1234.50"));
          case DATE -> new JsonObject().put("type", "string").put("format", "date");
          case DATETIME -> new JsonObject().put("type", "string").put("format", "date-time");
          case BOOLEAN -> new JsonObject().put("type", "boolean");
          case CHOICE ->
              new JsonObject()
                  .put("type", "string")
                  .put("enum", new JsonArray(new ArrayList<>(f.choices())));
          case CHOICES ->
              new JsonObject()
                  .put("type", "array")
                  .put(
                      "items",
                      new JsonObject()
                          .put("type", "string")
                          .put("enum", new JsonArray(new ArrayList<>(f.choices()))));
          case EMAIL ->
              new JsonObject()
                  .put("type", "string")
                  .put("format", "email")
                  .put("maxLength", f.maxLength());
          default -> new JsonObject().put("type", "string").put("maxLength", f.maxLength());
        };
    if (response && f.readOnly()) {
      s.put("readOnly", true);
    }
    return Schema.of(s);
  }
}
