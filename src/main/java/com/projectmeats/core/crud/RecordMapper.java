package com.projectmeats.core.crud;

import com.projectmeats.core.db.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows to canonical values and to the JSON an integrator sees. */
final class RecordMapper {
  private RecordMapper() {}

  static Map<String, Object> values(List<Field> fields, Row row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field f : fields) {
      values.put(f.name(), Codec.fromRow(f, row, f.column()));
    }
    return values;
  }

  static JsonObject json(Resource resource, Row row) {
    JsonObject out = new JsonObject().put("id", row.getLong("id"));
    for (Field f : resource.fields()) {
      out.put(f.name(), Codec.toWire(Codec.fromRow(f, row, f.column())));
      if (f.type() == FieldType.REFERENCE) {
        Object companion = row.getValue(f.name() + "_name");
        out.put(f.name() + "_name", companion == null ? null : companion.toString());
      }
    }
    out.put("created_on", Codec.toWire(Rows.instant(row, "created_on")));
    out.put("modified_on", Codec.toWire(Rows.instant(row, "modified_on")));
    return out;
  }

  static JsonObject childJson(Child child, Row row) {
    JsonObject out = new JsonObject().put("id", row.getLong("id"));
    for (Field f : child.fields()) {
      out.put(f.name(), Codec.toWire(Codec.fromRow(f, row, f.column())));
    }
    return out;
  }

  static JsonObject wire(Map<String, Object> values) {
    JsonObject out = new JsonObject();
    values.forEach(
        (k, v) ->
            out.put(
                k,
                v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map
                    ? new JsonArray(l.stream().map(m -> wire(cast(m))).toList())
                    : Codec.toWire(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object m) {
    return (Map<String, Object>) m;
  }
}
