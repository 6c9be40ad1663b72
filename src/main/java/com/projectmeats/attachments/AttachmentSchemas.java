package com.projectmeats.attachments;

import com.projectmeats.core.http.Schema;
import com.projectmeats.documents.FileType;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/** The bodies of the attachments routes, shared by every resource that takes attachments. */
final class AttachmentSchemas {
  private AttachmentSchemas() {}

  /** What a file is to the record; {@code document} is the file a record was read from. */
  static final List<String> KINDS =
      List.of(
          "bill_of_lading",
          "proof_of_delivery",
          "certificate",
          "photo",
          "invoice",
          "document",
          "other");

  static final List<String> MEDIA_TYPES =
      Arrays.stream(FileType.values()).map(FileType::mediaType).toList();

  static final Schema.Named ATTACHMENT =
      Schema.named(
          "Attachment",
          Schema.object()
              .required("id", Schema.id())
              .required("resource", Schema.string())
              .required("record_id", Schema.id())
              .required("filename", Schema.string())
              .required(
                  "content_type",
                  Schema.oneOf(MEDIA_TYPES).describe("Decided by the file's bytes, not its name."))
              .required("size", Schema.integer().with("minimum", 0))
              .required("kind", Schema.oneOf(KINDS))
              .required(
                  "document",
                  Schema.nullable(Schema.id())
                      .describe("The document this record was read from, when the file is that."))
              .required(
                  "uploaded_by",
                  Schema.nullable(Schema.id()).describe("Null once the user is deleted."))
              .required("uploaded_by_email", Schema.nullable(Schema.string()))
              .required("created_on", Schema.dateTime()));

  static final Schema.Named UPLOAD =
      Schema.named(
          "AttachmentUpload",
          Schema.object()
              .required(
                  "file",
                  Schema.of(
                          new JsonObject()
                              .put("type", "string")
                              .put("contentMediaType", "application/octet-stream"))
                      .describe("The file: PDF, PNG, JPEG, CSV or UTF-8 text, at most 10 MB."))
              .optional(
                  "kind", Schema.oneOf(KINDS).describe("What the file is; other when left out.")));
}
