package com.projectmeats.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** An integrator's token as listed: never the secret, only a prefix to recognise it by. */
record ApiToken(
    long id, String name, String prefix, Instant createdOn, Instant expiresOn, Instant lastUsedOn) {
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("prefix", prefix)
        .put("created_on", createdOn.toString())
        .put("expires_on", expiresOn == null ? null : expiresOn.toString())
        .put("last_used_on", lastUsedOn == null ? null : lastUsedOn.toString());
  }
}
