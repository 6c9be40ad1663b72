package com.projectmeats.company;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The editable fields of a company profile and their limits (the same as the table's CHECKs): a
 * PATCH body is read into column values here or refused as a whole, naming each bad field.
 */
final class ProfileFields {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^[+0-9 ().\\-/x]{5,30}$");

  /** Control characters other than line breaks and tabs: nothing a letterhead prints. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

  record Spec(String name, int max, boolean multiline) {}

  static final List<Spec> SPECS =
      List.of(
          new Spec("legal_name", 200, false),
          new Spec("address", 1000, true),
          new Spec("phone", 30, false),
          new Spec("email", 254, false),
          new Spec("remit_to", 2000, true));

  private ProfileFields() {}

  /**
   * The body's fields as column values ("" for null); a 400 for unknown fields, a 422 naming each
   * invalid one.
   */
  static Map<String, String> read(JsonObject body) {
    TreeSet<String> unknown = new TreeSet<>(body.fieldNames());
    SPECS.forEach(s -> unknown.remove(s.name()));
    if (!unknown.isEmpty()) {
      Map<String, List<String>> errors = new LinkedHashMap<>();
      unknown.forEach(n -> errors.put(n, List.of("Unknown field.")));
      throw new ApiException(
          400,
          "unknown_fields",
          "Bad request",
          "Unknown field(s) for the company profile: " + String.join(", ", unknown) + ".",
          errors,
          null);
    }
    if (body.isEmpty()) {
      throw ApiException.badRequest(
          "Send at least one of: "
              + String.join(", ", SPECS.stream().map(Spec::name).toList())
              + ".");
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (Spec spec : SPECS) {
      if (!body.containsKey(spec.name())) {
        continue;
      }
      Object raw = body.getValue(spec.name());
      if (raw != null && !(raw instanceof String)) {
        errors.put(spec.name(), List.of("Must be text."));
        continue;
      }
      String value = raw == null ? "" : ((String) raw).strip();
      String problem = problem(spec, value);
      if (problem != null) {
        errors.put(spec.name(), List.of(problem));
      } else {
        values.put(spec.name(), value);
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return values;
  }

  private static String problem(Spec spec, String value) {
    if (value.codePointCount(0, value.length()) > spec.max()) {
      return "At most " + spec.max() + " characters.";
    }
    if (CONTROL.matcher(value).find()
        || (!spec.multiline() && (value.contains("\n") || value.contains("\r")))) {
      return spec.multiline()
          ? "Must not contain control characters."
          : "Must be one line without control characters.";
    }
    if (value.isEmpty()) {
      return null;
    }
    if (spec.name().equals("email") && !EMAIL.matcher(value).matches()) {
      return "Must be an e-mail address.";
    }
    if (spec.name().equals("phone") && !PHONE.matcher(value).matches()) {
      return "Must be a phone number (digits, spaces, + ( ) . - / x; 5 to 30 characters).";
    }
    return null;
  }
}
