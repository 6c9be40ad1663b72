package com.projectmeats.assistant;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Endpoint;

/**
 * Without {@code OPENAI_API_KEY} every assistant route answers 503 {@code ai_not_configured} (after
 * the usual sign-in and role checks); the rest of the product is unaffected.
 */
final class Guard {
  private final boolean configured;

  Guard(boolean configured) {
    this.configured = configured;
  }

  Endpoint wrap(Endpoint endpoint) {
    if (configured) {
      return endpoint;
    }
    return ctx -> {
      throw new ApiException(
          503,
          "ai_not_configured",
          "Assistant not configured",
          "The assistant is not set up on this installation: an administrator must set OPENAI_API_KEY.");
    };
  }
}
