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

  /** The LIKE pattern of "contains the term": its wildcards and the escape character literal. */
  static String containing(String term) {
    return "%" + escape(term) + "%";
  }

  static String escape(String term) {
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
    List<Object> args = new ArrayList<>();
    List<String> clauses = companyAndFilters(resource, params, companyId, args);
    String requested = params.get("ordering");
    boolean ordered = requested != null && !requested.isBlank();
    ListSearch search =
        ListSearch.of(
            params.get("q"), resource, catalog, dialect, unnamed, List.copyOf(clauses), args);
    if (search.condition() != null) {
      clauses.add(search.condition());
    }
    Page page = Page.of(params, DEFAULT_PAGE_SIZE);
    String orderBy = orderBy(resource, ordered ? requested : resource.defaultOrdering());
    // An ordering the request names replaces the rank of the number typed, and the split, whose
    // candidates are the first in the usual order.
    return new ListQuery(
        String.join(" AND ", clauses),
        args,
        search.rank() == null || ordered ? orderBy : search.rank() + ", " + orderBy,
        search.rankArgs(),
        page,
        search.narrow(),
        search.branches(),
        ordered ? null : search.split());
  }

  /**
   * The company ({@code $1}) and the request's filters, as conditions on the row {@code t}; their
   * values are added to {@code args}.
   */
  private static List<String> companyAndFilters(
      Resource resource, MultiMap params, long companyId, List<Object> args) {
    List<String> clauses = new ArrayList<>();
    args.add(companyId);
    clauses.add("t.company_id = $1");
    for (String name : params.names()) {
      if (!RESERVED.contains(name)) {
        clauses.add(filter(resource, name, params.get(name), args));
      }
    }
    return clauses;
  }

  /** The condition of the filter {@code name}; its value is added to {@code args}. */
  private static String filter(Resource resource, String name, String value, List<Object> args) {
    Field field = resource.field(name).filter(Field::filterable).orElse(null);
    if (field != null) {
      args.add(filterValue(field, value));
      return field.type() == FieldType.CHOICES
          ? "t." + field.column() + " LIKE $" + args.size()
          : "t." + field.column() + " = $" + args.size();
    }
    Field dated = bounded(resource, name);
    if (dated == null) {
      throw ApiException.badRequest(
          name,
          "Unknown filter '"
              + name
              + "'. Filters here: "
              + String.join(", ", filterNames(resource))
              + ".");
    }
    return dayBound(dated, name, value, args);
  }

  /** The date or moment field {@code <field>_after} or {@code <field>_before} names, or null. */
  private static Field bounded(Resource resource, String name) {
    String base =
        name.endsWith("_after")
            ? name.substring(0, name.length() - 6)
            : name.endsWith("_before") ? name.substring(0, name.length() - 7) : null;
    return base == null ? null : resource.field(base).filter(ListQuery::dayFiltered).orElse(null);
  }

  /** {@code dated} on or after, or on or before, the day {@code value}. */
  private static String dayBound(Field dated, String name, String value, List<Object> args) {
    boolean after = name.endsWith("_after");
    if (dated.type() == FieldType.DATE) {
      args.add(date(name, value));
      return "t." + dated.column() + (after ? " >= $" : " <= $") + args.size();
    }
    // A moment is "on" a day when it falls within that UTC day (as on the Today page): the
    // day's start, or the next day's start excluded, bounds it.
    LocalDate day = date(name, value);
    args.add((after ? day : day.plusDays(1)).atStartOfDay(ZoneOffset.UTC).toInstant());
    return "t." + dated.column() + (after ? " >= $" : " < $") + args.size();
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
