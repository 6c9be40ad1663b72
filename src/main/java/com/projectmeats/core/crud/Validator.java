package com.projectmeats.core.crud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads request fields into canonical values, collecting every problem at once so the 422 names
 * each wrong field with a message a person can act on.
 */
final class Validator {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^[+0-9 ().\\-/x]{5,30}$");
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  Map<String, List<String>> errors() {
    return errors;
  }

  void error(String field, String message) {
    errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
  }

  /**
   * The writable fields present in {@code body} (all of them when {@code full}, missing ones as
   * null), checked and converted. Read-only fields in the body are ignored: a client may send back
   * what it read.
   */
  Map<String, Object> read(List<Field> fields, JsonObject body, boolean full, String prefix) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : fields) {
      if (field.readOnly()) {
        continue;
      }
      String key = prefix + field.name();
      if (!body.containsKey(field.name())) {
        if (full) {
          if (field.required() && field.defaultValue() == null) {
            error(key, "This field is required.");
          }
          values.put(field.name(), field.defaultValue());
        }
        continue;
      }
      Object raw = body.getValue(field.name());
      if (raw == null
          || raw instanceof String s && s.isBlank() && field.type() != FieldType.TEXTAREA) {
        if (field.required() && field.defaultValue() == null) {
          error(key, "This field is required.");
        }
        values.put(field.name(), field.defaultValue());
        continue;
      }
      Object value = convert(field, raw, key);
      if (value != null) {
        values.put(field.name(), value);
      }
    }
    return values;
  }

  private Object convert(Field field, Object raw, String key) {
    return switch (field.type()) {
      case TEXT, TEXTAREA, EMAIL, PHONE -> text(field, raw, key);
      case INTEGER, REFERENCE -> integer(field, raw, key);
      case DECIMAL, MONEY -> decimal(field, raw, key);
      case DATE -> date(raw, key);
      case DATETIME -> datetime(raw, key);
      case BOOLEAN -> {
        if (raw instanceof Boolean b) {
          yield b;
        }
        error(key, "Must be true or false.");
        yield null;
      }
      case CHOICE -> {
        if (raw instanceof String s && field.choices().contains(s)) {
          yield s;
        }
        error(key, "\"" + raw + "\" is not one of: " + String.join(", ", field.choices()) + ".");
        yield null;
      }
      case CHOICES -> choices(field, raw, key);
    };
  }

  private String text(Field field, Object raw, String key) {
    if (!(raw instanceof String s)) {
      error(key, "Must be text.");
      return null;
    }
    String value = field.type() == FieldType.TEXTAREA ? s : s.strip();
    if (value.indexOf('\0') >= 0) {
      error(key, "Must not contain NUL characters.");
      return null;
    }
    if (value.codePointCount(0, value.length()) > field.maxLength()) {
      error(key, "At most " + field.maxLength() + " characters.");
      return null;
    }
    if (field.type() == FieldType.EMAIL && !EMAIL.matcher(value).matches()) {
      error(key, "Enter a valid e-mail address.");
      return null;
    }
    if (field.type() == FieldType.PHONE && !PHONE.matcher(value).matches()) {
      error(key, "Enter a valid phone number (digits, spaces, + ( ) - . x).");
      return null;
    }
    return value;
  }

  private Long integer(Field field, Object raw, String key) {
    long value;
    if (raw instanceof Integer || raw instanceof Long) {
      value = ((Number) raw).longValue();
    } else if (raw instanceof String s && s.matches("-?\\d{1,15}")) {
      value = Long.parseLong(s);
    } else {
      error(
          key,
          field.type() == FieldType.REFERENCE
              ? "Must be the id of a " + field.reference() + " record."
              : "Must be a whole number.");
      return null;
    }
    if (value < 0 || value > 9_007_199_254_740_991L) {
      error(key, "Must be between 0 and 9007199254740991.");
      return null;
    }
    return value;
  }

  /**
   * Strings (or whole JSON numbers) only: a fractional JSON number has already been through binary
   * floating point.
   */
  private BigDecimal decimal(Field field, Object raw, String key) {
    BigDecimal value;
    if (raw instanceof Integer || raw instanceof Long) {
      value = BigDecimal.valueOf(((Number) raw).longValue());
    } else if (raw instanceof String s && s.strip().matches("-?\\d{1,15}(\\.\\d+)?")) {
      value = new BigDecimal(s.strip());
    } else {
      error(key, "Must be a decimal number written as a string, e.g. \"1234.50\".");
      return null;
    }
    if (value.signum() < 0) {
      error(key, "Must not be negative.");
      return null;
    }
    if (value.stripTrailingZeros().scale() > field.scale()) {
      error(key, "At most " + field.scale() + " decimal places.");
      return null;
    }
    if (value.compareTo(MAX_AMOUNT) >= 0) {
      error(key, "Must be less than " + MAX_AMOUNT.toPlainString() + ".");
      return null;
    }
    return value.setScale(field.scale());
  }

  private LocalDate date(Object raw, String key) {
    if (raw instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        // falls through to the error
      }
    }
    error(key, "Must be a date like 2026-11-26.");
    return null;
  }

  private Instant datetime(Object raw, String key) {
    if (raw instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        // falls through to the error
      }
    }
    error(key, "Must be a UTC time like 2026-11-26T14:02:11Z.");
    return null;
  }

  private List<String> choices(Field field, Object raw, String key) {
    if (!(raw instanceof JsonArray array)) {
      error(key, "Must be a list of: " + String.join(", ", field.choices()) + ".");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || !field.choices().contains(s)) {
        error(key, "\"" + item + "\" is not one of: " + String.join(", ", field.choices()) + ".");
        return null;
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
