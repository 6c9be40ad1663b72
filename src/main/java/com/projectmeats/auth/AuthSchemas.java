package com.projectmeats.auth;

import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Role;
import java.util.Arrays;

/** The request and response bodies of sign-in, sign-up, members, invitations and API tokens. */
final class AuthSchemas {
  private AuthSchemas() {}

  static final Schema ROLE =
      Schema.named(
          "Role",
          Schema.oneOf(Arrays.stream(Role.values()).map(Role::wire).toList())
              .describe(
                  "A member's role, weakest first: readonly reads; user creates and edits; manager approves, cancels, deletes"
                      + " and records payments; admin manages members; owner the company."));

  static final Schema.Named USER =
      Schema.named(
          "User",
          Schema.object()
              .required("id", Schema.id())
              .required("email", Schema.string())
              .required("name", Schema.nullable(Schema.string())));

  static final Schema.Named COMPANY_MEMBERSHIP =
      Schema.named(
          "CompanyMembership",
          Schema.object()
              .required("id", Schema.id())
              .required("slug", Schema.string())
              .required("name", Schema.string())
              .required("role", ROLE));

  /** What sign-in and sign-up answer: the user and the companies they belong to. */
  static final Schema.Named SIGNED_IN =
      Schema.named(
          "SignedIn",
          Schema.object()
              .required("user", USER)
              .required("companies", Schema.arrayOf(COMPANY_MEMBERSHIP)));

  static final Schema.Named ME =
      Schema.named(
          "Me",
          Schema.object()
              .required("user", USER)
              .required("companies", Schema.arrayOf(COMPANY_MEMBERSHIP))
              .required(
                  "via",
                  Schema.oneOf("session", "token").describe("How this request was authenticated."))
              .required(
                  "company",
                  Schema.nullable(
                          Schema.object()
                              .required("id", Schema.id())
                              .required("slug", Schema.string())
                              .required("role", ROLE))
                      .describe(
                          "The selected company (X-Tenant-ID, the token's company, or the default one); null when none.")));

  /**
   * What GET /auth/session answers: the signed-out state as data, else the fields of {@link #ME}.
   */
  static final Schema.Named SESSION =
      Schema.named(
          "Session",
          Schema.object()
              .required(
                  "signed_in",
                  Schema.bool()
                      .describe(
                          "False when the request carries no valid session or token; then no other field is present."))
              .optional("user", USER)
              .optional("companies", Schema.arrayOf(COMPANY_MEMBERSHIP))
              .optional(
                  "via",
                  Schema.oneOf("session", "token").describe("How this request was authenticated."))
              .optional(
                  "company",
                  Schema.nullable(
                          Schema.object()
                              .required("id", Schema.id())
                              .required("slug", Schema.string())
                              .required("role", ROLE))
                      .describe(
                          "The selected company (X-Tenant-ID, the token's company, or the default one); null when none.")));

  static final Schema.Named LOGIN =
      Schema.named(
          "LoginRequest",
          Schema.object()
              .required("email", Schema.string(254))
              .required("password", Schema.string(PasswordPolicy.MAX_LENGTH)));

  static final Schema.Named SIGNUP =
      Schema.named(
          "SignupRequest",
          Schema.object()
              .required("token", Schema.string(100).describe("The invitation's token (pmi_…)."))
              .required(
                  "password",
                  Schema.string(PasswordPolicy.MAX_LENGTH)
                      .describe(
                          "A new password; or, when the address already has an account, that account's password."))
              .optional("name", Schema.string(200).describe("Your name, for a new account.")));

  static final Schema.Named TOKEN =
      Schema.named(
          "ApiToken",
          Schema.object()
              .required("id", Schema.id())
              .required("name", Schema.string())
              .required(
                  "prefix",
                  Schema.string().describe("The first characters of the secret, to recognise it."))
              .required("created_on", Schema.dateTime())
              .required("expires_on", Schema.nullable(Schema.dateTime()))
              .required("last_used_on", Schema.nullable(Schema.dateTime())));

  static final Schema.Named NEW_TOKEN =
      Schema.named(
          "ApiTokenCreated",
          Schema.object()
              .required("id", Schema.id())
              .required("name", Schema.string())
              .required("prefix", Schema.string())
              .required("created_on", Schema.dateTime())
              .required("expires_on", Schema.nullable(Schema.dateTime()))
              .required("last_used_on", Schema.nullable(Schema.dateTime()))
              .required(
                  "token",
                  Schema.string()
                      .describe(
                          "The secret (pmt_…), shown this once; send it as Authorization: Bearer.")));

