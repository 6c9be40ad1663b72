package com.projectmeats.company;

import com.projectmeats.core.http.Schema;

/** The bodies of the company profile routes. */
final class ProfileSchemas {
  private ProfileSchemas() {}

  static final Schema.Named PROFILE =
      Schema.named(
          "CompanyProfile",
          Schema.object()
              .required("company_name", Schema.string())
              .required("legal_name", Schema.string())
              .required("address", Schema.string())
              .required("phone", Schema.string())
              .required("email", Schema.string())
              .required("remit_to", Schema.string())
              .required(
                  "logo",
                  Schema.nullable(
                      Schema.object()
                          .required("content_type", Schema.oneOf("image/png", "image/jpeg"))
                          .required("size", Schema.integer().with("minimum", 0))
                          .required("url", Schema.string())))
              .required("version", Schema.integer().with("minimum", 0))
              .describe("The letterhead; a field never set is an empty string."));

  static final Schema.Named PATCH;

  static {
    Schema.ObjectSchema fields = Schema.object();
    for (ProfileFields.Spec spec : ProfileFields.SPECS) {
      fields = fields.optional(spec.name(), Schema.nullable(Schema.string(spec.max())));
    }
    PATCH =
        Schema.named(
            "CompanyProfilePatch", fields.describe("At least one field; null or \"\" clears it."));
  }

  static final Schema.Named LOGO_UPLOAD =
      Schema.named(
          "LogoUpload",
          Schema.object()
              .required(
                  "file",
                  Schema.string()
                      .with("contentMediaType", "application/octet-stream")
                      .describe("A PNG or JPEG image, at most 1 MB.")));
}
