package com.projectmeats.assistant;

import com.projectmeats.core.error.ApiException;
import java.util.Map;

/**
 * Why the model's server did not give a usable answer, in the assistant's vocabulary. Before the
 * event stream began it becomes a problem+json with the same code; after, an {@code error} event.
 */
final class UpstreamException extends RuntimeException {
  enum Kind {
    UNAUTHORIZED("upstream_unauthorized", 502),
    RATE_LIMITED("upstream_rate_limited", 503),
    UNAVAILABLE("upstream_unavailable", 503),
    TIMEOUT("upstream_timeout", 504),
    BAD_RESPONSE("upstream_bad_response", 502),
    REJECTED("upstream_rejected", 502);

    final String code;
    final int status;

    Kind(String code, int status) {
      this.code = code;
      this.status = status;
    }
  }

  private final Kind kind;
  private final Long retryAfterSeconds;

  UpstreamException(Kind kind, String message) {
    this(kind, message, null);
  }

  UpstreamException(Kind kind, String message, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  Kind kind() {
    return kind;
  }

  String code() {
    return kind.code;
  }

  ApiException toProblem() {
    Map<String, String> headers =
        retryAfterSeconds == null ? null : Map.of("Retry-After", Long.toString(retryAfterSeconds));
    return new ApiException(
        kind.status, kind.code, "The AI service failed", getMessage(), null, headers);
  }

  static UpstreamException badResponse(String message) {
    return new UpstreamException(
        Kind.BAD_RESPONSE,
        "The AI service sent something that is not a chat completion stream: " + message);
  }
}
