package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that every reference a write carries (its own and its owned rows') names a record of the
 * caller's company.
 */
final class References {
  private final Catalog catalog;

  References(Catalog catalog) {
    this.catalog = catalog;
  }

  /** One reference to check: the key a 422 names it by, the field, and the id sent. */
  private record Link(String key, Field field, Object id) {}

  /** Fails with a 422 naming each reference to a missing record (or another company's). */
  Future<Void> check(Sql sql, Principal caller, Resource resource, Submission input) {
    List<Link> links = new ArrayList<>();
    collect(links, "", resource.fields(), input.values());
    for (Child child : resource.children()) {
      List<Map<String, Object>> rows = input.children().getOrDefault(child.name(), List.of());
      for (int i = 0; i < rows.size(); i++) {
        collect(links, child.name() + "[" + i + "].", child.fields(), rows.get(i));
      }
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    // All sent at once: on a transaction's one connection they queue behind each other without a
    // round trip apiece.
    List<Future<Void>> checks = new ArrayList<>();
    for (Link link : links) {
      Resource target = catalog.get(link.field().reference());
      checks.add(
          sql.count(
                  "SELECT count(*) FROM " + target.table() + " WHERE id = $1 AND company_id = $2",
                  link.id(),
                  caller.company())
              .map(
                  n -> {
                    if (n == 0) {
                      errors.put(
                          link.key(),
                          List.of(
                              "No "
                                  + target.singular().toLowerCase()
                                  + " with id "
                                  + link.id()
                                  + "."));
                    }
                    return null;
                  }));
    }
    return Future.all(checks)
        .map(
            v -> {
              if (!errors.isEmpty()) {
                throw ApiException.validation(errors);
              }
              return null;
            });
  }

  private static void collect(
      List<Link> links, String prefix, List<Field> fields, Map<String, Object> values) {
    for (Field f : fields) {
      Object id = values.get(f.name());
      if (f.type() == FieldType.REFERENCE && id != null) {
        links.add(new Link(prefix + f.name(), f, id));
      }
    }
  }
}