  static final Schema.Named TOKEN_REQUEST =
      Schema.named(
          "ApiTokenRequest",
          Schema.object()
              .required("name", Schema.string(100))
              .optional(
                  "expires_on",
                  Schema.nullable(Schema.dateTime())
                      .describe("When it stops working; in the future. None: never.")));

  static final Schema.Named MEMBER =
      Schema.named(
          "Member",
          Schema.object()
              .required("user_id", Schema.id())
              .required("email", Schema.string())
              .required("name", Schema.nullable(Schema.string()))
              .required("active", Schema.bool())
              .required("role", ROLE)
              .required("joined_on", Schema.dateTime()));

  static final Schema.Named ROLE_CHANGE =
      Schema.named("RoleChange", Schema.object().required("role", ROLE));

  private static Schema.ObjectSchema invitation() {
    return Schema.object()
        .required("id", Schema.id())
        .required("email", Schema.string())
        .required("role", ROLE)
        .required("status", Schema.oneOf("pending", "accepted", "revoked", "expired"))
        .required(
            "invited_by",
            Schema.nullable(
                Schema.object()
                    .required("id", Schema.id())
                    .required("email", Schema.nullable(Schema.string()))))
        .required("created_on", Schema.dateTime())
        .required("expires_on", Schema.dateTime())
        .required("accepted_on", Schema.nullable(Schema.dateTime()))
        .required("revoked_on", Schema.nullable(Schema.dateTime()));
  }

  static final Schema.Named INVITATION = Schema.named("Invitation", invitation());

  static final Schema.Named NEW_INVITATION =
      Schema.named(
          "InvitationCreated",
          invitation()
              .required(
                  "token",
                  Schema.string()
                      .describe(
                          "The invitation's secret (pmi_…), shown this once: send it to the invitee."))
              .required(
                  "url",
                  Schema.string()
                      .with("format", "uri")
                      .describe("The sign-up link with the token, for the invitee."))
              .required(
                  "emailed",
                  Schema.bool()
                      .describe(
                          "Whether the link was also queued as an e-mail (mail is configured).")));

  static final Schema.Named INVITATION_REQUEST =
      Schema.named(
          "InvitationRequest",
          Schema.object()
              .required("email", Schema.string(254).with("format", "email"))
              .required("role", ROLE));

  static final Schema.Named INVITATION_OFFER =
      Schema.named(
          "InvitationOffer",
          Schema.object()
              .required(
                  "company",
                  Schema.object()
                      .required("name", Schema.string())
                      .required("slug", Schema.string()))
              .required("email", Schema.string())
              .required("role", ROLE)
              .required("expires_on", Schema.dateTime())
              .required(
                  "account_exists",
                  Schema.bool()
                      .describe(
                          "Whether the address has an account already (sign up with its password).")));

  static final Schema.Named RESET_REQUEST =
      Schema.named(
          "PasswordResetRequest",
          Schema.object().required("email", Schema.string(254).with("format", "email")));

  static final Schema.Named RESET_REQUESTED =
      Schema.named(
          "PasswordResetRequested",
          Schema.object()
              .required(
                  "detail",
                  Schema.string()
                      .describe("The same words whether or not the address has an account.")));

  static final Schema.Named RESET_CONFIRM =
      Schema.named(
          "PasswordResetConfirm",
          Schema.object()
              .required(
                  "token",
                  Schema.string(100)
                      .describe("The reset link's token (pmr_…), from the link's fragment."))
              .required(
                  "password",
                  Schema.string(PasswordPolicy.MAX_LENGTH)
                      .describe("The new password; the policy is sign-up's.")));

  static final Schema.Named PASSWORD_CHANGE =
      Schema.named(
          "PasswordChange",
          Schema.object()
              .required("current_password", Schema.string(PasswordPolicy.MAX_LENGTH))
              .required("new_password", Schema.string(PasswordPolicy.MAX_LENGTH)));

  static final Schema.Named RESET_LINK =
      Schema.named(
          "PasswordResetLink",
          Schema.object()
              .required(
                  "url",
                  Schema.string()
                      .with("format", "uri")
                      .describe("The link to hand to the member; it works once."))
              .required("expires_on", Schema.dateTime()));
}
