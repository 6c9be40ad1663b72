package com.projectmeats.core.crud;

import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A list's search ({@code ?q=}) as SQL: the term in the row's own searchable fields or in the name
 * of a counterpart it refers to (a supplier, a customer), the rank that puts the number typed
 * first, and the search's alternatives as {@link ListQuery} hands them on.
 *
 * @param condition what a row must match, beside the company and the filters; null without a
 *     search, or where the resource has nothing to search
 * @param narrow whether the trigram index can narrow the search to few candidates
 * @param branches as {@link ListQuery#searchBranches}
 * @param rank an ORDER BY term ranking the rows by how their number matches the term, ahead of the
 *     list's usual order; null without a number field
 * @param rankArgs the rank's parameters, numbered after the condition's
 * @param split as {@link ListQuery#split}, for the list in its usual order
 */
record ListSearch(
    String condition,
    boolean narrow,
    List<String> branches,
    String rank,
    List<Object> rankArgs,
    SearchSplit split) {
  private static final ListSearch NONE =
      new ListSearch(null, false, List.of(), null, List.of(), null);

  /**
   * The search {@code q} of {@code resource}'s list, none where {@code q} is absent or blank.
   * {@code filters} are the list's conditions so far, the company's first; the term's pattern is
   * added to {@code args}. A counterpart in {@code unnamed} is not searched by name ({@link
   * ListQuery#parse(Resource, Catalog, io.vertx.core.MultiMap, long, Dialect, Set)}).
   */
  static ListSearch of(
      String q,
      Resource resource,
      Catalog catalog,
      Dialect dialect,
      Set<String> unnamed,
      List<String> filters,
      List<Object> args) {
    if (q == null || q.isBlank()) {
      return NONE;
    }
    if (q.length() > 200) {
      throw ApiException.badRequest("q", "Search text is limited to 200 characters.");
    }
    String term = q.strip();
    args.add(ListQuery.containing(term));
    String contains = "$" + args.size();
    String own = ownFields(resource, dialect, contains, term);
    String ownAll = own == null ? null : ownBranch(filters, dialect, own);
    List<Field> references = searchedByName(resource, unnamed);
    List<String> named =
        references.stream()
            .map(ref -> counterpartNamed(ref, catalog.get(ref.reference()), contains, dialect))
            .toList();
    String condition = condition(own, named, leavesOutAName(resource, unnamed));
    // Three characters make a trigram: the index can narrow the search to few candidates.
    boolean narrow =
        (own != null || !named.isEmpty()) && term.codePointCount(0, term.length()) >= 3;
    Field number =
        resource.numberField() == null ? null : resource.field(resource.numberField()).orElse(null);
    String companyAndFilters = String.join(" AND ", filters);
    return new ListSearch(
        condition,
        narrow,
        branches(ownAll, companyAndFilters, references, named),
        number == null ? null : rank(number, dialect, args.size()),
        number == null ? List.of() : rankArgs(term),
        splitHoldsThePage(dialect, narrow, ownAll, references, term, number)
            ? split(resource, catalog, dialect, contains, companyAndFilters, ownAll, references)
            : null);
  }

  /**
   * What a row must match: the own fields' {@code own} (null where there are none) or any
   * counterpart's {@code named}; null where there is nothing to search.
   */
  private static String condition(String own, List<String> named, boolean leftOut) {
    List<String> matches = new ArrayList<>();
    if (own != null) {
      matches.add(own);
    }
    matches.addAll(named);
    if (!matches.isEmpty()) {
      return matches.size() == 1 ? matches.get(0) : "(" + String.join(" OR ", matches) + ")";
    }
    // Every alternative was left out: nothing matches (no condition would list everything).
    return leftOut ? "1 = 0" : null;
  }

  /** Whether the split ({@link SearchSplit}) gives the same page as the search's branches. */
  private static boolean splitHoldsThePage(
      Dialect dialect,
      boolean narrow,
      String ownAll,
      List<Field> references,
      String term,
      Field number) {
    // The split's candidates hold the page only if every row a counterpart's name finds that
    // ranks first (its number is or begins with the term) is among the own fields' matches: the
    // number is one of them, and the term one that Java and PostgreSQL lower-case alike.
    return dialect == Dialect.POSTGRES
        && narrow
        && ownAll != null
        && !references.isEmpty()
        && term.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
        && (number == null || number.searchable());
  }

  /** The term in the row's own searchable fields; null where it has none. */
  private static String ownFields(
      Resource resource, Dialect dialect, String contains, String term) {
    List<String> columns =
        resource.fields().stream()
            .filter(f -> f.searchable() && f.type() != FieldType.REFERENCE)
            .map(f -> "t." + f.column())
            .toList();
    return columns.isEmpty()
        ? null
        : dialect.containsIgnoreCaseAny(resource.storedSearchText(), columns, contains, term);
  }

  /** The company, the filters and the own fields' match {@code own}, as their own branch. */
  private static String ownBranch(List<String> filters, Dialect dialect, String own) {
    // Only the trigram index can narrow this branch. A prepared statement's generic plan,
    // which cannot see the term, otherwise AND-ed the company's btree (every row of it) into
    // the trigram bitmap; "+ 0" keeps company_id out of any index's reach here.
    List<String> branch = new ArrayList<>(filters);
    branch.set(0, dialect == Dialect.POSTGRES ? "t.company_id + 0 = $1" : filters.get(0));
    branch.add(own);
    return String.join(" AND ", branch);
  }

  /** The searchable references whose counterparts are searched by name. */
  private static List<Field> searchedByName(Resource resource, Set<String> unnamed) {
    return resource.fields().stream()
        .filter(f -> f.searchable() && f.type() == FieldType.REFERENCE)
        .filter(f -> !unnamed.contains(f.reference()))
        .toList();
  }

  /** Whether a counterpart's name is left out of the search: its resource is {@code unnamed}. */
  private static boolean leavesOutAName(Resource resource, Set<String> unnamed) {
    return resource.fields().stream()
        .anyMatch(
            f ->
                f.searchable()
                    && f.type() == FieldType.REFERENCE
                    && unnamed.contains(f.reference()));
  }

  /**
   * The rows whose reference names a record of the company (a supplier, a customer) whose name
   * contains the term. On PostgreSQL the few ids are found first (an InitPlan) and the rows by the
   * reference's index, which the planner can OR with the trigram index of the row's own fields.
   */
  private static String counterpartNamed(
      Field ref, Resource target, String contains, Dialect dialect) {
    String ids = ListQuery.named(target, contains, dialect);
    return dialect == Dialect.POSTGRES
        ? "t." + ref.column() + " = ANY (ARRAY(" + ids + "))"
        : "t." + ref.column() + " IN (" + ids + ")";
  }

  /**
   * The search's branches: {@code ownAll} (null where the row has no own fields to search), then
   * each reference's {@code named} condition with the company and the filters.
   */
  private static List<String> branches(
      String ownAll, String companyAndFilters, List<Field> references, List<String> named) {
    // A row belongs to the last branch that finds it (each leaves out the rows of the
    // counterparts' branches after it), so the branches never overlap and their UNION ALL
    // needs no de-duplication: a name's branch can bring a supplier's thousands of orders,
    // which UNION hashed to find the few also found by their own numbers.
    List<String> branches = new ArrayList<>();
    if (ownAll != null) {
      branches.add(allOf(ownAll, notFoundBy(references, named, 0)));
    }
    for (int i = 0; i < references.size(); i++) {
      branches.add(
          allOf(companyAndFilters + " AND " + named.get(i), notFoundBy(references, named, i + 1)));
    }
    return List.copyOf(branches);
  }

  /** The rows the counterpart branches from {@code from} on do not find. */
  private static List<String> notFoundBy(List<Field> refs, List<String> named, int from) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < refs.size(); i++) {
      out.add("(t." + refs.get(i).column() + " IS NULL OR NOT (" + named.get(i) + "))");
    }
    return out;
  }

  private static String allOf(String first, List<String> rest) {
    return rest.isEmpty() ? first : first + " AND " + String.join(" AND ", rest);
  }

  /**
   * What a broker types is most often a number: that number itself, then the numbers it begins,
   * then everything else the search found (in the list's usual order). {@code params} is how many
   * parameters the condition has.
   */
  private static String rank(Field number, Dialect dialect, int params) {
    // Numbered after the condition's parameters: only the statements that order use them.
    String exact = "$" + (params + 1);
    String prefix = "$" + (params + 2);
    String column = "lower(t." + number.column() + ")";
    return "CASE WHEN "
        + column
        + " = "
        + exact
        + " THEN 0 WHEN "
        + column
        + " LIKE "
        + prefix
        + (dialect == Dialect.SQLITE ? " ESCAPE '\\'" : "")
        + " THEN 1 ELSE 2 END";
  }

  /** The {@link #rank}'s parameters: the number typed, and the pattern of the numbers it begins. */
  private static List<Object> rankArgs(String term) {
    return List.of(
        term.toLowerCase(Locale.ROOT), ListQuery.escape(term).toLowerCase(Locale.ROOT) + "%");
  }

  /** The same search as a page's few candidates and a count apart ({@link SearchSplit}). */
  private static SearchSplit split(
      Resource resource,
      Catalog catalog,
      Dialect dialect,
      String contains,
      String companyAndFilters,
      String ownAll,
      List<Field> references) {
    // The same conditions, reading each reference's ids once (SearchSplit#named).
    List<String> viaNamed = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      viaNamed.add(
          "t."
              + references.get(i).column()
              + " = ANY (ARRAY(SELECT id FROM "
              + SearchSplit.named(i)
              + "))");
    }
    List<String> counterparts = new ArrayList<>();
    List<String> later = new ArrayList<>();
    for (int i = 0; i < references.size(); i++) {
      List<String> after = notFoundBy(references, viaNamed, i + 1);
      later.add(String.join(" AND ", after));
      counterparts.add(allOf(companyAndFilters + " AND " + viaNamed.get(i), after));
    }
    return new SearchSplit(
        ownAll,
        String.join(" AND ", notFoundBy(references, viaNamed, 0)),
        companyAndFilters,
        references.stream().map(Field::column).toList(),
        references.stream()
            .map(ref -> ListQuery.named(catalog.get(ref.reference()), contains, dialect))
            .toList(),
        List.copyOf(counterparts),
        List.copyOf(later),
        ListQuery.orderBy(resource, resource.defaultOrdering()));
  }
}
