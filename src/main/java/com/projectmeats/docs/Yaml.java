package com.projectmeats.docs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Block-style YAML for a JSON tree; strings are always quoted (JSON escaping), so nothing is misread. */
final class Yaml {
  private Yaml() {}

  static String write(JsonObject root) {
    StringBuilder out = new StringBuilder();
    object(root, 0, out);
    return out.toString();
  }

  private static void object(JsonObject o, int indent, StringBuilder out) {
    for (Map.Entry<String, Object> e : o) {
      pad(out, indent).append(quote(e.getKey())).append(':');
      value(e.getValue(), indent, out);
    }
  }

  private static void value(Object v, int indent, StringBuilder out) {
    if (v instanceof JsonObject o) {
      if (o.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        object(o, indent + 2, out);
      }
    } else if (v instanceof JsonArray a) {
      if (a.isEmpty()) {
        out.append(" []\n");
        return;
      }
      out.append('\n');
      for (Object item : a) {
        pad(out, indent + 2).append('-');
        if (item instanceof JsonObject io && !io.isEmpty()) {
          out.append('\n');
          object(io, indent + 4, out);
        } else {
          value(item, indent + 2, out);
        }
      }
    } else {
      out.append(' ').append(scalar(v)).append('\n');
    }
  }

  private static String scalar(Object v) {
    return v == null ? "null" : v instanceof String s ? quote(s) : v.toString();
  }

  /** A JSON string literal, which YAML reads as a double-quoted scalar. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static StringBuilder pad(StringBuilder out, int n) {
    return out.append(" ".repeat(n));
  }
}
