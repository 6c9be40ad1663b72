package com.projectmeats.auth;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Role;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reading the auth routes' request fields; every refusal is a 422 that names the field. */
final class Fields {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** "owner, admin, manager, user, readonly": strongest first, as people list them. */
  static final String ROLES =
      Arrays.stream(Role.values())
          .sorted(Comparator.reverseOrder())
          .map(Role::wire)
          .collect(Collectors.joining(", "));

  private Fields() {}

  /** A required string, as sent (passwords are never trimmed). */
  static String required(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String s && s.isEmpty()) {
      throw ApiException.validation(field, "is required");
    }
    if (!(value instanceof String s)) {
      throw ApiException.validation(field, "must be a string");
    }
    if (s.length() > maxLength) {
      throw ApiException.validation(field, "must be at most " + maxLength + " characters long");
    }
    return s;
  }

  /** A required, trimmed, non-blank string. */
  static String text(JsonObject body, String field, int maxLength) {
    String s = required(body, field, maxLength).strip();
    if (s.isEmpty()) {
      throw ApiException.validation(field, "is required");
    }
    return s;
  }

  /** An e-mail address, trimmed and lowercased: addresses compare case-insensitively everywhere. */
  static String email(JsonObject body, String field) {
    String email = normalEmail(text(body, field, 254));
    if (!EMAIL.matcher(email).matches()) {
      throw ApiException.validation(field, "is not an e-mail address");
    }
    return email;
  }

  static String normalEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  static boolean isEmail(String email) {
    return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
  }

  static Role role(JsonObject body, String field) {
    return Role.parse(text(body, field, 20).toLowerCase(Locale.ROOT))
        .orElseThrow(() -> ApiException.validation(field, "must be one of " + ROLES));
  }

  /**
   * An optional moment: an ISO-8601 time ({@code 2026-11-26T12:00:00Z}) or a date, which means the
   * end of that day in UTC (a token "expiring on the 26th" still works on the 26th).
   */
  static Optional<Instant> optionalInstant(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw ApiException.validation(field, "must be an ISO-8601 date or time, such as 2026-11-26");
    }
    try {
      return Optional.of(
          s.length() == 10
              ? LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      throw ApiException.validation(field, "must be an ISO-8601 date or time, such as 2026-11-26");
    }
  }

  /** A numeric path parameter; anything else names no record (404). */
  static long id(String value, String what) {
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to 404
    }
    throw ApiException.notFound("No " + what + " " + value + ".");
  }
}
