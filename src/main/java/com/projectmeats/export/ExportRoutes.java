package com.projectmeats.export;

import com.projectmeats.core.crud.Catalog;
import com.projectmeats.core.crud.RecordPages;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceSchemas;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code GET /<resource>/export.csv} and {@code /export.xlsx} for every resource: the whole list
 * with the list route's filters, q and ordering. Declared before the resource routes, whose {@code
 * /<resource>/:id} would otherwise take "export.csv" for an id (and answer 404).
 */
public final class ExportRoutes implements Consumer<Api> {
  private final Catalog catalog;
  private final Exporter exporter;

  public ExportRoutes(Vertx vertx, Catalog catalog, RecordPages pages) {
    this.catalog = catalog;
    this.exporter = new Exporter(vertx, pages);
  }

  @Override
  public void accept(Api api) {
    Access read = Access.member(Role.READONLY);
    for (Resource r : catalog.all()) {
      for (Exporter.Format format : Exporter.Format.values()) {
        String name = format.name().charAt(0) + format.name().substring(1).toLowerCase(Locale.ROOT);
        Operation op =
            ResourceSchemas.filterQuery(
                Operation.of(
                        "export" + ResourceSchemas.pluralTypeName(r) + name,
                        r.name(),
                        "Export the list of "
                            + r.label().toLowerCase(Locale.ROOT)
                            + " as "
                            + format.name())
                    .describe(
                        "Every record the list route shows for the same filters, q and ordering (all pages; page and page_size"
                            + " are ignored), streamed. At most "
                            + Exporter.MAX_ROWS
                            + " records (422 export_too_large); at most "
                            + Exporter.MAX_RUNNING
                            + " exports at once per process (503 export_busy).")
                    .binary(
                        "The file, as an attachment; X-Total-Count says how many records it holds.",
                        format.mediaType.split(";")[0])
                    .fails(422, 503),
                r);
        api.get(
            "/" + r.name() + "/export." + format.extension,
            read,
            op,
            ctx -> {
              exporter.export(ctx, r, format);
              return Future.succeededFuture(Reply.written());
            });
      }
    }
  }
}
