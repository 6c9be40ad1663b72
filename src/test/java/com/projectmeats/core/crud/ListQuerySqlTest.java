package com.projectmeats.core.crud;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.catalog.Brokerage;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The SQL a list request becomes, pinned to its text: prepared statements and PostgreSQL's generic
 * plans are kept by the statement's text, and the search's plans (SearchPlansTest) were checked
 * against exactly this text, so a change to how {@link ListQuery} is built must leave every
 * statement, and the order of its parameters, as it was. The whole catalog's requests are compared
 * with list-query-sql.txt (written from the code as it was); a few are spelled out here.
 */
class ListQuerySqlTest {
  private static final Catalog CATALOG = Brokerage.catalog();
  private static final String GOLDEN = "list-query-sql.txt";

  @Test
  void aPurchaseOrderSearchRanksTheNumberAndSplitsOnPostgres() {
    ListQuery q = parse("purchase-orders", Dialect.POSTGRES, "q", "Beef 42");

    assertThat(q.where())
        .isEqualTo(
            "t.company_id = $1 AND (t.search_text LIKE lower($2) OR t.supplier_id = ANY (ARRAY("
                + "SELECT r.id FROM suppliers r WHERE r.company_id = $1 AND lower(r.name) LIKE"
                + " lower($2))))");
    assertThat(q.args()).containsExactly(7L, "%Beef 42%");
    assertThat(q.orderBy())
        .isEqualTo(
            "CASE WHEN lower(t.order_number) = $3 THEN 0 WHEN lower(t.order_number) LIKE $4 THEN 1"
                + " ELSE 2 END, t.order_date DESC, t.id DESC");
    assertThat(q.orderArgs()).containsExactly("beef 42", "beef 42%");
    assertThat(q.narrowSearch()).isTrue();
    assertThat(q.searchBranches())
        .containsExactly(
            "t.company_id + 0 = $1 AND t.search_text LIKE lower($2) AND (t.supplier_id IS NULL OR"
                + " NOT (t.supplier_id = ANY (ARRAY(SELECT r.id FROM suppliers r WHERE"
                + " r.company_id = $1 AND lower(r.name) LIKE lower($2)))))",
            "t.company_id = $1 AND t.supplier_id = ANY (ARRAY(SELECT r.id FROM suppliers r WHERE"
                + " r.company_id = $1 AND lower(r.name) LIKE lower($2)))");
    assertThat(q.split()).isNotNull();
    assertThat(q.split().ownOnly())
        .isEqualTo(
            "(t.supplier_id IS NULL OR NOT (t.supplier_id = ANY (ARRAY(SELECT id FROM named0))))");
  }

  @Test
  void sqliteEscapesTheNumbersPrefixAndNeverSplits() {
    ListQuery q = parse("invoices", Dialect.SQLITE, "q", "50%_off");

    assertThat(q.args()).containsExactly(7L, "%50\\%\\_off%");
    assertThat(q.orderArgs()).containsExactly("50%_off", "50\\%\\_off%");
    assertThat(q.orderBy()).contains(" LIKE $4 ESCAPE '\\' THEN 1 ELSE 2 END, ");
    assertThat(q.split()).isNull();
  }

  @Test
  void aTermTooShortForATrigramIsNotNarrow() {
    ListQuery q = parse("purchase-orders", Dialect.POSTGRES, "q", "ab");

    assertThat(q.narrowSearch()).isFalse();
    assertThat(q.split()).isNull();
  }

  @Test
  void everyRequestOfTheCatalogReadsAsItDid() throws IOException {
    String actual = describeAll();
    String expected;
    try (InputStream in = ListQuerySqlTest.class.getResourceAsStream(GOLDEN)) {
      expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!actual.equals(expected)) {
      // For a deliberate change: compare, then copy over src/test/resources.
      Files.writeString(Path.of("target", GOLDEN), actual);
    }
    assertThat(actual).isEqualTo(expected);
  }

