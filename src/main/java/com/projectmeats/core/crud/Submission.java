package com.projectmeats.core.crud;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read against a resource's declaration: the values to write (field name → canonical
 * value), the owned rows, and every problem found, keyed as a 422 names them ({@code
 * lines[0].weight}).
 */
record Submission(
    Map<String, Object> values,
    Map<String, List<Map<String, Object>>> children,
    Map<String, List<String>> errors) {

  /**
   * What the body stands for: a new record, a whole replacement (PUT), or some fields changed
   * (PATCH).
   */
  enum Kind {
    CREATE(true, true),
    REPLACE(true, false),
    PATCH(false, false);

    /**
     * Fields left out are written as their default (or null); else they keep their stored value.
     */
    final boolean full;

    /** Owned rows left out are written as none; else they are kept. */
    final boolean childrenRequired;

    Kind(boolean full, boolean childrenRequired) {
      this.full = full;
      this.childrenRequired = childrenRequired;
    }
  }

  /**
   * Reads {@code body}; a field the resource does not declare is a 400 at once, anything else is
   * collected.
   */
  static Submission read(Resource resource, JsonObject body, Kind kind) {
    rejectUnknown(resource, body);
    Validator v = new Validator();
    Map<String, Object> values = v.read(resource.fields(), body, kind.full, "");
    Map<String, List<Map<String, Object>>> children =
        readChildren(v, resource, body, kind.childrenRequired);
    return new Submission(values, children, v.errors());
  }

  /** This submission, or the 422 that names each wrong field. */
  Submission orFail() {
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return this;
  }

  private static Map<String, List<Map<String, Object>>> readChildren(
      Validator v, Resource resource, JsonObject body, boolean required) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (Child child : resource.children()) {
      if (!body.containsKey(child.name())) {
        if (required) {
          out.put(child.name(), new ArrayList<>());
        }
        continue;
      }
      if (!(body.getValue(child.name()) instanceof JsonArray array)) {
        v.error(child.name(), "Must be a list of objects.");
        continue;
      }
      if (array.size() > child.maxRows()) {
        v.error(child.name(), "At most " + child.maxRows() + " rows.");
        continue;
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof JsonObject item)) {
          v.error(child.name() + "[" + i + "]", "Must be an object.");
          continue;
        }
        Set<String> unknown = new TreeSet<>(item.fieldNames());
        child.fields().forEach(f -> unknown.remove(f.name()));
        unknown.remove("id");
        if (!unknown.isEmpty()) {
          v.error(
              child.name() + "[" + i + "]",
              "Unknown field(s): " + String.join(", ", unknown) + ".");
        }
        rows.add(v.read(child.fields(), item, true, child.name() + "[" + i + "]."));
      }
      out.put(child.name(), rows);
    }
    return out;
  }

  private static void rejectUnknown(Resource resource, JsonObject body) {
    Set<String> known = new HashSet<>(List.of("id", "created_on", "modified_on"));
    resource
        .fields()
        .forEach(
            f -> {
              known.add(f.name());
              if (f.type() == FieldType.REFERENCE) {
                known.add(f.name() + "_name");
              }
            });
    resource.children().forEach(c -> known.add(c.name()));
    List<String> unknown =
        body.fieldNames().stream().filter(n -> !known.contains(n)).sorted().toList();
    if (!unknown.isEmpty()) {
      Map<String, List<String>> errors = new LinkedHashMap<>();
      unknown.forEach(n -> errors.put(n, List.of("Unknown field.")));
      throw new ApiException(
          400,
          "unknown_fields",
          "Bad request",
          "Unknown field(s) for " + resource.name() + ": " + String.join(", ", unknown) + ".",
          errors,
          null);
    }
  }
}
