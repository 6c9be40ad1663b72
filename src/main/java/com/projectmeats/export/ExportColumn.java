package com.projectmeats.export;

import com.projectmeats.core.crud.Field;
import com.projectmeats.core.crud.FieldType;
import com.projectmeats.core.crud.Resource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One column of an exported list: its header (the field's label), the field's type, and how its
 * value is read from a record as the API shows it. A reference exports the name of what it points
 * at, as the list page shows it, not the id.
 */
record ExportColumn(String label, FieldType type, int scale, String key) {

  static List<ExportColumn> of(Resource resource) {
    List<ExportColumn> columns = new ArrayList<>();
    columns.add(new ExportColumn("ID", FieldType.INTEGER, 0, "id"));
    for (Field f : resource.fields()) {
      boolean reference = f.type() == FieldType.REFERENCE;
      columns.add(
          new ExportColumn(
              f.label(),
              reference ? FieldType.TEXT : f.type(),
              f.scale(),
              reference ? f.name() + "_name" : f.name()));
    }
    columns.add(new ExportColumn("Created on", FieldType.DATETIME, 0, "created_on"));
    return columns;
  }

  /**
   * The value as text: choices joined by "; ", everything else as the API spells it; null as "".
   */
  String text(JsonObject record) {
    Object value = record.getValue(key);
    return switch (value) {
      case null -> "";
      case JsonArray list -> String.join("; ", list.stream().map(String::valueOf).toList());
      default -> value.toString();
    };
  }

  /**
   * Numbers and dates are the record's own; only text that came from people can start a formula.
   */
  boolean peopleText() {
    return !type.numeric()
        && type != FieldType.DATE
        && type != FieldType.DATETIME
        && type != FieldType.BOOLEAN;
  }
}
