package com.projectmeats.core.crud;

import com.projectmeats.core.db.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves field values between their three forms: the column (exact decimals as scaled integers, so
 * sums in SQL stay exact on both datastores), the canonical Java value the rules work with, and the
 * JSON on the wire (decimals as strings, never binary floating point).
 */
public final class Codec {
  private Codec() {}

  /** Canonical value → what is bound to SQL. */
  public static Object toColumn(Field field, Object value) {
    if (value == null) {
      return null;
    }
    return switch (field.type()) {
      case DECIMAL, MONEY ->
          ((BigDecimal) value).setScale(field.scale()).unscaledValue().longValueExact();
      case CHOICES -> new JsonArray(new ArrayList<>(asList(value))).encode();
      default -> value;
    };
  }

  /** Column of a row → canonical value. */
  public static Object fromRow(Field field, Row row, String column) {
    if (row.getValue(column) == null) {
      return null;
    }
    return switch (field.type()) {
      case DECIMAL, MONEY ->
          BigDecimal.valueOf(((Number) row.getValue(column)).longValue(), field.scale());
      case INTEGER, REFERENCE -> Rows.longValue(row, column);
      case DATE -> Rows.date(row, column);
      case DATETIME -> Rows.instant(row, column);
      case BOOLEAN -> Rows.bool(row, column);
      case CHOICES -> new JsonArray(row.getString(column)).getList();
      default -> row.getValue(column).toString();
    };
  }

  /** Canonical value → JSON. */
  public static Object toWire(Object value) {
    return switch (value) {
      case null -> null;
      case BigDecimal d -> d.toPlainString();
      case LocalDate d -> d.toString();
      case Instant i -> i.truncatedTo(ChronoUnit.SECONDS).toString();
      case List<?> l -> new JsonArray(new ArrayList<>(l));
      default -> value;
    };
  }

  @SuppressWarnings("unchecked")
  static List<String> asList(Object value) {
    return (List<String>) value;
  }
}
