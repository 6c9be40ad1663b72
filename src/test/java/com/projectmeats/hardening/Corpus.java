package com.projectmeats.hardening;

import com.projectmeats.core.http.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bad requests derived from the OpenAPI document: for every operation that takes a body, broken
 * JSON of every kind and, for every property of its schema, values of the wrong type or out of
 * range; for every query and path parameter, values of the wrong type. Each case says which
 * statuses are right and what the problem must name.
 */
final class Corpus {
  static final int ONE_MB = 1_000_000;

  /** One bad request and what a correct answer looks like. */
  record Case(
      String group,
      String name,
      String method,
      String path,
      String contentType,
      byte[] body,
      Set<Integer> statuses,
      String mentions) {
    @Override
    public String toString() {
      return method + " " + path + " [" + name + "]";
    }
  }

  /**
   * Operations whose document schema is a bare object: the properties their handlers read, with a
   * body that passes the checks of every property (and then fails for lack of a real account).
   */
  private static final Map<String, JsonObject> HAND_BODIES =
      Map.of(
          "POST /auth/login",
              new JsonObject()
                  .put("email", "nobody@example.com")
                  .put("password", "not the password 123"),
          // (Sign-up reads the name only once the invitation is found: with a made-up token that is
          // a 404 first.)
          "POST /auth/signup",
              new JsonObject()
                  .put("token", "pmi_0000000000000000")
                  .put("password", "a long enough password 123"),
          "POST /auth/tokens",
              new JsonObject().put("name", "integration").put("expires_on", "2099-01-01"),
          "PATCH /members/{userId}", new JsonObject().put("role", "manager"),
          "POST /invitations",
              new JsonObject().put("email", "invitee@example.com").put("role", "user"));

  private final World world;
  private final List<Case> cases = new ArrayList<>();

  private Corpus(World world) {
    this.world = world;
  }

