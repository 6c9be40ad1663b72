package com.projectmeats.auth;

import com.projectmeats.core.security.Role;
import io.vertx.core.json.JsonObject;

/**
 * A company a user belongs to, and their role there: one entry of the sign-in answer's companies.
 */
record Membership(long companyId, String slug, String name, Role role) {
  JsonObject toJson() {
    return new JsonObject()
        .put("id", companyId)
        .put("slug", slug)
        .put("name", name)
        .put("role", role.wire());
  }
}
