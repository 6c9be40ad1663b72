package com.projectmeats.documents;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Response;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The documents API: upload, list, read, the file itself, accept the reviewed draft, reject it. */
final class DocumentRoutes {
  private static final Logger log = LoggerFactory.getLogger(DocumentRoutes.class);
  private static final List<String> REVIEWABLE = List.of("needs_review", "failed");

  private final Vertx vertx;
  private final DocumentStore store;
  private final ResourceService records;
  private final Runnable wake;
  private final AcceptedDocument accepted;

  DocumentRoutes(
      Vertx vertx,
      DocumentStore store,
      ResourceService records,
      Runnable wake,
      AcceptedDocument accepted) {
    this.vertx = vertx;
    this.store = store;
    this.records = records;
    this.wake = wake;
    this.accepted = accepted;
  }

  void mount(Api api) {
    api.post(
        "/documents",
        Access.member(Role.USER),
        Operation.of(
                "uploadDocument",
                "documents",
                "Upload a PDF, image, CSV or text file to be read into a draft record")
            .multipart(DocumentSchemas.UPLOAD, Uploads.MAX_BYTES + Uploads.ENVELOPE)
            .respond(
                Response.json(
                        202,
                        "Stored; it is read in the background (poll it until it needs review).",
                        DocumentSchemas.DOCUMENT)
                    .header("Location", "The document's URL.")),
        this::upload);
    api.get(
        "/documents",
        Access.member(Role.READONLY),
        Operation.of("listDocuments", "documents", "List the company's documents, newest first")
            .paged()
            .query(
                "status",
                Schema.oneOf(DocumentSchemas.STATUSES),
                "Only documents with this status.")
            .returns(Schema.pageOf(DocumentSchemas.DOCUMENT)),
        this::list);
    api.get(
        "/documents/:id",
        Access.member(Role.READONLY),
        Operation.of("getDocument", "documents", "A document with its draft and flags")
            .returns(DocumentSchemas.DOCUMENT),
        ctx -> store.get(Principal.of(ctx).company(), id(ctx)).map(Reply::ok));
    api.get(
        "/documents/:id/content",
        Access.member(Role.READONLY),
        Operation.of("getDocumentContent", "documents", "The uploaded file itself")
            .binary(
                "The file as uploaded, with its detected media type.",
                "application/pdf",
                "image/png",
                "image/jpeg",
                "text/csv",
                "text/plain"),
        this::content);
    api.post(
        "/documents/:id/accept",
        Access.member(Role.USER),
        Operation.of("acceptDocument", "documents", "Create the record from the reviewed draft")
            .json(DocumentSchemas.ACCEPT)
            .created(DocumentSchemas.ACCEPTED)
            .fails(409),
        this::accept);
    api.post(
        "/documents/:id/reject",
        Access.member(Role.USER),
        Operation.of("rejectDocument", "documents", "Discard the draft")
            .ignoresBody()
            .returns(DocumentSchemas.DOCUMENT)
            .fails(409),
        this::reject);
  }

  private Future<Reply> upload(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    FileUpload file = Uploads.single(ctx);
    String target = blankToNull(ctx.request().getFormAttribute("target"));
    if (target != null && !Pipeline.TARGETS.contains(target)) {
      throw ApiException.validation(
          "target", "Must be one of: " + String.join(", ", Pipeline.TARGETS) + ".");
    }
    return Uploads.read(vertx, file)
        .map(
            checked ->
                new DocumentStore.Upload(
                    caller.company(),
                    caller.userId(),
                    checked.filename(),
                    checked.type(),
                    checked.bytes(),
                    checked.sha256(),
                    target))
        .compose(store::insert)
        .map(
            created -> {
              wake.run();
              return Reply.accepted(created)
                  .withHeader("Location", Api.PREFIX + "/documents/" + created.getLong("id"));
            });
  }

  private Future<Reply> list(RoutingContext ctx) {
    Page page = Page.of(ctx, 25);
    String status = blankToNull(ctx.request().getParam("status"));
    if (status != null
        && !List.of("pending", "processing", "needs_review", "failed", "accepted", "rejected")
            .contains(status)) {
      throw ApiException.badRequest("status", "Unknown status \"" + status + "\".");
    }
    return store
        .list(Principal.of(ctx).company(), status, page)
        .map(rows -> Reply.ok(page.envelope(ctx, rows.count(), rows.results())));
  }

