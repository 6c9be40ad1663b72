package com.projectmeats.attachments;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceSchemas;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Response;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import com.projectmeats.documents.Uploads;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code /{resource}/{id}/attachments} for every resource whose declaration says it takes
 * attachments: upload (the resource's write role), list and download (any member), delete (the
 * write role for one's own upload, the resource's delete role for anyone's).
 */
final class AttachmentRoutes {
  private final Vertx vertx;
  private final AttachmentStore store;

  AttachmentRoutes(Vertx vertx, AttachmentStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mount(Api api, Resource r) {
    String base = "/" + r.name() + "/:id/attachments";
    String one = base + "/:aid";
    String singular = r.singular().toLowerCase();
    String type = ResourceSchemas.typeName(r);
    api.get(
        base,
        Access.member(Role.READONLY),
        Operation.of(
                "list" + type + "Attachments",
                r.name(),
                "Files attached to a " + singular + ", newest first")
            .returns(Schema.arrayOf(AttachmentSchemas.ATTACHMENT)),
        ctx -> store.list(Principal.of(ctx), r, id(ctx, "id", r)).map(Reply::ok));
    api.post(
        base,
        Access.member(r.writeRole()),
        Operation.of(
                "upload" + type + "Attachment",
                r.name(),
                "Attach a file (PDF, PNG, JPEG, CSV or text) to a " + singular)
            .multipart(AttachmentSchemas.UPLOAD, Uploads.MAX_BYTES + Uploads.ENVELOPE)
            .created(AttachmentSchemas.ATTACHMENT),
        ctx -> upload(ctx, r));
    api.get(
        one,
        Access.member(Role.READONLY),
        Operation.of(
                "download" + type + "Attachment",
                r.name(),
                "The attached file itself, with the type read from its bytes")
            .respond(
                Response.binary(
                        200,
                        "The file as uploaded: inline for images and PDFs (to preview), else as a download.",
                        AttachmentSchemas.MEDIA_TYPES.toArray(String[]::new))
                    .header("Content-Disposition", "inline or attachment, with the file's name.")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "A sandbox: the file runs no script.")),
        ctx -> download(ctx, r));
    api.delete(
        one,
        Access.member(r.writeRole()),
        Operation.of("delete" + type + "Attachment", r.name(), "Remove a file from a " + singular)
            .describe(
                "The "
                    + r.writeRole().wire()
                    + " role removes the files it attached; removing another person's needs the "
                    + r.deleteRole().wire()
                    + " role.")
            .noContent(),
        ctx -> delete(ctx, r));
  }

  private Future<Reply> upload(RoutingContext ctx, Resource r) {
    Principal caller = Principal.of(ctx);
    long recordId = id(ctx, "id", r);
    FileUpload file = Uploads.single(ctx);
    String kind = ctx.request().getFormAttribute("kind");
    if (kind == null || kind.isBlank()) {
      kind = "other";
    } else if (!AttachmentSchemas.KINDS.contains(kind.strip())) {
      throw ApiException.validation(
          "kind", "Must be one of: " + String.join(", ", AttachmentSchemas.KINDS) + ".");
    }
    String chosen = kind.strip();
    return Uploads.read(vertx, file)
        .compose(checked -> store.insert(caller, r, recordId, checked, chosen))
        .map(
            created ->
                Reply.created(
                    created,
                    Api.PREFIX
                        + "/"
                        + r.name()
                        + "/"
                        + recordId
                        + "/attachments/"
                        + created.getLong("id")));
  }

  private Future<Reply> download(RoutingContext ctx, Resource r) {
    return store
        .content(Principal.of(ctx), r, id(ctx, "id", r), id(ctx, "aid", r))
        .map(
            c -> {
              boolean preview =
                  c.contentType().startsWith("image/") || c.contentType().equals("application/pdf");
              return Reply.file(
                      Buffer.buffer(c.bytes()),
                      c.contentType()
                          + (c.contentType().startsWith("text/") ? "; charset=utf-8" : ""))
                  .withHeader(
                      "Content-Disposition",
                      (preview ? "inline" : "attachment")
                          + "; filename*=UTF-8''"
                          + URLEncoder.encode(c.filename(), StandardCharsets.UTF_8)
                              .replace("+", "%20"))
                  .withHeader("X-Content-Type-Options", "nosniff")
                  // Opened by itself, an attached file runs no script and reaches nothing of the
                  // app; the web app previews it from the bytes instead.
                  .withHeader(
                      "Content-Security-Policy",
                      "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
                  .withHeader("Cache-Control", "private, no-store");
            });
  }

  private Future<Reply> delete(RoutingContext ctx, Resource r) {
    Principal caller = Principal.of(ctx);
    return store
        .delete(
            caller,
            r,
            id(ctx, "id", r),
            id(ctx, "aid", r),
            found -> {
              boolean own = Objects.equals(found.getLong("uploaded_by"), caller.userId());
              if (!own && !caller.can(r.deleteRole())) {
                throw ApiException.forbidden(
                    "Removing a file someone else attached needs the "
                        + r.deleteRole().wire()
                        + " role.");
              }
            })
        .map(v -> Reply.noContent());
  }

  private static long id(RoutingContext ctx, String param, Resource r) {
    String raw = ctx.pathParam(param);
    if (raw == null || !raw.matches("\\d{1,18}")) {
      throw ApiException.notFound(
          param.equals("id")
              ? "No " + r.singular().toLowerCase() + " with id " + raw + "."
              : "No attachment with id " + raw + ".");
    }
    return Long.parseLong(raw);
  }
}
