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
    return fromRow(field, row, Rows.position(row, column));
  }

  /** The column at {@code pos} of a row → canonical value. */
  public static Object fromRow(Field field, Row row, int pos) {
    Object value = row.getValue(pos);
    if (value == null) {
      return null;
    }
    return switch (field.type()) {
      case DECIMAL, MONEY -> BigDecimal.valueOf(((Number) value).longValue(), field.scale());
      case INTEGER, REFERENCE -> Rows.longValue(row, pos);
      case DATE -> Rows.date(row, pos);
      case DATETIME -> Rows.instant(row, pos);
      case BOOLEAN -> Rows.bool(row, pos);
      case CHOICES -> new JsonArray(value.toString()).getList();
      default -> value.toString();
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
