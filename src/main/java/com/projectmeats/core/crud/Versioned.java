package com.projectmeats.core.crud;

import io.vertx.core.json.JsonObject;

/** A record as the API shows it, with the version its ETag is made from. */
public record Versioned(JsonObject body, long version) {
  public String etag() {
    return "\"" + version + "\"";
  }
}
