package com.projectmeats.auth;

import com.projectmeats.core.security.Role;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A user as a member of one company. */
record Member(long userId, String email, String name, boolean active, Role role, Instant joinedOn) {
  JsonObject toJson() {
    return new JsonObject()
        .put("user_id", userId)
        .put("email", email)
        .put("name", name)
        .put("active", active)
        .put("role", role.wire())
        .put("joined_on", joinedOn.toString());
  }
}