  static List<Case> build(World world) {
    Corpus corpus = new Corpus(world);
    JsonObject paths = world.openApi.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        corpus.operation(method.toUpperCase(), path, item.getJsonObject(method));
      }
    }
    return corpus.cases;
  }

  private void operation(String method, String template, JsonObject op) {
    String resource = resourceOf(template);
    String path = Api.PREFIX + concrete(template, resource);
    String group = method + " " + template;
    JsonArray params = op.getJsonArray("parameters", new JsonArray());
    for (Object p : params) {
      JsonObject param = (JsonObject) p;
      if (param.containsKey("$ref")) {
        // Shared parameters (page, id, a filter) are declared once in components/parameters.
        String ref = param.getString("$ref");
        param =
            world
                .openApi
                .getJsonObject("components")
                .getJsonObject("parameters")
                .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      }
      if ("query".equals(param.getString("in"))) {
        queryCases(group, path, resource, param);
        // The resources' lists refuse filters they do not know (other lists take no filters to
        // mistype).
        if ("page".equals(param.getString("name")) && resource != null) {
          unknownFilter(group, path);
        }
      } else if ("path".equals(param.getString("in"))
          && "integer".equals(param.getJsonObject("schema").getString("type"))) {
        pathCases(group, method, template, param.getString("name"));
      }
    }
    if (!op.containsKey("requestBody") && method.equals("POST")) {
      // An action reads no body, but one sent must be JSON: a broken one is a client's bug.
      add(group, "broken body to an action", method, path, json("{\"a\":"), Set.of(400), "JSON");
      add(group, "array body to an action", method, path, json("[]"), Set.of(400), "object");
    }
    if (op.containsKey("requestBody")) {
      JsonObject content = op.getJsonObject("requestBody").getJsonObject("content");
      if (content.containsKey("application/json")) {
        bodyCases(
            group,
            method,
            template,
            path,
            resource,
            content.getJsonObject("application/json").getJsonObject("schema"),
            op.getJsonObject("requestBody").getBoolean("required", false));
      } else if (content.containsKey("multipart/form-data")) {
        // Uploads (their file checks have suites of their own): the wrong media type, and too much
        // of the right one.
        add(
            group,
            "JSON to an upload",
            method,
            path,
            json("{\"file\":\"x\"}"),
            Set.of(415),
            "multipart/form-data");
        byte[] huge = new byte[11 * 1024 * 1024];
        cases.add(
            new Case(
                group,
                "upload over its limit",
                method,
                path,
                "multipart/form-data; boundary=x",
                huge,
                Set.of(413),
                null));
      }
    }
  }

  // ---- bodies ---------------------------------------------------------------------------------

  private void bodyCases(
      String group,
      String method,
      String template,
      String path,
      String resource,
      JsonObject schema,
      boolean bodyRequired) {
    // A resource's own create/replace/patch schema; other routes' bodies (sign-in, tokens…) use the
    // hand-made ones.
    // (A route under a resource may take a body of its own, such as an e-mail's: not the record.)
    String ref = schema.getString("$ref", "");
    boolean resourceBody =
        (ref.endsWith("Input") || ref.endsWith("Patch"))
            && resource != null
            && world.bodyOfA.containsKey(resource);
    JsonObject properties = resourceBody ? resolve(schema).getJsonObject("properties") : null;
    JsonObject known =
        resourceBody
            ? world.bodyOfA.get(resource).copy()
            : HAND_BODIES.get(method + " " + template);
    // An optional body may be left out or sent as JSON null (as generated clients do).
    boolean optionalBody = !bodyRequired;
    JsonObject base = known == null ? new JsonObject() : known;
    String first =
        base.fieldNames().stream()
            .filter(n -> base.getValue(n) instanceof String)
            .findFirst()
            .orElse("note");

    // Broken JSON, in every way a client or a proxy can break it: the rarer ways on creates only,
    // since every operation reads its body through the same code.
    boolean full = method.equals("POST") && (resourceBody || known != null);
    List<String> malformed =
        new ArrayList<>(
            List.of(
                "{",
                "{\"" + first + "\": }",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"a\":1} trailing",
                "nul"));
    if (full) {
      malformed.addAll(
          List.of(
              "{\"a\" 1}",
              "{\"a\":\"unterminated}",
              "{\"a\":01}",
              "{\"a\":NaN}",
              "{\"a\":\"\\x41\"}"));
    }
    for (String broken : malformed) {
      add(group, "malformed " + broken, method, path, json(broken), Set.of(400), "JSON");
    }
    String encoded = base.encode();
    add(
        group,
        "truncated",
        method,
        path,
        json(encoded.substring(0, Math.max(1, encoded.length() / 2))),
        Set.of(400),
        "JSON");
    for (String notObject :
        full
            ? List.of("[]", "[{}]", "\"text\"", "42", "null", "true")
            // JSON null is an optional body's "nothing", as generated clients send it.
            : optionalBody ? List.of("[]", "42") : List.of("[]", "42", "null")) {
      add(
          group,
          "not an object " + notObject,
          method,
          path,
          json(notObject),
          Set.of(400),
          "object");
    }
    if (!optionalBody) {
      add(group, "empty body", method, path, new byte[0], Set.of(400), "object");
    }
    add(
        group,
        "invalid UTF-8",
        method,
        path,
        bytes("{\"" + first + "\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}"),
        Set.of(400),
        null);
    add(
        group,
        "overlong UTF-8",
        method,
        path,
        bytes("{\"" + first + "\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"),
        Set.of(400),
        null);
    if (full) {
      add(
          group,
          "lone 0xFF byte",
          method,
          path,
          bytes("{\"" + first + "\":\"", new byte[] {(byte) 0xFF}, "\"}"),
          Set.of(400),
          null);
    }
    add(
        group,
        "raw NUL byte",
        method,
        path,
        bytes("{\"" + first + "\":\"a", new byte[] {0}, "b\"}"),
        Set.of(400),
        null);
    add(
        group,
        "10,000-deep arrays",
        method,
        path,
        json("{\"" + first + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
        Set.of(400),
        "nesting");
    if (full) {
      add(
          group,
          "10,000-deep objects",
          method,
          path,
          json("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
          Set.of(400),
          "nesting");
    }
    add(
        group,
        "duplicate key " + first,
        method,
        path,
        json(
            "{\""
                + first
                + "\":\"first\",\""
                + first
                + "\":\"again\""
                + (base.isEmpty() ? "}" : "," + encoded.substring(1))),
        Set.of(400),
        first);
    add(
        group,
        "body over the 1 MiB limit",
        method,
        path,
        json("{\"" + first + "\":\"" + "x".repeat((int) Api.JSON_BODY_LIMIT + 1) + "\"}"),
        Set.of(413),
        null);
    for (String type :
        full
            ? List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/xml",
                "multipart/form-data; boundary=x",
                "application/jsonx",
                "text/json")
            // A form's body is parsed before the route runs: an optional body sent as one must
            // still be refused, not read as no body at all.
            : List.of("text/plain", "multipart/form-data; boundary=x")) {
      cases.add(
          new Case(
              group,
              "Content-Type " + type,
              method,
              path,
              type,
              encoded.getBytes(StandardCharsets.UTF_8),
              Set.of(415),
              "application/json"));
    }
    cases.add(
        new Case(
            group,
            "no Content-Type",
            method,
            path,
            null,
            encoded.getBytes(StandardCharsets.UTF_8),
            Set.of(415),
            "application/json"));
    if (known == null) {
      return; // no valid body to vary one property of
    }

    // Properties: each wrong in the ways its schema allows, one at a time, in an otherwise valid
    // body.
    Map<String, JsonObject> props = new LinkedHashMap<>();
    if (properties != null) {
      properties.forEach(e -> props.put(e.getKey(), (JsonObject) e.getValue()));
    } else {
      base.fieldNames().forEach(n -> props.put(n, new JsonObject().put("type", "string")));
    }
    boolean firstText = true;
    for (Map.Entry<String, JsonObject> e : props.entrySet()) {
      String name = e.getKey();
      // Creates try every wrong value; replacing and patching (the same validator) the first of
      // each.
      for (Map.Entry<String, Object> bad :
          wrongValues(resolve(e.getValue()), firstText && full).entrySet()) {
        JsonObject body = base.copy().put(name, bad.getValue());
        add(
            group,
            name + " " + bad.getKey(),
            method,
            path,
            json(body.encode()),
            Set.of(400, 422),
            name);
        if (!full) {
          break;
        }
      }
      if ("string".equals(typeOf(e.getValue())) && !e.getValue().containsKey("enum")) {
        firstText = false;
      }
    }
    if (resourceBody) {
      add(
          group,
          "unknown field",
          method,
          path,
          json(base.copy().put("no_such_field", 1).encode()),
          Set.of(400),
          "no_such_field");
      if (method.equals("POST") || method.equals("PUT")) {
        JsonArray required = resolve(schema).getJsonArray("required", new JsonArray());
        for (Object r : required) {
          JsonObject body = base.copy();
          body.remove((String) r);
          add(
              group,
              "missing required " + r,
              method,
              path,
              json(body.encode()),
              Set.of(422),
              (String) r);
        }
      }
    }
  }

  /** Wrong values for a property, by what its schema says it is. */
  private Map<String, Object> wrongValues(JsonObject s, boolean bigString) {
    Map<String, Object> out = new LinkedHashMap<>();
    String type = typeOf(s);
    switch (type) {
      case "integer" -> {
        out.put("as text", "abc");
        out.put("negative", -1);
        out.put("too large (1e30)", new java.math.BigInteger("1000000000000000000000000000000"));
        out.put("past 2^53", 9_007_199_254_740_993L);
        out.put("fractional", 1.5);
        out.put("as object", new JsonObject().put("id", 1));
      }
      case "boolean" -> {
        out.put("as text", "yes");
        out.put("as number", 1);
      }
      case "array" -> {
        JsonObject items = resolve(s.getJsonObject("items", new JsonObject()));
        out.put("not a list", "x");
        if (items.containsKey("enum")) {
          out.put("unknown choice", new JsonArray().add("NotAChoice"));
          out.put("number in list", new JsonArray().add(5));
        } else {
          out.put("item not an object", new JsonArray().add("x"));
          out.put(
              "unknown field in item",
              new JsonArray().add(new JsonObject().put("no_such_column", 1)));
          JsonObject itemProps = items.getJsonObject("properties", new JsonObject());
          for (String field : List.of("quantity", "weight", "price_per_unit")) {
            if (itemProps.containsKey(field)) {
              out.put(
                  "negative " + field,
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("weight", "1.00")
                              .put("price_per_unit", "1.0000")
                              .put(
                                  field,
                                  typeOf(itemProps.getJsonObject(field)).equals("integer")
                                      ? (Object) (-5)
                                      : "-5.00")));
            }
          }
          if (itemProps.containsKey("weight")) {
            out.put(
                "huge weight",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("weight", "99999999999999999999.00")
                            .put("price_per_unit", "1.0000")));
          }
        }
      }
      default -> {
        if (s.containsKey("enum")) {
          out.put("unknown choice", "NotAChoice");
          out.put("as number", 5);
        } else if (s.containsKey("pattern")) {
          out.put("negative", "-5.00");
          out.put("too large", "99999999999999999999.00");
          out.put("exponent", "1e5");
          out.put("binary float", 1.5);
          out.put("as boolean", true);
          out.put("too many decimals", "1.123456");
        } else {
          out.put("as number", 42);
          out.put("as object", new JsonObject().put("nested", "x"));
          out.put("with NUL", "a\u0000b");
          if ("date".equals(s.getString("format"))) {
            out.put("impossible date", "2026-02-30");
          } else if ("date-time".equals(s.getString("format"))) {
            out.put("not a time", "yesterday");
          } else if ("email".equals(s.getString("format"))) {
            out.put("not an e-mail", "not-an-email");
          }
          Integer max = s.getInteger("maxLength");
          if (max != null) {
            out.put("one past maxLength " + max, "x".repeat(max + 1));
          }
          if (bigString) {
            out.put("1 MB string", "x".repeat(ONE_MB));
          }
        }
      }
    }
    return out;
  }

  // ---- parameters -----------------------------------------------------------------------------

  private void queryCases(String group, String path, String resource, JsonObject param) {
    String name = param.getString("name");
    String type = param.getJsonObject("schema").getString("type");
    List<String> bad = new ArrayList<>();
    switch (name) {
      case "page" -> bad.addAll(List.of("abc", "0", "99999999999", "%00"));
      case "page_size" -> bad.addAll(List.of("-1", "1.5", "101", "1e2"));
      case "q" -> bad.addAll(List.of("x".repeat(201), "a%00b"));
      case "ordering" -> bad.addAll(List.of("no_such_field", "name%3BDROP%20TABLE%20suppliers"));
      default -> {
        JsonObject field = field(resource, name);
        if ("integer".equals(type)) {
          bad.add("1%20OR%201%3D1");
        } else if (field != null && field.containsKey("choices")) {
          bad.add("NotAChoice");
        } else if (field != null && "boolean".equals(field.getString("type"))) {
          bad.add("maybe");
        } else if (name.endsWith("_after")
            || name.endsWith("_before")
            || field != null && "date".equals(field.getString("type"))) {
          bad.add("2026-13-01");
        } else {
          bad.add("%00");
        }
      }
    }
    for (String value : bad) {
      add(
          group,
          "query " + name + "=" + (value.length() > 20 ? value.substring(0, 20) + "…" : value),
          "GET",
          path + "?" + name + "=" + value,
          null,
          Set.of(400),
          name);
    }
  }

  private void unknownFilter(String group, String path) {
    add(
        group,
        "unknown filter",
        "GET",
        path + "?no_such_filter=1",
        null,
        Set.of(400),
        "no_such_filter");
  }

  private void pathCases(String group, String method, String template, String name) {
    for (String value : List.of("abc", "-1", "99999999999999999999", "1%00")) {
      String path =
          Api.PREFIX + concrete(template.replace("{" + name + "}", value), resourceOf(template));
      add(
          group,
          "path " + name + "=" + value,
          method,
          path,
          method.equals("GET") || method.equals("DELETE") ? null : json("{}"),
          Set.of(404, 400),
          null);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * The path with its parameters filled in: company A's record, A's readonly member, a made-up
   * token.
   */
  private String concrete(String template, String resource) {
    String path = template;
    if (path.contains("{id}")) {
      Long id = resource == null ? null : world.recordOfA.get(resource);
      path = path.replace("{id}", id == null ? "999999999" : Long.toString(id));
    }
    path =
        path.replace(
            "{userId}",
            Long.toString(
                world.membersOfA.get(com.projectmeats.core.security.Role.READONLY).userId()));
    path = path.replace("{token}", "pmi_not-a-real-invitation");
    return path.replaceAll("\\{[A-Za-z_]+}", "999999999");
  }

  private String resourceOf(String template) {
    String[] parts = template.split("/");
    return parts.length > 1 && world.meta.containsKey(parts[1]) ? parts[1] : null;
  }

  private JsonObject field(String resource, String name) {
    if (resource == null) {
      return null;
    }
    for (Object f : world.fields(resource)) {
      if (((JsonObject) f).getString("name").equals(name)) {
        return (JsonObject) f;
      }
    }
    return null;
  }

  /** The schema's type; of a nullable one (["integer", "null"]), the type besides null. */
  private static String typeOf(JsonObject s) {
    Object type = s.getValue("type");
    if (type instanceof JsonArray several) {
      return several.stream()
          .filter(t -> !"null".equals(t))
          .map(Object::toString)
          .findFirst()
          .orElse("string");
    }
    return type instanceof String t ? t : "string";
  }

  private JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null) {
      return schema;
    }
    JsonObject found =
        world
            .openApi
            .getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    if (!found.containsKey("properties") && found.containsKey("allOf")) {
      // An input is its patch's fields with the create's required ones (ResourceSchemas.input).
      JsonObject merged = resolve(found.getJsonArray("allOf").getJsonObject(0)).copy();
      found.forEach(
          e -> {
            if (!e.getKey().equals("allOf")) {
              merged.put(e.getKey(), e.getValue());
            }
          });
      return merged;
    }
    return found;
  }

  private void add(
      String group,
      String name,
      String method,
      String path,
      byte[] body,
      Set<Integer> statuses,
      String mentions) {
    cases.add(
        new Case(
            group,
            name,
            method,
            path,
            body == null ? null : "application/json",
            body,
            statuses,
            mentions));
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
