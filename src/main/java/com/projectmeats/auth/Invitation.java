package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Role;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/** An invitation into a company. Its status follows from its timestamps. */
record Invitation(
    long id,
    long companyId,
    String companyName,
    String companySlug,
    String email,
    Role role,
    Long invitedBy,
    String invitedByEmail,
    Instant createdOn,
    Instant expiresOn,
    Instant acceptedOn,
    Instant revokedOn) {

  enum Status {
    PENDING,
    ACCEPTED,
    REVOKED,
    EXPIRED
  }

  /** An invitation that ran out before anyone revoked it (or replaced it) counts as expired. */
  Status status(Instant now) {
    if (acceptedOn != null) {
      return Status.ACCEPTED;
    }
    if (!expiresOn.isAfter(revokedOn != null ? revokedOn : now)) {
      return Status.EXPIRED;
    }
    return revokedOn != null ? Status.REVOKED : Status.PENDING;
  }

  /** Fails with 410 and a code that says why, unless the invitation can still be accepted. */
  Invitation requirePending(Instant now) {
    return switch (status(now)) {
      case PENDING -> this;
      case ACCEPTED -> throw gone("invitation_used", "This invitation has already been used.");
      case REVOKED ->
          throw gone("invitation_revoked", "This invitation was withdrawn; ask for a new one.");
      case EXPIRED ->
          throw gone("invitation_expired", "This invitation has expired; ask for a new one.");
    };
  }

  static ApiException gone(String code, String detail) {
    return new ApiException(410, code, "Gone", detail);
  }

  /** What an admin sees in the list. */
  JsonObject toJson(Instant now) {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("role", role.wire())
        .put("status", status(now).name().toLowerCase(Locale.ROOT))
        .put(
            "invited_by",
            invitedBy == null
                ? null
                : new JsonObject().put("id", invitedBy).put("email", invitedByEmail))
        .put("created_on", createdOn.toString())
        .put("expires_on", expiresOn.toString())
        .put("accepted_on", acceptedOn == null ? null : acceptedOn.toString())
        .put("revoked_on", revokedOn == null ? null : revokedOn.toString());
  }

  /** What the holder of the token sees before signing up. */
  JsonObject publicJson(boolean accountExists) {
    return new JsonObject()
        .put("company", new JsonObject().put("name", companyName).put("slug", companySlug))
        .put("email", email)
        .put("role", role.wire())
        .put("expires_on", expiresOn.toString())
        .put("account_exists", accountExists);
  }
}
