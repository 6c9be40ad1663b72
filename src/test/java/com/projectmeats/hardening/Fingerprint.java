package com.projectmeats.hardening;

import static com.projectmeats.testing.Fixtures.await;

import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Secrets;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the database holds, as one digest per table: equal fingerprints before and after a batch of
 * rejected requests prove that none of them wrote anything. Scoped to one company (its rows in
 * every table with a company_id, and its own row) or taken over every table.
 */
final class Fingerprint {
  /** Bookkeeping that moves on its own: last-use stamps, and the sign-in throttle's attempts. */
  private static final Set<String> VOLATILE_COLUMNS = Set.of("last_used_on", "last_seen_on");

  private static final Set<String> SKIPPED_TABLES =
      Set.of("flyway_schema_history", "login_attempts", "sqlite_sequence");

  private Fingerprint() {}

  /** Table → "rows:digest" for the rows of {@code companyId}. */
  static Map<String, String> company(Sql sql, long companyId) {
    Map<String, String> out = new TreeMap<>();
    for (String table : tables(sql)) {
      if (columns(sql, table).contains("company_id")) {
        out.put(table, digest(sql, "SELECT * FROM " + table + " WHERE company_id = $1", companyId));
      }
    }
    out.put("companies", digest(sql, "SELECT * FROM companies WHERE id = $1", companyId));
    return out;
  }

  /** Table → "rows:digest" for every row of every table. */
  static Map<String, String> all(Sql sql) {
    Map<String, String> out = new TreeMap<>();
    for (String table : tables(sql)) {
      out.put(table, digest(sql, "SELECT * FROM " + table));
    }
    return out;
  }

  static List<String> tables(Sql sql) {
    String query =
        sql.dialect() == Dialect.POSTGRES
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
    List<String> names = new ArrayList<>();
    await(sql.query(query)).forEach(r -> names.add(r.getString(0)));
    names.removeIf(n -> SKIPPED_TABLES.contains(n.toLowerCase()));
    names.sort(String::compareTo);
    return names;
  }

  private static Set<String> columns(Sql sql, String table) {
    String query =
        sql.dialect() == Dialect.POSTGRES
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '"
                + table
                + "'"
            : "SELECT name FROM pragma_table_info('" + table + "')";
    Set<String> names = new java.util.HashSet<>();
    await(sql.query(query)).forEach(r -> names.add(r.getString(0)));
    return names;
  }

  private static String digest(Sql sql, String query, Object... args) {
    List<String> rows = new ArrayList<>();
    for (Row row : await(sql.query(query, args))) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String column = row.getColumnName(i);
        if (!VOLATILE_COLUMNS.contains(column)) {
          Object value = row.getValue(i);
          // Binary columns (SQLite hands them over as byte[]) by content, not by identity.
          line.append(column)
              .append('=')
              .append(value instanceof byte[] b ? java.util.Arrays.hashCode(b) : value)
              .append('\u0001');
        }
      }
      rows.add(line.toString());
    }
    rows.sort(String::compareTo);
    return rows.size() + ":" + Secrets.hash(String.join("\n", rows)).substring(0, 16);
  }
}
