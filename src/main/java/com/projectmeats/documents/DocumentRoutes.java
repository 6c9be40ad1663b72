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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The documents API: upload, list, read, the file itself, accept the reviewed draft, reject it. */
final class DocumentRoutes {
  static final long MAX_BYTES = 10L * 1024 * 1024;

  /**
   * The multipart envelope (boundaries, headers, the target field) around a file of the maximum
   * size.
   */
  private static final long ENVELOPE = 64 * 1024;

  private static final List<String> REVIEWABLE = List.of("needs_review", "failed");

  private final Vertx vertx;
  private final DocumentStore store;
  private final ResourceService records;
  private final Runnable wake;

  DocumentRoutes(Vertx vertx, DocumentStore store, ResourceService records, Runnable wake) {
    this.vertx = vertx;
    this.store = store;
    this.records = records;
    this.wake = wake;
  }

  void mount(Api api) {
    api.post(
        "/documents",
        Access.member(Role.USER),
        Operation.of(
                "uploadDocument",
                "documents",
                "Upload a PDF, image, CSV or text file to be read into a draft record")
            .multipart(DocumentSchemas.UPLOAD, MAX_BYTES + ENVELOPE)
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
            .optionalJson(Schema.object().open().describe("Nothing is read from it."))
            .returns(DocumentSchemas.DOCUMENT)
            .fails(409),
        this::reject);
  }

  private Future<Reply> upload(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    List<FileUpload> files =
        ctx.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
    if (files.size() != 1) {
      throw ApiException.validation(
          "file", "Send exactly one file in the multipart field \"file\".");
    }
    FileUpload file = files.get(0);
    if (file.size() > MAX_BYTES) {
      throw new ApiException(
          413, "payload_too_large", "Payload too large", "A document may be at most 10 MB.");
    }
    String target = blankToNull(ctx.request().getFormAttribute("target"));
    if (target != null && !Pipeline.TARGETS.contains(target)) {
      throw ApiException.validation(
          "target", "Must be one of: " + String.join(", ", Pipeline.TARGETS) + ".");
    }
    String filename = filename(file.fileName());
    return vertx
        .fileSystem()
        .readFile(file.uploadedFileName())
        .compose(
            buffer ->
                vertx.executeBlocking(
                    () -> {
                      byte[] bytes = buffer.getBytes();
                      FileType type =
                          FileType.detect(bytes, filename)
                              .orElseThrow(
                                  () ->
                                      new ApiException(
                                          415,
                                          "unsupported_media_type",
                                          "Unsupported media type",
                                          "Only PDF, PNG, JPEG, CSV and plain text (UTF-8) files can be read; this file's content is none of them."));
                      return new DocumentStore.Upload(
                          caller.company(),
                          caller.userId(),
                          filename,
                          type,
                          bytes,
                          sha256(bytes),
                          target);
                    },
                    false))
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

  /** The base name only, without control characters, at most 255 characters. */
  static String filename(String raw) {
    String name = raw == null ? "" : raw.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    if (name.isEmpty()) {
      name = "upload";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
