package com.projectmeats.core.crud;

import java.util.Arrays;
import java.util.List;

/**
 * Rows owned by a record and written with it (order lines, plant certifications): stored in their
 * own table, replaced as a whole on every create or update of the parent.
 */
public record Child(
    String name, String table, String parentColumn, List<Field> fields, int maxRows) {
  public static Child of(String name, String table, String parentColumn, Field.Builder... fields) {
    return new Child(
        name, table, parentColumn, Arrays.stream(fields).map(Field.Builder::build).toList(), 200);
  }
}
