package com.projectmeats.documents;

import com.projectmeats.core.http.Schema;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The bodies of the documents API. */
final class DocumentSchemas {
  private DocumentSchemas() {}

  static final List<String> STATUSES =
      List.of("pending", "processing", "needs_review", "failed", "accepted", "rejected");

  static final Schema.Named DOCUMENT =
      Schema.named(
          "Document",
          Schema.object()
              .required("id", Schema.id())
              .required("filename", Schema.string())
              .required(
                  "content_type",
                  Schema.oneOf(
                          java.util.Arrays.stream(FileType.values()).map(t -> t.mediaType).toList())
                      .describe("Decided by the file's bytes, not its name."))
              .required("size", Schema.integer().with("minimum", 0))
              .required("status", Schema.oneOf(STATUSES))
              .required(
                  "target",
                  Schema.nullable(Schema.oneOf(Pipeline.TARGETS))
                      .describe("What the document is read into."))
              .required(
                  "draft",
                  Schema.nullable(Schema.anyObject())
                      .describe("Field → value, read from the document; null until read."))
              .required(
                  "flags",
                  Schema.of(
                          new JsonObject()
                              .put("type", "object")
                              .put("additionalProperties", new JsonObject().put("type", "string")))
                      .describe(
                          "Field (lines.0.weight for a line's) → why a person should check it."))
              .required("error", Schema.nullable(Schema.string()))
              .required(
                  "resource",
                  Schema.nullable(Schema.string())
                      .describe("The resource of the record created on accept."))
              .required("record_id", Schema.nullable(Schema.id()))
              .required("uploaded_by", Schema.nullable(Schema.id()))
              .required("created_on", Schema.dateTime())
              .required("modified_on", Schema.dateTime()));

  static final Schema.Named UPLOAD =
      Schema.named(
          "DocumentUpload",
          Schema.object()
              .required(
                  "file",
                  Schema.of(
                          new JsonObject()
                              .put("type", "string")
                              .put("contentMediaType", "application/octet-stream"))
                      .describe("The file: PDF, PNG, JPEG, CSV or UTF-8 text, at most 10 MB."))
              .optional(
                  "target",
                  Schema.oneOf(Pipeline.TARGETS)
                      .describe("What to read it into; the assistant decides when left out.")));

  static final Schema.Named ACCEPT =
      Schema.named(
          "DocumentAcceptRequest",
          Schema.object()
              .required(
                  "draft",
                  Schema.anyObject()
                      .describe(
                          "The reviewed draft: field → value, as the resource's create takes it."))
              .optional(
                  "target",
                  Schema.nullable(Schema.oneOf(Pipeline.TARGETS))
                      .describe("What to create; by default the document's target.")));

  static final Schema.Named ACCEPTED =
      Schema.named(
          "DocumentAccepted",
          Schema.object()
              .required("resource", Schema.oneOf(Pipeline.TARGETS))
              .required("record_id", Schema.id())
              .required("document", Schema.id()));
}
