package com.projectmeats.mail;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST …/{id}/email}: {@code to} and {@code cc} (lists of addresses) and an
 * optional {@code message}. Every refusal is a 422 naming the field (and the position in a list);
 * no field is guessed at.
 */
record SendRequest(List<String> to, List<String> cc, String message) {
  static final int MAX_RECIPIENTS = 20;
  static final int MAX_MESSAGE = 5000;

  /**
   * One address, no display name: a local part and a dotted domain, nothing that could end a
   * header.
   */
  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private static final Set<String> FIELDS = Set.of("to", "cc", "message");

  static SendRequest read(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw ApiException.badRequest(
            field, "'" + field + "' is not part of a send; give to, cc and message.");
      }
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    List<String> to = addresses(body, "to", errors);
    List<String> cc = addresses(body, "cc", errors);
    if (to.size() + cc.size() > MAX_RECIPIENTS) {
      errors.putIfAbsent(
          "to", List.of("at most " + MAX_RECIPIENTS + " recipients in to and cc together"));
    }
    String message = null;
    Object raw = body.getValue("message");
    if (raw != null && !(raw instanceof String)) {
      errors.put("message", List.of("must be text"));
    } else if (raw != null) {
      message = ((String) raw).strip();
      if (message.length() > MAX_MESSAGE) {
        errors.put("message", List.of("must be at most " + MAX_MESSAGE + " characters"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.validation(errors);
    }
    return new SendRequest(to, cc, message == null || message.isEmpty() ? null : message);
  }

  private static List<String> addresses(
      JsonObject body, String field, Map<String, List<String>> errors) {
    Object raw = body.getValue(field);
    List<Object> items = new ArrayList<>();
    if (raw == null) {
      return List.of();
    } else if (raw instanceof JsonArray array) {
      items.addAll(array.getList());
    } else {
      errors.put(field, List.of("must be a list of e-mail addresses"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = field + "[" + i + "]";
      if (!(items.get(i) instanceof String s)) {
        errors.put(at, List.of("must be an e-mail address"));
        continue;
      }
      String address = s.strip();
      if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
        errors.put(
            at,
            List.of("'" + clip(address) + "' is not an e-mail address such as orders@example.com"));
      } else if (out.stream().noneMatch(address::equalsIgnoreCase)) {
        out.add(address);
      }
    }
    return out;
  }

  static boolean valid(String address) {
    return address != null && address.length() <= 254 && ADDRESS.matcher(address.strip()).matches();
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
