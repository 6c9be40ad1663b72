package com.projectmeats.core.crud;

import com.projectmeats.core.http.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The catalog as data, so the web app renders every resource's lists and forms from one source. */
public final class Meta {
  private Meta() {}

  private static final Schema FIELD =
      Schema.named(
          "FieldDescription",
          Schema.object()
              .required("name", Schema.string())
              .required("label", Schema.string())
              .required(
                  "type",
                  Schema.oneOf(
                      java.util.Arrays.stream(FieldType.values()).map(FieldType::wire).toList()))
              .required("required", Schema.bool())
              .required("read_only", Schema.bool())
              .required("filter", Schema.bool())
              .required("order", Schema.bool())
              .required("search", Schema.bool())
              .required("list", Schema.bool())
              .optional("max_length", Schema.integer().describe("Text fields only."))
              .optional(
                  "scale",
                  Schema.integer().describe("Decimal and money fields: digits after the point."))
              .optional("choices", Schema.arrayOf(Schema.string()))
              .optional(
                  "reference",
                  Schema.string().describe("The resource a reference field points to.")));

  /** The answer of {@code GET /meta/resources}. */
  public static final Schema.Named SCHEMA =
      Schema.named(
          "ResourceCatalog",
          Schema.object()
              .required(
                  "resources",
                  Schema.arrayOf(
                      Schema.named(
                          "ResourceDescription",
                          Schema.object()
                              .required("name", Schema.string())
                              .required("label", Schema.string())
                              .required("singular", Schema.string())
                              .required("display_field", Schema.string())
                              .required("write_role", Schema.string())
                              .required("delete_role", Schema.string())
                              .required("updatable", Schema.bool())
                              .required("status_field", Schema.nullable(Schema.string()))
                              .required("number_field", Schema.nullable(Schema.string()))
                              .required("history", Schema.bool())
                              .required("attachments", Schema.bool())
                              .required("default_ordering", Schema.string())
                              .required("fields", Schema.arrayOf(FIELD))
                              .required(
                                  "children",
                                  Schema.arrayOf(
                                      Schema.object()
                                          .required("name", Schema.string())
                                          .required("label", Schema.string())
                                          .required("fields", Schema.arrayOf(FIELD))))
                              .required(
                                  "actions",
                                  Schema.arrayOf(
                                      Schema.object()
                                          .required("name", Schema.string())
                                          .required("label", Schema.string())
                                          .required("role", Schema.string())
                                          .required("from", Schema.arrayOf(Schema.string()))
                                          .required("to", Schema.string())))))));

  public static JsonObject describe(Catalog catalog) {
    JsonArray resources = new JsonArray();
    for (Resource r : catalog.all()) {
      JsonArray actions = new JsonArray();
      if (r.workflow() != null) {
        r.workflow()
            .actions()
            .values()
            .forEach(
                t ->
                    actions.add(
                        new JsonObject()
                            .put("name", t.action())
                            .put("label", Field.label(t.action()))
                            .put("role", t.role().wire())
                            .put("from", new JsonArray(t.from().stream().sorted().toList()))
                            .put("to", t.to())));
      }
      JsonArray children = new JsonArray();
      r.children()
          .forEach(
              c ->
                  children.add(
                      new JsonObject()
                          .put("name", c.name())
                          .put("label", Field.label(c.name()))
                          .put("fields", fields(c.fields()))));
      resources.add(
          new JsonObject()
              .put("name", r.name())
              .put("label", r.label())
              .put("singular", r.singular())
              .put("display_field", r.displayField())
              .put("write_role", r.writeRole().wire())
              .put("delete_role", r.deleteRole().wire())
              .put("updatable", r.updatable())
              .put("status_field", r.workflow() == null ? null : r.workflow().field())
              .put("number_field", r.numberField())
              .put("history", r.history())
              .put("attachments", r.attachments())
              .put("default_ordering", r.defaultOrdering())
              .put("fields", fields(r.fields()))
              .put("children", children)
              .put("actions", actions));
    }
    return new JsonObject().put("resources", resources);
  }

  static JsonArray fields(List<Field> fields) {
    JsonArray out = new JsonArray();
    for (Field f : fields) {
      JsonObject j =
          new JsonObject()
              .put("name", f.name())
              .put("label", f.label())
              .put("type", f.type().wire())
              .put("required", f.required())
              .put("read_only", f.readOnly())
              .put("filter", f.filterable())
              .put("order", f.orderable())
              .put("search", f.searchable())
              .put("list", f.listed());
      if (f.type().textual()) {
        j.put("max_length", f.maxLength());
      }
      if (f.type() == FieldType.DECIMAL || f.type() == FieldType.MONEY) {
        j.put("scale", f.scale());
      }
      if (!f.choices().isEmpty()) {
        j.put("choices", new JsonArray(f.choices()));
      }
      if (f.reference() != null) {
        j.put("reference", f.reference());
      }
      out.add(j);
    }
    return out;
  }
}
