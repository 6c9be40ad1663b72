package com.projectmeats.export;

import com.projectmeats.core.crud.RecordPages;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list streamed to the client as CSV or XLSX, page after page, as the list route would show it
 * (filters, q, ordering). Everything that can be refused (a bad filter, too many rows, too many
 * exports at once) is refused before the first byte; after that, a failure cuts the connection so
 * the client sees a broken download rather than a short file that looks whole.
 */
final class Exporter {
  private static final Logger log = LoggerFactory.getLogger(Exporter.class);
  static final int PAGE_SIZE = 500;

  /** One sheet holds 1,048,576 rows; a list past this limit has to be narrowed by filters first. */
  static final long MAX_ROWS = 1_000_000;

  /**
   * Exports at once per process: each holds a worker for XLSX and reads the database for a while.
   */
  static final int MAX_RUNNING = 4;

  enum Format {
    CSV("text/csv; charset=utf-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    final String mediaType;
    final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }
  }

  private final Vertx vertx;
  private final RecordPages pages;
  private final AtomicInteger running = new AtomicInteger();

  Exporter(Vertx vertx, RecordPages pages) {
    this.vertx = vertx;
    this.pages = pages;
  }

  void export(RoutingContext ctx, Resource resource, Format format) {
    RecordPages.Cursor cursor =
        pages.open(Principal.of(ctx), resource, ctx.queryParams(), PAGE_SIZE);
    if (running.incrementAndGet() > MAX_RUNNING) {
      running.decrementAndGet();
      throw ApiException.unavailable(
          "export_busy", "Too many exports are running; try again in a moment.");
    }
    cursor
        .count()
        .compose(
            count -> {
              if (count > MAX_ROWS) {
                throw new ApiException(
                    422,
                    "export_too_large",
                    "Export too large",
                    "This list holds "
                        + count
                        + " records; an export holds at most "
                        + MAX_ROWS
                        + ". Narrow it with filters or a date range.");
              }
              HttpServerResponse response =
                  ctx.response()
                      .setChunked(true)
                      .putHeader("Content-Type", format.mediaType)
                      .putHeader(
                          "Content-Disposition",
                          "attachment; filename=\""
                              + resource.name()
                              + "-"
                              + LocalDate.now(ZoneOffset.UTC)
                              + "."
                              + format.extension
                              + "\"")
                      .putHeader("X-Total-Count", Long.toString(count))
                      .putHeader("Cache-Control", "private, no-store")
                      .putHeader("X-Content-Type-Options", "nosniff");
              ResponsePump pump = new ResponsePump(response, vertx.getOrCreateContext());
              List<ExportColumn> columns = ExportColumn.of(resource);
              return format == Format.CSV
                  ? csv(pump, cursor, columns)
                  : xlsx(pump, cursor, columns, resource.label());
            })
        .onComplete(done -> running.decrementAndGet())
        .onSuccess(v -> ctx.response().end())
        .onFailure(
            failure -> {
              if (!ctx.response().headWritten()) {
                ctx.fail(failure);
              } else {
                log.warn(
                    "Export of {} stopped after it began: {}",
                    resource.name(),
                    failure.getMessage());
                ctx.request().connection().close();
              }
            });
  }

  private Future<Void> csv(
      ResponsePump pump, RecordPages.Cursor cursor, List<ExportColumn> columns) {
    return pump.write(Csv.header(columns)).compose(v -> csvPages(pump, cursor, columns));
  }

  private Future<Void> csvPages(
      ResponsePump pump, RecordPages.Cursor cursor, List<ExportColumn> columns) {
    return cursor
        .next()
        .compose(
            records ->
                records.isEmpty()
                    ? Future.succeededFuture()
                    : pump.write(Csv.rows(columns, records))
                        .compose(v -> csvPages(pump, cursor, columns)));
  }

  /**
   * Rows go to POI on a worker, page by page (its window spills to a temporary file); at the end
   * the worker zips the workbook straight into the response, waiting whenever the client is behind.
   */
  private Future<Void> xlsx(
      ResponsePump pump, RecordPages.Cursor cursor, List<ExportColumn> columns, String sheetName) {
    return vertx
        .executeBlocking(() -> new Xlsx(sheetName, columns), false)
        .compose(
            workbook ->
                xlsxPages(cursor, workbook)
                    .compose(
                        v ->
                            vertx.<Void>executeBlocking(
                                () -> {
                                  if (pump.closed()) {
                                    throw new IOException("the client closed the connection");
                                  }
                                  try (OutputStream out = pump.blockingStream()) {
                                    workbook.writeTo(out);
                                  }
                                  return null;
                                },
                                false))
                    .eventually(
                        () ->
                            vertx.executeBlocking(
                                () -> {
                                  try {
                                    workbook.close();
                                  } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                  }
                                  return null;
                                },
                                false)));
  }

  private Future<Void> xlsxPages(RecordPages.Cursor cursor, Xlsx workbook) {
    return cursor
        .next()
        .compose(
            records ->
                records.isEmpty()
                    ? Future.succeededFuture()
                    : vertx
                        .<Void>executeBlocking(
                            () -> {
                              workbook.add(records);
                              return null;
                            },
                            false)
                        .compose(v -> xlsxPages(cursor, workbook)));
  }
}
