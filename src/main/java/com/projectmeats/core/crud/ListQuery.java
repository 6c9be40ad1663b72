package com.projectmeats.core.crud;

import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Page;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A list request turned into SQL: company scope, equality filters on choice, reference, boolean
 * and status fields, date ranges, search over the text fields, ordering on declared fields only,
 * and paging. Anything it does not understand is a 400 naming what it does accept, so a typo never
 * silently returns unfiltered data.
 */
record ListQuery(String where, List<Object> args, String orderBy, Page page, boolean narrowSearch) {
  static final int DEFAULT_PAGE_SIZE = 25;
  private static final Set<String> RESERVED = Set.of("page", "page_size", "q", "ordering");

  static ListQuery parse(Resource resource, MultiMap params, long companyId, Dialect dialect) {
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
        clauses.add(field.type() == FieldType.CHOICES
            ? "t." + field.column() + " LIKE $" + args.size()
            : "t." + field.column() + " = $" + args.size());
        continue;
      }
      String base = name.endsWith("_after") ? name.substring(0, name.length() - 6)
          : name.endsWith("_before") ? name.substring(0, name.length() - 7) : null;
      Field dated = base == null ? null : resource.field(base).filter(f -> f.type() == FieldType.DATE).orElse(null);
      if (dated != null) {
        args.add(date(name, value));
        clauses.add("t." + dated.column() + (name.endsWith("_after") ? " >= $" : " <= $") + args.size());
        continue;
      }
      throw ApiException.badRequest(name, "Unknown filter '" + name + "'. Filters here: " + String.join(", ", filterNames(resource)) + ".");
    }

    String q = params.get("q");
    boolean narrowSearch = false;
    if (q != null && !q.isBlank()) {
      if (q.length() > 200) {
        throw ApiException.badRequest("q", "Search text is limited to 200 characters.");
      }
      String term = q.strip();
      args.add("%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      List<String> columns = resource.fields().stream().filter(Field::searchable).map(f -> "t." + f.column()).toList();
      if (!columns.isEmpty()) {
        clauses.add(dialect.containsIgnoreCaseAny(columns, "$" + args.size(), term));
        // Three characters make a trigram: the index can narrow the search to few candidates.
        narrowSearch = term.codePointCount(0, term.length()) >= 3;
      }
    }

    Page page = Page.of(params, DEFAULT_PAGE_SIZE);
    String ordering = params.get("ordering") == null || params.get("ordering").isBlank()
        ? resource.defaultOrdering() : params.get("ordering");
    return new ListQuery(String.join(" AND ", clauses), args, orderBy(resource, ordering), page, narrowSearch);
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
      String column = switch (name) {
        case "id", "created_on", "modified_on" -> "t." + name;
        // People read "alpha" before "Zulu": text orders without regard to case.
        default -> resource.field(name).filter(Field::orderable)
            .map(f -> f.type().textual() ? "lower(t." + f.column() + ")" : "t." + f.column())
            .orElseThrow(() -> ApiException.badRequest("ordering",
                "Cannot order by '" + name + "'. Orderable: " + String.join(", ", orderNames(resource)) + "."));
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
          throw ApiException.badRequest(field.name(), "Filter '" + field.name() + "' takes a numeric id.");
        }
        yield Long.parseLong(value);
      }
      case BOOLEAN -> switch (value) {
        case "true", "1" -> Boolean.TRUE;
        case "false", "0" -> Boolean.FALSE;
        default -> throw ApiException.badRequest(field.name(), "Filter '" + field.name() + "' takes true or false.");
      };
      case DATE -> date(field.name(), value);
      case CHOICE, CHOICES -> {
        if (!field.choices().contains(value)) {
          throw ApiException.badRequest(field.name(), "\"" + value + "\" is not one of: " + String.join(", ", field.choices()) + ".");
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

  static Set<String> filterNames(Resource resource) {
    Set<String> names = new TreeSet<>();
    for (Field f : resource.fields()) {
      if (f.filterable()) {
        names.add(f.name());
      }
      if (f.type() == FieldType.DATE) {
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