  private Future<Reply> content(RoutingContext ctx) {
    return store
        .content(Principal.of(ctx).company(), id(ctx))
        .map(
            c ->
                Reply.file(
                        Buffer.buffer(c.bytes()),
                        c.contentType()
                            + (c.contentType().startsWith("text/") ? "; charset=utf-8" : ""))
                    .withHeader(
                        "Content-Disposition",
                        "inline; filename*=UTF-8''"
                            + URLEncoder.encode(c.filename(), StandardCharsets.UTF_8)
                                .replace("+", "%20"))
                    .withHeader("X-Content-Type-Options", "nosniff")
                    // Opened directly, an uploaded file runs no script and reaches nothing of the
                    // app.
                    .withHeader(
                        "Content-Security-Policy",
                        "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
                    .withHeader("Cache-Control", "private, no-store"));
  }

  private Future<Reply> accept(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long id = id(ctx);
    JsonObject body = Json.body(ctx);
    if (!(body.getValue("draft") instanceof JsonObject draft)) {
      throw ApiException.validation(
          "draft", "Send the reviewed draft as an object of field → value.");
    }
    return store
        .get(caller.company(), id)
        .compose(
            doc -> {
              String target =
                  body.getValue("target") instanceof String t && !t.isBlank()
                      ? t
                      : doc.getString("target");
              if (target == null || !Pipeline.TARGETS.contains(target)) {
                throw ApiException.validation(
                    "target",
                    "Choose what to create: one of " + String.join(", ", Pipeline.TARGETS) + ".");
              }
              Resource resource = records.catalog().get(target);
              if (!caller.can(resource.writeRole())) {
                throw ApiException.forbidden(
                    "Creating a "
                        + resource.singular().toLowerCase()
                        + " needs the "
                        + resource.writeRole().wire()
                        + " role.");
              }
              String before = doc.getString("status");
              // Claimed first, so two reviewers accepting at once create one record, not two.
              return store
                  .move(caller.company(), id, REVIEWABLE, "accepted", false)
                  .compose(
                      claimed -> {
                        if (!claimed) {
                          throw ApiException.conflict(
                              "not_reviewable",
                              "This document is "
                                  + before
                                  + "; only a draft that needs review can be accepted.");
                        }
                        return records
                            .create(caller, target, draft)
                            .recover(
                                failure ->
                                    store
                                        .move(
                                            caller.company(),
                                            id,
                                            List.of("accepted"),
                                            REVIEWABLE.contains(before) ? before : "needs_review",
                                            false)
                                        .transform(ignored -> Future.failedFuture(failure)))
                            .compose(
                                record -> {
                                  long recordId = record.getLong("id");
                                  return store
                                      .linked(caller.company(), id, target, recordId)
                                      .compose(
                                          v ->
                                              accepted
                                                  .accepted(caller, id, target, recordId)
                                                  // The record exists and is linked: a file that
                                                  // could not be attached is logged, not a failed
                                                  // accept the client would retry into a 409.
                                                  .recover(
                                                      failure -> {
                                                        log.error(
                                                            "document {} could not be attached to {} {}",
                                                            id,
                                                            target,
                                                            recordId,
                                                            failure);
                                                        return Future.succeededFuture();
                                                      }))
                                      .map(
                                          v ->
                                              Reply.created(
                                                  new JsonObject()
                                                      .put("resource", target)
                                                      .put("record_id", recordId)
                                                      .put("document", id),
                                                  Api.PREFIX + "/" + target + "/" + recordId));
                                });
                      });
            });
  }

  private Future<Reply> reject(RoutingContext ctx) {
    long company = Principal.of(ctx).company();
    long id = id(ctx);
    return store
        .get(company, id)
        .compose(
            doc -> {
              String status = doc.getString("status");
              if (status.equals("accepted")) {
                throw ApiException.conflict(
                    "not_reviewable",
                    "This document was accepted; delete the record it created instead.");
              }
              return store
                  .move(
                      company,
                      id,
                      List.of("pending", "processing", "needs_review", "failed"),
                      "rejected",
                      true)
                  .compose(moved -> store.get(company, id))
                  .map(Reply::ok);
            });
  }

  static long id(RoutingContext ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // not an id: no such document
    }
    throw ApiException.notFound("No document with id " + ctx.pathParam("id") + ".");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
