package com.projectmeats.core.crud;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A whole list, read a page at a time: the same filters, search and ordering as the list route
 * ({@link ListQuery}, run by {@link ListReader}), for exports that stream every matching record
 * rather than one page. {@code page} and {@code page_size} are ignored (an export is the whole
 * list). The ordering always ends with the id, so pages neither overlap nor skip rows while the
 * list is unchanged; records written during an export may appear as they were before or after.
 */
public final class RecordPages {
  private final Database db;
  private final Catalog catalog;
  private final ListReader lists;

  public RecordPages(Database db, Catalog catalog) {
    this.db = db;
    this.catalog = catalog;
    this.lists = new ListReader(new RecordReader(catalog), catalog);
  }

  /**
   * A cursor over the list the query names; a bad filter or ordering fails here, as the list
   * route's 400.
   */
  public Cursor open(Principal caller, Resource resource, MultiMap params, int pageSize) {
    MultiMap whole =
        MultiMap.caseInsensitiveMultiMap().addAll(params).remove("page").remove("page_size");
    return new Cursor(
        caller,
        resource,
        ListQuery.parse(resource, catalog, whole, caller.company(), db.dialect()),
        pageSize);
  }

  /** Pages of records as the API shows them; an empty page means the list has ended. */
  public final class Cursor {
    private final Resource resource;
    private final ListQuery query;
    private final int pageSize;
    private long offset;

    private Cursor(Principal caller, Resource resource, ListQuery query, int pageSize) {
      this.resource = resource;
      this.query = query;
      this.pageSize = pageSize;
    }

    /** How many records the list holds now. */
    public Future<Long> count() {
      return db.sql()
          .count(
              "SELECT count(*) FROM " + resource.table() + " t WHERE " + query.where(),
              query.args().toArray());
    }

    public Future<List<JsonObject>> next() {
      return lists
          .rows(db.sql(), resource, query, pageSize, offset)
          .map(
              rows -> {
                offset += rows.size();
                return rows.stream().map(JsonObject.class::cast).toList();
              });
    }
  }
}
