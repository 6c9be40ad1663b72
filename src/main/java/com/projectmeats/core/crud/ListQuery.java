package com.projectmeats.core.crud;

import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Page;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A list request turned into SQL: company scope, equality filters on choice, reference, boolean and
 * status fields, date ranges, search over the text fields, ordering on declared fields only, and
 * paging. Anything it does not understand is a 400 naming what it does accept, so a typo never
 * silently returns unfiltered data.
 */
/*
 * @param args the parameters of {@code where}, numbered from $1
 * @param orderArgs the parameters {@code orderBy} adds, numbered after {@code args}
 * @param searchBranches the search's alternatives (the row's own fields; each searchable
 *     reference's name) as whole conditions with the company and the filters: a row matches
 *     {@code where} when it matches any of them, and matches one of them only; empty without a
 *     search
 * @param split the same search as a page's few candidates and a count apart ({@link SearchSplit}),
 *     where that gives the same answer; null where it would not, or would not be faster
 */
record ListQuery(
    String where,
    List<Object> args,
    String orderBy,
    List<Object> orderArgs,
    Page page,
    boolean narrowSearch,
    List<String> searchBranches,
    SearchSplit split) {
  static final int DEFAULT_PAGE_SIZE = 25;
  private static final Set<String> RESERVED = Set.of("page", "page_size", "q", "ordering");

  /**
   * The rows whose reference names a record of the company (a supplier, a customer) whose name
   * contains the term. On PostgreSQL the few ids are found first (an InitPlan) and the rows by the
   * reference's index, which the planner can OR with the trigram index of the row's own fields.
   */
  private static String counterpartNamed(
      Field ref, Resource target, String contains, Dialect dialect) {
    String ids = named(target, contains, dialect);
    return dialect == Dialect.POSTGRES
        ? "t." + ref.column() + " = ANY (ARRAY(" + ids + "))"
        : "t." + ref.column() + " IN (" + ids + ")";
  }

  /**
   * The ids of the company's ({@code $1}) records of {@code target} whose name contains the pattern
   * {@code contains}: what a search by a counterpart's name looks for.
   */
  static String named(Resource target, String contains, Dialect dialect) {
    String name = target.displayColumn();
    return "SELECT r.id FROM "
        + target.table()
        + " r WHERE r.company_id = $1 AND "
        + (dialect == Dialect.POSTGRES
            ? "lower(r." + name + ") LIKE lower(" + contains + ")"
            : dialect.containsIgnoreCase("r." + name, contains));
  }

  /** The rows the counterpart branches from {@code from} on do not find. */
  private static List<String> notFoundBy(List<Field> refs, List<String> named, int from) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < refs.size(); i++) {
      out.add("(t." + refs.get(i).column() + " IS NULL OR NOT (" + named.get(i) + "))");
    }
    return out;
  }

  /** The LIKE pattern of "contains the term": its wildcards and the escape character literal. */
  static String containing(String term) {
    return "%" + escape(term) + "%";
  }

  private static String escape(String term) {
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static ListQuery parse(
      Resource resource, Catalog catalog, MultiMap params, long companyId, Dialect dialect) {
    return parse(resource, catalog, params, companyId, dialect, Set.of());
  }

  /**
   * As the list reads the request, with the search by the name of a counterpart of a resource in
   * {@code unnamed} left out: the caller knows that none of the company's records there has a name
   * containing the term, so that alternative could find nothing (and a search of fewer alternatives
   * plans faster).
   */
  static ListQuery parse(
      Resource resource,
      Catalog catalog,
      MultiMap params,
      long companyId,
      Dialect dialect,
      Set<String> unnamed) {
    List<String> clauses = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    args.add(companyId);
    clauses.add("t.company_id = $1");

    for (String name : params.names()) {
      if (RESERVED.contains(name)) {
        continue;
      }
      String value = params.get(name);
      Field field = resource.field(name).filter(Field::filterable).orElse(null);
      if (field != null) {
        args.add(filterValue(field, value));
        clauses.add(
            field.type() == FieldType.CHOICES
                ? "t." + field.column() + " LIKE $" + args.size()
                : "t." + field.column() + " = $" + args.size());
        continue;
      }
      String base =
          name.endsWith("_after")
              ? name.substring(0, name.length() - 6)
              : name.endsWith("_before") ? name.substring(0, name.length() - 7) : null;
      Field dated =
          base == null ? null : resource.field(base).filter(ListQuery::dayFiltered).orElse(null);
      if (dated != null && dated.type() == FieldType.DATE) {
        args.add(date(name, value));
        clauses.add(
            "t." + dated.column() + (name.endsWith("_after") ? " >= $" : " <= $") + args.size());
        continue;
      }
      if (dated != null) {
        // A moment is "on" a day when it falls within that UTC day (as on the Today page): the
        // day's start, or the next day's start excluded, bounds it.
        LocalDate day = date(name, value);
        boolean after = name.endsWith("_after");
        args.add((after ? day : day.plusDays(1)).atStartOfDay(ZoneOffset.UTC).toInstant());
        clauses.add("t." + dated.column() + (after ? " >= $" : " < $") + args.size());
        continue;
      }
      throw ApiException.badRequest(
          name,
          "Unknown filter '"
              + name
              + "'. Filters here: "
              + String.join(", ", filterNames(resource))
              + ".");
    }

    String filters = String.join(" AND ", clauses);
    boolean ordered = params.get("ordering") != null && !params.get("ordering").isBlank();
    SearchSplit split = null;
    List<String> searchBranches = new ArrayList<>();
    String q = params.get("q");
    boolean narrowSearch = false;
    String rank = null;
    List<Object> orderArgs = new ArrayList<>();
    if (q != null && !q.isBlank()) {
      if (q.length() > 200) {
        throw ApiException.badRequest("q", "Search text is limited to 200 characters.");
      }
      String term = q.strip();
      String escaped = escape(term);
      args.add(containing(term));
      String contains = "$" + args.size();
      List<String> matches = new ArrayList<>();
      List<String> columns =
          resource.fields().stream()
              .filter(f -> f.searchable() && f.type() != FieldType.REFERENCE)
              .map(f -> "t." + f.column())
              .toList();
      List<String> ownBranch = null;
      String ownAll = null;
      if (!columns.isEmpty()) {
        String own =
            dialect.containsIgnoreCaseAny(resource.storedSearchText(), columns, contains, term);
        matches.add(own);
        // Only the trigram index can narrow this branch. A prepared statement's generic plan,
        // which cannot see the term, otherwise AND-ed the company's btree (every row of it) into
        // the trigram bitmap; "+ 0" keeps company_id out of any index's reach here.
        ownBranch = new ArrayList<>(clauses);
        ownBranch.set(0, dialect == Dialect.POSTGRES ? "t.company_id + 0 = $1" : clauses.get(0));
        ownBranch.add(own);
        ownAll = String.join(" AND ", ownBranch);
      }
      boolean left = false;
      List<Field> refs = new ArrayList<>();
      List<String> named = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Field ref : resource.fields()) {
        if (ref.searchable() && ref.type() == FieldType.REFERENCE) {
          if (unnamed.contains(ref.reference())) {
            left = true;
            continue;
          }
          refs.add(ref);
          named.add(counterpartNamed(ref, catalog.get(ref.reference()), contains, dialect));
          ids.add(named(catalog.get(ref.reference()), contains, dialect));
        }
      }
      matches.addAll(named);
      // A row belongs to the last branch that finds it (each leaves out the rows of the
      // counterparts' branches after it), so the branches never overlap and their UNION ALL
      // needs no de-duplication: a name's branch can bring a supplier's thousands of orders,
      // which UNION hashed to find the few also found by their own numbers.
      if (ownBranch != null) {
        ownBranch.addAll(notFoundBy(refs, named, 0));
        searchBranches.add(String.join(" AND ", ownBranch));
      }
      for (int i = 0; i < refs.size(); i++) {
        List<String> branch = new ArrayList<>(List.of(filters, named.get(i)));
        branch.addAll(notFoundBy(refs, named, i + 1));
        searchBranches.add(String.join(" AND ", branch));
      }
      if (!matches.isEmpty()) {
        clauses.add(
            matches.size() == 1 ? matches.get(0) : "(" + String.join(" OR ", matches) + ")");
        // Three characters make a trigram: the index can narrow the search to few candidates.
        narrowSearch = term.codePointCount(0, term.length()) >= 3;
      } else if (left) {
        // Every alternative was left out: nothing matches (no condition would list everything).
        clauses.add("1 = 0");
      }
      Field number =
          resource.numberField() == null
              ? null
              : resource.field(resource.numberField()).orElse(null);
      if (number != null) {
        // What a broker types is most often a number: that number itself, then the numbers it
        // begins, then everything else the search found (in the list's usual order).
        // Numbered after the condition's parameters: only the statements that order use them.
        orderArgs.add(term.toLowerCase(java.util.Locale.ROOT));
        String exact = "$" + (args.size() + 1);
        orderArgs.add(escaped.toLowerCase(java.util.Locale.ROOT) + "%");
        String prefix = "$" + (args.size() + 2);
        String column = "lower(t." + number.column() + ")";
        rank =
            "CASE WHEN "
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
      // The split's candidates hold the page only if every row a counterpart's name finds that
      // ranks first (its number is or begins with the term) is among the own fields' matches: the
      // number is one of them, and the term one that Java and PostgreSQL lower-case alike.
      if (dialect == Dialect.POSTGRES
          && narrowSearch
          && !ordered
          && ownAll != null
          && !refs.isEmpty()
          && term.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
          && (number == null || number.searchable())) {
        // The same conditions, reading each reference's ids once (SearchSplit#named).
        List<String> viaNamed = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
          viaNamed.add(
              "t."
                  + refs.get(i).column()
                  + " = ANY (ARRAY(SELECT id FROM "
                  + SearchSplit.named(i)
                  + "))");
        }
        List<String> splitCounted = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
          String after = String.join(" AND ", notFoundBy(refs, viaNamed, i + 1));
          later.add(after);
          splitCounted.add(
              filters + " AND " + viaNamed.get(i) + (after.isEmpty() ? "" : " AND " + after));
        }
        split =
            new SearchSplit(
                ownAll,
                String.join(" AND ", notFoundBy(refs, viaNamed, 0)),
                filters,
                refs.stream().map(Field::column).toList(),
                List.copyOf(ids),
                List.copyOf(splitCounted),
                List.copyOf(later),
                orderBy(resource, resource.defaultOrdering()));
      }
    }

    Page page = Page.of(params, DEFAULT_PAGE_SIZE);
    String ordering = ordered ? params.get("ordering") : resource.defaultOrdering();
    String orderBy = orderBy(resource, ordering);
    if (rank != null && !ordered) {
      orderBy = rank + ", " + orderBy;
    }
    return new ListQuery(
        String.join(" AND ", clauses),
        args,
        orderBy,
        orderArgs,
        page,
        narrowSearch,
        List.copyOf(searchBranches),
        split);
  }

  /**
   * A search's matches as SQL: {@code with} is a WITH clause whose relation {@code found} holds
   * them as {@code columns} of {@code table} (or, split, the page's candidates among them: {@code
   * limit} names the parameter for how far the page reaches), {@code count} an expression for how
   * many there are.
   */
  record Matches(String with, String count) {}

  /**
   * The search's matches, read branch by branch (or split, {@link SearchSplit}). {@code
   * loneBranch}: whether a search with one branch reads it rather than {@link #where}; the branch
   * keeps the company out of the trigram index's reach, which helps where that index has no company
   * column and costs where it leads with one.
   */
  Matches matches(String table, List<String> columns, String limit, boolean loneBranch) {
    if (split != null) {
      return new Matches(split.with(table, columns, limit), split.count(table));
    }
    String select =
        "SELECT "
            + String.join(", ", columns.stream().map(c -> "t." + c).toList())
            + " FROM "
            + table
            + " t WHERE ";
    List<String> branches =
        searchBranches.size() > 1 || (loneBranch && !searchBranches.isEmpty())
            ? searchBranches
            : List.of(where);
    return new Matches(
        "WITH found AS MATERIALIZED ("
            + String.join(" UNION ALL ", branches.stream().map(b -> select + b).toList())
            + ") ",
        "SELECT count(*) FROM found");
  }

  /** The columns {@link #orderBy} reads, id first. */
  List<String> orderColumns() {
    Set<String> columns = new java.util.LinkedHashSet<>(List.of("id"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bt\\.(\\w+)").matcher(orderBy);
    while (m.find()) {
      columns.add(m.group(1));
    }
    return List.copyOf(columns);
  }

  static String orderBy(Resource resource, String ordering) {
    List<String> parts = new ArrayList<>();
    boolean firstDescending = false;
    for (String raw : ordering.split(",")) {
      String term = raw.strip();
      boolean desc = term.startsWith("-");
      String name = desc ? term.substring(1) : term;
      String column =
          switch (name) {
            case "id", "created_on", "modified_on" -> "t." + name;
            // People read "alpha" before "Zulu": text orders without regard to case.
            default ->
                resource
                    .field(name)
                    .filter(Field::orderable)
                    .map(
                        f -> f.type().textual() ? "lower(t." + f.column() + ")" : "t." + f.column())
                    .orElseThrow(
                        () ->
                            ApiException.badRequest(
                                "ordering",
                                "Cannot order by '"
                                    + name
                                    + "'. Orderable: "
                                    + String.join(", ", orderNames(resource))
                                    + "."));
          };
      if (parts.isEmpty()) {
        firstDescending = desc;
      }
      parts.add(column + (desc ? " DESC" : " ASC"));
    }
    parts.add("t.id" + (firstDescending ? " DESC" : " ASC"));
    return String.join(", ", parts);
  }

  private static Object filterValue(Field field, String value) {
    return switch (field.type()) {
      case REFERENCE, INTEGER -> {
        if (!value.matches("\\d{1,18}")) {
          throw ApiException.badRequest(
              field.name(), "Filter '" + field.name() + "' takes a numeric id.");
        }
        yield Long.parseLong(value);
      }
      case BOOLEAN ->
          switch (value) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default ->
                throw ApiException.badRequest(
                    field.name(), "Filter '" + field.name() + "' takes true or false.");
          };
      case DATE -> date(field.name(), value);
      case CHOICE, CHOICES -> {
        if (!field.choices().contains(value)) {
          throw ApiException.badRequest(
              field.name(),
              "\"" + value + "\" is not one of: " + String.join(", ", field.choices()) + ".");
        }
        yield field.type() == FieldType.CHOICES ? "%\"" + value + "\"%" : value;
      }
      default -> value;
    };
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name, "'" + name + "' takes a date like 2026-11-26.");
    }
  }

  /** Dates and moments take {@code <name>_after} and {@code <name>_before}, both by day. */
  static boolean dayFiltered(Field f) {
    return f.type() == FieldType.DATE || f.type() == FieldType.DATETIME;
  }

  static Set<String> filterNames(Resource resource) {
    Set<String> names = new TreeSet<>();
    for (Field f : resource.fields()) {
      if (f.filterable()) {
        names.add(f.name());
      }
      if (dayFiltered(f)) {
        names.add(f.name() + "_after");
        names.add(f.name() + "_before");
      }
    }
    return names;
  }

  static Set<String> orderNames(Resource resource) {
    Set<String> names = new TreeSet<>(Set.of("id", "created_on", "modified_on"));
    resource.fields().stream().filter(Field::orderable).forEach(f -> names.add(f.name()));
    return names;
  }
}
