package com.projectmeats.mail;

import com.projectmeats.core.http.Schema;

/** The request and response bodies of e-mailing a document. */
final class MailSchemas {
  private MailSchemas() {}

  private static final Schema ADDRESSES =
      Schema.arrayOf(Schema.string(254).with("format", "email"))
          .describe(
              "E-mail addresses; "
                  + SendRequest.MAX_RECIPIENTS
                  + " at most in to and cc together.");

  /** The same for every document that can be e-mailed; the body may be left out altogether. */
  static final Schema.Named REQUEST =
      Schema.named(
          "EmailRequest",
          Schema.object()
              .optional(
                  "to",
                  ADDRESSES.describe(
                      "Who gets it; left out, the counterpart's address on file (supplier, customer or carrier)."))
              .optional("cc", ADDRESSES)
              .optional(
                  "message",
                  Schema.string(SendRequest.MAX_MESSAGE)
                      .describe("The text above the signature; left out, a short standard one."))
              .describe(
                  "Every field is optional; send no body to e-mail the counterpart with the standard text."));

  static final Schema.Named EMAIL =
      Schema.named(
          "Email",
          Schema.object()
              .required("id", Schema.id())
              .required("resource", Schema.nullable(Schema.string()))
              .required("record_id", Schema.nullable(Schema.id()))
              .required(
                  "message_id",
                  Schema.string().describe("The Message-ID header every attempt carries."))
              .required("to", Schema.arrayOf(Schema.string()))
              .required("cc", Schema.arrayOf(Schema.string()))
              .required("subject", Schema.string())
              .required(
                  "attachment",
                  Schema.nullable(Schema.string()).describe("The attached file's name."))
              .required(
                  "status",
                  Schema.oneOf("pending", "sending", "sent", "failed")
                      .describe(
                          "pending: queued or waiting to retry; sent: the SMTP server accepted it; failed: refused, or out of attempts."))
              .required("attempts", Schema.integer())
              .required(
                  "server_reply",
                  Schema.nullable(Schema.string())
                      .describe("The SMTP server's last reply (or what went wrong on the way)."))
              .required("sent_on", Schema.nullable(Schema.dateTime()))
              .required("created_on", Schema.dateTime())
              .required("created_by", Schema.nullable(Schema.id())));
}
