package com.projectmeats.core.db;

import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The few places where PostgreSQL and SQLite differ, kept together. Repositories write SQL once
 * with PostgreSQL's {@code $1} placeholders and bind plain Java values ({@link Instant},
 * {@link LocalDate}, {@link Boolean}, {@code long}, {@link String}); this class adapts both to the
 * datastore in use.
 */
public enum Dialect {
  POSTGRES,
  SQLITE;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
  /** Fixed width, so that SQLite's text comparison orders timestamps correctly. */
  static final DateTimeFormatter SQLITE_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** SQLite understands numbered parameters ({@code ?1}), so one placeholder may be used twice. */
  public String sql(String sql) {
    return this == POSTGRES ? sql : PLACEHOLDER.matcher(sql).replaceAll("?$1");
  }

  public Tuple bind(Tuple args) {
    Tuple out = Tuple.tuple();
    for (int i = 0; i < args.size(); i++) {
      out.addValue(value(args.getValue(i)));
    }
    return out;
  }

  Object value(Object v) {
    if (v instanceof Instant instant) {
      return this == POSTGRES ? instant.atOffset(ZoneOffset.UTC) : SQLITE_TIMESTAMP.format(instant);
    }
    if (this == SQLITE) {
      if (v instanceof LocalDate date) {
        return date.toString();
      }
      if (v instanceof OffsetDateTime odt) {
        return SQLITE_TIMESTAMP.format(odt.toInstant());
      }
      if (v instanceof Boolean b) {
        return b ? 1 : 0;
      }
      if (v instanceof Enum<?> e) {
        return e.name();
      }
    }
    return v;
  }

  /** "2026-11" for a date column, for grouping by month. */
  public String yearMonth(String column) {
    return this == POSTGRES ? "to_char(" + column + ", 'YYYY-MM')" : "substr(" + column + ", 1, 7)";
  }

  /** A case-insensitive substring match; PostgreSQL's ILIKE can use a trigram index. */
  public String containsIgnoreCase(String column, String param) {
    return this == POSTGRES
        ? column + " ILIKE " + param
        : column + " LIKE " + param + " ESCAPE '\\'";
  }
}
