package com.projectmeats.auth;

import io.vertx.core.json.JsonObject;

/** A person who signs in. The hash stays in here: {@link #toJson()} is what anyone else may see. */
record User(
    long id,
    String email,
    String name,
    String passwordHash,
    boolean active,
    Long defaultCompanyId) {
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("email", email).put("name", name);
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", email=" + email + "]";
  }
}
