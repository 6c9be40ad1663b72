package com.projectmeats.core.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client should hear about, as RFC 9457 problem details. Thrown or failed anywhere;
 * {@link ProblemHandler} is the one place that turns it (and every other failure) into a response.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String title;
  private final Map<String, List<String>> errors;
  private final Map<String, String> headers;

  public ApiException(
      int status,
      String code,
      String title,
      String detail,
      Map<String, List<String>> errors,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = errors == null ? Map.of() : Map.copyOf(errors);
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public ApiException(int status, String code, String title, String detail) {
    this(status, code, title, detail, null, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, List<String>> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad_request", "Bad request", detail);
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(
        400, "bad_request", "Bad request", message, Map.of(field, List.of(message)), null);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "not_authenticated", "Not signed in", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Forbidden", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not_found", "Not found", detail);
  }

  public static ApiException conflict(String code, String detail) {
    return new ApiException(409, code, "Conflict", detail);
  }

  public static ApiException conflict(String code, String detail, String field) {
    return new ApiException(409, code, "Conflict", detail, Map.of(field, List.of(detail)), null);
  }

  public static ApiException validation(Map<String, List<String>> errors) {
    String fields = String.join(", ", errors.keySet());
    return new ApiException(
        422,
        "validation_failed",
        "Validation failed",
        "Some fields are not valid: " + fields + ".",
        errors,
        null);
  }

  public static ApiException validation(String field, String message) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    errors.put(field, List.of(message));
    return validation(errors);
  }

  public static ApiException unavailable(String code, String detail) {
    return new ApiException(
        503, code, "Service unavailable", detail, null, Map.of("Retry-After", "5"));
  }

  public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ApiException(
        429,
        "throttled",
        "Too many requests",
        detail,
        null,
        Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
  }
}
