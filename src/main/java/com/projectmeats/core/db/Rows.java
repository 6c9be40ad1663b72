package com.projectmeats.core.db;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reading columns whose Java type differs between the datastores (timestamps, dates, booleans,
 * bytes).
 */
public final class Rows {
  private Rows() {}

  /** A BYTEA (PostgreSQL: a Buffer) or BLOB (SQLite: a byte[]) column; empty when null. */
  public static byte[] bytes(Row row, String column) {
    return switch (row.getValue(column)) {
      case Buffer b -> b.getBytes();
      case byte[] b -> b;
      case null -> new byte[0];
      case Object other -> throw new IllegalStateException("not bytes: " + other.getClass());
    };
  }

  /**
   * Where {@code column} sits in the row, failing as {@link Row#getValue(String)} does for a column
   * the statement did not select.
   */
  public static int position(Row row, String column) {
    int pos = row.getColumnIndex(column);
    if (pos < 0) {
      throw new java.util.NoSuchElementException("Column " + column + " does not exist");
    }
    return pos;
  }

  public static Instant instant(Row row, String column) {
    return instant(row, position(row, column));
  }

  public static Instant instant(Row row, int pos) {
    Object v = row.getValue(pos);
    return switch (v) {
      case null -> null;
      case OffsetDateTime odt -> odt.toInstant();
      case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
      case Instant i -> i;
      case String s -> Instant.parse(s);
      case Number n -> Instant.ofEpochMilli(n.longValue());
      default ->
          throw new IllegalStateException(
              "not a timestamp in " + row.getColumnName(pos) + ": " + v.getClass());
    };
  }

  public static LocalDate date(Row row, String column) {
    return date(row, position(row, column));
  }

  public static LocalDate date(Row row, int pos) {
    Object v = row.getValue(pos);
    return switch (v) {
      case null -> null;
      case LocalDate d -> d;
      case String s -> LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
      case java.sql.Date d -> d.toLocalDate();
      default ->
          throw new IllegalStateException(
              "not a date in " + row.getColumnName(pos) + ": " + v.getClass());
    };
  }

  public static Boolean bool(Row row, String column) {
    return bool(row, position(row, column));
  }

  public static Boolean bool(Row row, int pos) {
    Object v = row.getValue(pos);
    return switch (v) {
      case null -> null;
      case Boolean b -> b;
      case Number n -> n.intValue() != 0;
      case String s -> s.equals("1") || s.equalsIgnoreCase("true");
      default ->
          throw new IllegalStateException(
              "not a boolean in " + row.getColumnName(pos) + ": " + v.getClass());
    };
  }

  public static Long longValue(Row row, String column) {
    return longValue(row, position(row, column));
  }

  public static Long longValue(Row row, int pos) {
    Object v = row.getValue(pos);
    return v == null ? null : ((Number) v).longValue();
  }
}
