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
 * with PostgreSQL's {@code $1} placeholders and bind plain Java values ({@link Instant}, {@link
 * LocalDate}, {@link Boolean}, {@code long}, {@link String}); this class adapts both to the
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

  /**
   * Between the fields of {@link #searchText}: a control character (unit separator) that a search
   * term without it cannot match, so no match ever spans two fields.
   */
  public static final char SEARCH_SEPARATOR = '\u001f';

  /**
   * A case-insensitive substring match of the LIKE pattern {@code param} (backslash escapes; made
   * from the term {@code literal}) on any of {@code columns}. On PostgreSQL it is one LIKE over
   * {@link #searchText}, which the table's one trigram index (led by company_id) answers; ILIKE is
   * {@code lower(s) LIKE lower(p)}, so rows match exactly as with an ILIKE per column OR-ed, as
   * long as the term holds no {@link #SEARCH_SEPARATOR}: such a term is matched per column,
   * unindexed but exact. SQLite keeps its LIKE per column (case-insensitive for ASCII, as before).
   * On PostgreSQL a table that stores its search text ({@code stored}, the table read as {@code t})
   * is matched on its column {@code search_text}, which holds {@link #searchText} of exactly these
   * columns.
   */
  public String containsIgnoreCaseAny(
      boolean stored, java.util.List<String> columns, String param, String literal) {
    if (this == POSTGRES && literal.indexOf(SEARCH_SEPARATOR) < 0) {
      return (stored ? "t.search_text" : searchText(columns)) + " LIKE lower(" + param + ")";
    }
    return "("
        + String.join(" OR ", columns.stream().map(c -> containsIgnoreCase(c, param)).toList())
        + ")";
  }

  /**
   * The lower-cased search columns of a table joined by {@link #SEARCH_SEPARATOR}, NULL as empty:
   * PostgreSQL's expression for search. A migration indexes exactly this text, written without the
   * table alias and after the company ({@code USING gin (company_id, (...) gin_trgm_ops)}, see
   * V50__search_index.sql); {@code SearchIndexTest} checks that every resource's search uses it.
   */
  public static String searchText(java.util.List<String> columns) {
    return "("
        + String.join(
            " || E'\\x1f' || ",
            columns.stream().map(c -> "lower(coalesce(" + c + ", ''))").toList())
        + ")";
  }
}
