package com.projectmeats.core.crud;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.catalog.Brokerage;
import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.DatabaseSettings;
import com.projectmeats.core.db.Migrations;
import com.projectmeats.testing.Datastore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each declared resource and its owned rows have exactly the columns the migrations create, in both
 * dialects: a field with no column would fail at the first write, a column no field declares is
 * data the API can never show or change. Only the engine's own columns, and those listed below as
 * internal, are in a table without a field.
 */
class SchemaMatchesDeclarationsTest {
  /** Every record's table: written by the engine itself, never a field. */
  static final Set<String> RECORD_COLUMNS =
      Set.of("id", "company_id", "created_on", "modified_on", "created_by", "version");

  /** Every owned row's table, beside its parent's id column. */
  static final Set<String> CHILD_COLUMNS = Set.of("id", "company_id", "position");

  /**
   * table → columns that exist for the database alone (search and ordering helpers), never on the
   * wire.
   */
  static final Map<String, Set<String>> INTERNAL = Map.of();

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  abstract static class Contract {
    private final Datastore datastore;
    private String url;

    Contract(Datastore datastore) {
      this.datastore = datastore;
    }

    @BeforeEach
    void migrate() throws Exception {
      url = datastore.freshUrl();
      Migrations.migrate(AppConfig.from(Map.of("DATABASE_URL", url)));
    }

    @AfterEach
    void drop() {
      datastore.dispose(url);
    }

    private DatabaseSettings settings() {
      return AppConfig.from(Map.of("DATABASE_URL", url)).database();
    }

    @Test
    void everyFieldHasAColumnAndEveryColumnAField() throws Exception {
      List<String> problems = new ArrayList<>();
      try (Connection c = connect()) {
        for (Resource r : Brokerage.catalog().all()) {
          Set<String> declared = new TreeSet<>(RECORD_COLUMNS);
          r.fields().forEach(f -> declared.add(f.column()));
          if (r.storedSearchText() && datastore == Datastore.POSTGRES) {
            // PostgreSQL's generated search text (V84), declared by the resource, never a field.
            declared.add("search_text");
          }
          compare(c.getMetaData(), r.table(), declared, problems);
          for (Child child : r.children()) {
            Set<String> owned = new TreeSet<>(CHILD_COLUMNS);
            owned.add(child.parentColumn());
            child.fields().forEach(f -> owned.add(f.column()));
            compare(c.getMetaData(), child.table(), owned, problems);
          }
        }
      }
      assertThat(problems).as(datastore + " schema against the resource declarations").isEmpty();
    }

    private void compare(
        DatabaseMetaData meta, String table, Set<String> declared, List<String> problems)
        throws Exception {
      Set<String> columns = new TreeSet<>();
      String escape = meta.getSearchStringEscape();
      String pattern = table.replace("_", escape + "_").replace("%", escape + "%");
      try (ResultSet rs = meta.getColumns(null, null, pattern, null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
      if (columns.isEmpty()) {
        problems.add(table + ": no such table");
        return;
      }
      for (String column : declared) {
        if (!columns.contains(column)) {
          problems.add(table + "." + column + ": declared, but no such column");
        }
      }
      for (String column : columns) {
        if (!declared.contains(column)
            && !INTERNAL.getOrDefault(table, Set.of()).contains(column)) {
          problems.add(
              table + "." + column + ": a column no field declares (nor listed as internal)");
        }
      }
    }

    private Connection connect() throws Exception {
      return switch (settings()) {
        case DatabaseSettings.Sqlite lite -> DriverManager.getConnection(lite.jdbcUrl());
        case DatabaseSettings.Postgres pg ->
            DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
      };
    }
  }
}