  private static ListQuery parse(String resource, Dialect dialect, String... params) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < params.length; i += 2) {
      map.add(params[i], params[i + 1]);
    }
    return ListQuery.parse(CATALOG.get(resource), CATALOG, map, 7, dialect);
  }

  /** Every resource, in both dialects, under requests that reach each branch of the parsing. */
  private static String describeAll() {
    StringBuilder out = new StringBuilder();
    for (Resource resource : CATALOG.all()) {
      List<List<String>> requests = requests(resource);
      List<Set<String>> unnamedSets = unnamedSets(resource);
      for (Dialect dialect : List.of(Dialect.POSTGRES, Dialect.SQLITE)) {
        for (List<String> request : requests) {
          for (Set<String> unnamed :
              request.contains("q") ? unnamedSets : List.of(Set.<String>of())) {
            out.append("== ")
                .append(resource.name())
                .append(' ')
                .append(dialect)
                .append(' ')
                .append(request)
                .append(" unnamed=")
                .append(unnamed)
                .append('\n');
            MultiMap params = MultiMap.caseInsensitiveMultiMap();
            for (int i = 0; i < request.size(); i += 2) {
              params.add(request.get(i), request.get(i + 1));
            }
            try {
              describe(out, ListQuery.parse(resource, CATALOG, params, 7, dialect, unnamed));
            } catch (ApiException e) {
              out.append("error ")
                  .append(e.status())
                  .append(' ')
                  .append(e.code())
                  .append(' ')
                  .append(e.title())
                  .append(" | ")
                  .append(e.getMessage())
                  .append(" | ")
                  .append(new TreeMap<>(e.errors()))
                  .append('\n');
            }
          }
        }
      }
    }
    return out.toString();
  }

  private static List<Set<String>> unnamedSets(Resource resource) {
    List<String> targets =
        resource.fields().stream()
            .filter(f -> f.searchable() && f.type() == FieldType.REFERENCE)
            .map(Field::reference)
            .distinct()
            .toList();
    List<Set<String>> sets = new ArrayList<>();
    sets.add(Set.of());
    for (String target : targets) {
      sets.add(Set.of(target));
    }
    if (targets.size() > 1) {
      sets.add(new LinkedHashSet<>(targets));
    }
    return sets;
  }

  private static List<List<String>> requests(Resource resource) {
    List<List<String>> requests = new ArrayList<>();
    requests.add(List.of());
    for (String q :
        List.of(
            "Beef 42",
            "  PO-10  ",
            "ab",
            "abc",
            "50%_off",
            "back\\slash",
            "Crème brûlée",
            "two\u001ffields",
            "   ",
            "x".repeat(200),
            "x".repeat(201))) {
      requests.add(List.of("q", q));
    }
    requests.add(List.of("q", "Beef 42", "ordering", "-id"));
    requests.add(List.of("q", "Beef 42", "ordering", "  "));
    requests.add(List.of("q", "Beef", "page", "3", "page_size", "10"));
    requests.add(List.of("ordering", "-created_on,id"));
    requests.add(List.of("ordering", "no_such_field"));
    requests.add(List.of("page", "0"));
    requests.add(List.of("page_size", "500"));
    requests.add(List.of("no_such_filter", "1"));
    requests.add(List.of("no_such_after", "2026-01-01"));
    List<String> everyFilter = new ArrayList<>();
    for (Field f : resource.fields()) {
      if (f.filterable()) {
        everyFilter.add(f.name());
        everyFilter.add(goodValue(f));
        requests.add(List.of(f.name(), goodValue(f)));
        requests.add(List.of(f.name(), "not a value"));
      }
      if (ListQuery.dayFiltered(f)) {
        everyFilter.add(f.name() + "_after");
        everyFilter.add("2026-11-01");
        everyFilter.add(f.name() + "_before");
        everyFilter.add("2026-11-30");
        requests.add(List.of(f.name() + "_after", "2026-11-01"));
        requests.add(List.of(f.name() + "_before", "2026-11-30"));
        requests.add(List.of(f.name() + "_before", "30/11/2026"));
      }
      if (f.orderable()) {
        requests.add(List.of("ordering", f.name() + ",-id"));
      }
    }
    if (!everyFilter.isEmpty()) {
      List<String> all = new ArrayList<>(everyFilter);
      all.addAll(List.of("q", "Beef 42", "page", "2"));
      requests.add(all);
      all = new ArrayList<>(everyFilter);
      all.addAll(List.of("q", "PO", "ordering", "-created_on"));
      requests.add(all);
    }
    return requests;
  }

  private static String goodValue(Field f) {
    return switch (f.type()) {
      case REFERENCE, INTEGER -> "42";
      case BOOLEAN -> "true";
      case DATE -> "2026-11-26";
      case CHOICE, CHOICES -> f.choices().get(f.choices().size() - 1);
      default -> "some text";
    };
  }

  private static void describe(StringBuilder out, ListQuery q) {
    out.append("where ").append(q.where()).append('\n');
    out.append("args ").append(typed(q.args())).append('\n');
    out.append("orderBy ").append(q.orderBy()).append('\n');
    out.append("orderArgs ").append(typed(q.orderArgs())).append('\n');
    out.append("page ")
        .append(q.page().number())
        .append(' ')
        .append(q.page().size())
        .append(' ')
        .append(q.page().offset())
        .append('\n');
    out.append("narrow ").append(q.narrowSearch()).append('\n');
    out.append("orderColumns ").append(q.orderColumns()).append('\n');
    for (String branch : q.searchBranches()) {
      out.append("branch ").append(branch).append('\n');
    }
    SearchSplit split = q.split();
    if (split == null) {
      out.append("split none\n");
    } else {
      out.append("split.own ").append(split.own()).append('\n');
      out.append("split.ownOnly ").append(split.ownOnly()).append('\n');
      out.append("split.filters ").append(split.filters()).append('\n');
      out.append("split.references ").append(split.references()).append('\n');
      split.ids().forEach(s -> out.append("split.ids ").append(s).append('\n'));
      split.counterparts().forEach(s -> out.append("split.counterparts ").append(s).append('\n'));
      split.later().forEach(s -> out.append("split.later ").append(s).append('\n'));
      out.append("split.order ").append(split.order()).append('\n');
    }
    // What the list and the search across resources run with a narrow search.
    if (!q.narrowSearch()) {
      return;
    }
    ListQuery.Matches m = q.matches("tbl", List.of("id", "created_on"), "$99", false);
    out.append("matches.with ").append(m.with()).append('\n');
    out.append("matches.count ").append(m.count()).append('\n');
    ListQuery.Matches lone = q.matches("tbl", List.of("id", "created_on"), "$99", true);
    if (!lone.equals(m)) {
      out.append("loneBranch.with ").append(lone.with()).append('\n');
      out.append("loneBranch.count ").append(lone.count()).append('\n');
    }
  }

  private static String typed(List<Object> args) {
    List<String> out = new ArrayList<>();
    for (Object a : args) {
      out.add(a.getClass().getSimpleName() + ":" + a);
    }
    return out.toString();
  }
}
