package com.projectmeats.core.crud;

import com.projectmeats.core.db.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
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
    return Layout.of(resource, row).json(row);
  }

  /** A result's rows as the API shows them: the columns are found once for all of its rows. */
  static List<Object> json(Resource resource, RowSet<Row> rows) {
    List<Object> out = new ArrayList<>(rows.size());
    Layout layout = null;
    for (Row row : rows) {
      if (layout == null) {
        layout = Layout.of(resource, row);
      }
      out.add(layout.json(row));
    }
    return out;
  }

  /**
   * Where a resource's columns sit in the rows of one result, which all share them. A {@link Row}
   * finds a column by name with a linear search of the result's columns; a page of 25 records asked
   * it about 60 times a row.
   *
   * @param companions for each field, its reference's {@code _name} column, or null for a field
   *     that is not a reference; {@code names} holds where they sit
   */
  private record Layout(
      Resource resource,
      int id,
      int[] fields,
      String[] companions,
      int[] names,
      int created,
      int modified) {

    static Layout of(Resource resource, Row row) {
      List<Field> all = resource.fields();
      int[] fields = new int[all.size()];
      String[] companions = new String[all.size()];
      int[] names = new int[all.size()];
      for (int i = 0; i < fields.length; i++) {
        Field f = all.get(i);
        fields[i] = Rows.position(row, f.column());
        companions[i] = f.type() == FieldType.REFERENCE ? f.name() + "_name" : null;
        names[i] = companions[i] == null ? -1 : Rows.position(row, companions[i]);
      }
      return new Layout(
          resource,
          Rows.position(row, "id"),
          fields,
          companions,
          names,
          Rows.position(row, "created_on"),
          Rows.position(row, "modified_on"));
    }

    JsonObject json(Row row) {
      JsonObject out = new JsonObject().put("id", Rows.longValue(row, id));
      List<Field> all = resource.fields();
      for (int i = 0; i < fields.length; i++) {
        Field f = all.get(i);
        out.put(f.name(), Codec.toWire(Codec.fromRow(f, row, fields[i])));
        if (companions[i] != null) {
          Object companion = row.getValue(names[i]);
          out.put(companions[i], companion == null ? null : companion.toString());
        }
      }
      out.put("created_on", Codec.toWire(Rows.instant(row, created)));
      out.put("modified_on", Codec.toWire(Rows.instant(row, modified)));
      return out;
    }
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
