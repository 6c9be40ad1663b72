package com.projectmeats.docs;

import com.projectmeats.core.crud.Catalog;
import com.projectmeats.core.crud.Field;
import com.projectmeats.core.crud.FieldType;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.http.ApiRoute;
import com.projectmeats.core.security.Access;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 contract, built from the route table the router was built from and from the
 * resource declarations, so the document cannot drift from the routes it describes.
 */
public final class OpenApiDocument {
  /** What a client that sends {@code Accept: text/event-stream} reads instead of the JSON (DESIGN.md). */
  private static final String EVENT_STREAM_NOTE = " With `Accept: text/event-stream` the answer streams as server-sent"
      + " events instead: `message` (the stored ids) first, then `delta` (text) and `tool` events, and last `done`"
      + " (finish reason, usage) or `error` (code, message); `: keep-alive` comments while the model is silent. The"
      + " deltas concatenated equal the stored answer. A client that disconnects stops the answer.";
  private static final String EVENT_STREAM_EXAMPLE = """
      event: message
      data: {"user_message_id":"41","assistant_message_id":"42"}

      event: delta
      data: {"content":"Three orders are "}

      event: delta
      data: {"content":"still pending."}

      event: done
      data: {"finish_reason":"stop","usage":{"prompt_tokens":812,"completion_tokens":9}}

      """;

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private OpenApiDocument() {}

  public static JsonObject build(List<ApiRoute> routes, Catalog catalog) {
    JsonObject schemas = new JsonObject().put("Problem", problem()).put("Page", page());
    for (Resource r : catalog.all()) {
      schemas.put(schemaName(r), recordSchema(r, false)).put(schemaName(r) + "Input", recordSchema(r, true));
    }
    JsonObject paths = new JsonObject();
    for (ApiRoute route : routes) {
      String path = route.openApiPath();
      JsonObject item = paths.getJsonObject(path);
      if (item == null) {
        item = new JsonObject();
        paths.put(path, item);
      }
      item.put(route.method().name().toLowerCase(), operation(route, resourceOf(route, catalog)));
    }
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "ProjectMeats API").put("version", "1")
            .put("description", "The brokerage API: parties, products, orders, money, reports and the assistant. "
                + "Errors are RFC 9457 problem+json. Money travels as decimal strings."))
        .put("servers", new JsonArray().add(new JsonObject().put("url", "/api/v1")))
        .put("security", new JsonArray().add(new JsonObject().put("bearer", new JsonArray()))
            .add(new JsonObject().put("session", new JsonArray())))
        .put("paths", paths)
        .put("components", new JsonObject()
            .put("schemas", schemas)
            .put("securitySchemes", new JsonObject()
                .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer")
                    .put("description", "An API token (pmt_…) created with POST /auth/tokens; bound to one company."))
                .put("session", new JsonObject().put("type", "apiKey").put("in", "cookie").put("name", "pm_session")))
            .put("parameters", new JsonObject()
                .put("Tenant", header("X-Tenant-ID", "Company id or slug; defaults to the user's default company."))
                .put("IfMatch", header("If-Match", "The ETag of the version you read; a stale one answers 412."))
                .put("IdempotencyKey", header("Idempotency-Key", "Retrying a POST with the same key returns the first result."))));
  }

  private static Optional<Resource> resourceOf(ApiRoute route, Catalog catalog) {
    String[] parts = route.path().split("/");
    return parts.length > 1 ? catalog.find(parts[1]) : Optional.empty();
  }

  private static JsonObject operation(ApiRoute route, Optional<Resource> resource) {
    String path = route.openApiPath();
    JsonObject op = new JsonObject()
        .put("summary", route.summary())
        .put("operationId", operationId(route))
        .put("tags", new JsonArray().add(path.split("/").length > 1 ? path.split("/")[1] : "service"))
        .put("x-required-role", route.access().describe());
    if (route.access() instanceof Access.Public) {
      op.put("security", new JsonArray());
    }
    JsonArray params = new JsonArray();
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      params.add(new JsonObject().put("name", m.group(1)).put("in", "path").put("required", true)
          .put("schema", new JsonObject().put("type", m.group(1).equals("id") ? "integer" : "string")));
    }
    if (route.access() instanceof Access.Member) {
      params.add(ref("#/components/parameters/Tenant"));
    }
    boolean item = path.endsWith("{id}");
    boolean collection = resource.isPresent() && path.equals("/" + resource.get().name());
    if (route.method() == HttpMethod.GET && collection) {
      params.add(query("page", "integer", "Page number, from 1.")).add(query("page_size", "integer", "At most 100."))
          .add(query("q", "string", "Search text.")).add(query("ordering", "string", "Field, or -field for descending."));
      for (Field f : resource.get().fields()) {
        if (f.filterable()) {
          params.add(query(f.name(), f.type() == FieldType.REFERENCE ? "integer" : "string", "Equals."));
        }
        if (f.type() == FieldType.DATE) {
          params.add(query(f.name() + "_after", "string", "On or after (date).")).add(query(f.name() + "_before", "string", "On or before (date)."));
        }
      }
    }
    if (item && (route.method() == HttpMethod.PUT || route.method() == HttpMethod.PATCH || route.method() == HttpMethod.DELETE)) {
      params.add(ref("#/components/parameters/IfMatch"));
    }
    if (route.method() == HttpMethod.POST && collection) {
      params.add(ref("#/components/parameters/IdempotencyKey"));
    }
    op.put("parameters", params);
    String schema = resource.map(r -> "#/components/schemas/" + schemaName(r)).orElse(null);
    if (route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT || route.method() == HttpMethod.PATCH) {
      boolean resourceBody = resource.isPresent() && (collection || item);
      JsonObject body = resourceBody ? ref(schema + "Input") : new JsonObject().put("type", "object");
      op.put("requestBody", new JsonObject().put("required", route.method() != HttpMethod.POST || resourceBody)
          .put("content", new JsonObject().put(route.summary().toLowerCase().contains("upload") ? "multipart/form-data" : "application/json",
              new JsonObject().put("schema", body))));
    }
    JsonObject responses = new JsonObject();
    JsonObject ok = schema != null && (item || collection)
        ? (route.method() == HttpMethod.GET && collection ? ref("#/components/schemas/Page") : ref(schema))
        : new JsonObject().put("type", "object");
    if (route.method() == HttpMethod.DELETE) {
      responses.put("204", new JsonObject().put("description", "Deleted."));
    } else if (route.method() == HttpMethod.POST && collection) {
      responses.put("201", json("Created.", ok));
    } else {
      responses.put("200", json("OK.", ok));
    }
    if (route.eventStream()) {
      JsonObject success = responses.getJsonObject(responses.containsKey("201") ? "201" : "200");
      success.put("description", success.getString("description") + EVENT_STREAM_NOTE);
      success.getJsonObject("content").put("text/event-stream", new JsonObject()
          .put("schema", new JsonObject().put("type", "string")).put("example", EVENT_STREAM_EXAMPLE));
    }
    for (String code : List.of("400", "401", "403", "404", "409", "412", "413", "415", "422", "429", "503")) {
      responses.put(code, new JsonObject().put("description", describe(code)).put("content", new JsonObject()
          .put("application/problem+json", new JsonObject().put("schema", ref("#/components/schemas/Problem")))));
    }
    return op.put("responses", responses);
  }

  private static JsonObject recordSchema(Resource r, boolean input) {
    JsonObject props = new JsonObject();
    JsonArray required = new JsonArray();
    if (!input) {
      props.put("id", new JsonObject().put("type", "integer").put("readOnly", true));
    }
    for (Field f : r.fields()) {
      if (input && f.readOnly()) {
        continue;
      }
      props.put(f.name(), fieldSchema(f));
      if (f.type() == FieldType.REFERENCE && !input) {
        props.put(f.name() + "_name", new JsonObject().put("type", new JsonArray().add("string").add("null")).put("readOnly", true));
      }
      if (input && f.required() && f.defaultValue() == null) {
        required.add(f.name());
      }
    }
    r.children().forEach(c -> {
      JsonObject itemProps = new JsonObject();
      c.fields().stream().filter(f -> !input || !f.readOnly()).forEach(f -> itemProps.put(f.name(), fieldSchema(f)));
      props.put(c.name(), new JsonObject().put("type", "array").put("maxItems", c.maxRows())
          .put("items", new JsonObject().put("type", "object").put("properties", itemProps)));
    });
    if (!input) {
      props.put("created_on", new JsonObject().put("type", "string").put("format", "date-time").put("readOnly", true));
      props.put("modified_on", new JsonObject().put("type", "string").put("format", "date-time").put("readOnly", true));
    }
    JsonObject schema = new JsonObject().put("type", "object").put("title", r.singular()).put("properties", props)
        .put("additionalProperties", !input);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  static JsonObject fieldSchema(Field f) {
    JsonObject s = switch (f.type()) {
      case INTEGER, REFERENCE -> new JsonObject().put("type", "integer").put("minimum", 0);
      case DECIMAL, MONEY -> new JsonObject().put("type", "string").put("pattern", "^\\d+(\\.\\d{1," + f.scale() + "})?$")
          .put("examples", new JsonArray().add(f.scale() == 4 ? "2.4500" : "1234.50"));
      case DATE -> new JsonObject().put("type", "string").put("format", "date");
      case DATETIME -> new JsonObject().put("type", "string").put("format", "date-time");
      case BOOLEAN -> new JsonObject().put("type", "boolean");
      case CHOICE -> new JsonObject().put("type", "string").put("enum", new JsonArray(f.choices()));
      case CHOICES -> new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string")
          .put("enum", new JsonArray(f.choices())));
      case EMAIL -> new JsonObject().put("type", "string").put("format", "email").put("maxLength", f.maxLength());
      default -> new JsonObject().put("type", "string").put("maxLength", f.maxLength());
    };
    if (f.readOnly()) {
      s.put("readOnly", true);
    }
    if (f.reference() != null) {
      s.put("description", "Id of a " + f.reference() + " record of the same company.");
    }
    return s;
  }

  private static JsonObject problem() {
    return new JsonObject().put("type", "object").put("properties", new JsonObject()
        .put("type", new JsonObject().put("type", "string")).put("title", new JsonObject().put("type", "string"))
        .put("status", new JsonObject().put("type", "integer")).put("detail", new JsonObject().put("type", "string"))
        .put("code", new JsonObject().put("type", "string"))
        .put("errors", new JsonObject().put("type", "object").put("additionalProperties",
            new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string")))));
  }

  private static JsonObject page() {
    return new JsonObject().put("type", "object").put("properties", new JsonObject()
        .put("count", new JsonObject().put("type", "integer"))
        .put("next", new JsonObject().put("type", new JsonArray().add("string").add("null")))
        .put("previous", new JsonObject().put("type", new JsonArray().add("string").add("null")))
        .put("results", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "object"))));
  }

  /** "Purchase order" → "PurchaseOrder". */
  private static String schemaName(Resource r) {
    StringBuilder out = new StringBuilder();
    for (String word : r.singular().split("[^A-Za-z]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }

  private static String operationId(ApiRoute route) {
    String base = route.method().name().toLowerCase() + route.path().replaceAll("[:/{}-]+", "_");
    return base.replaceAll("_+$", "");
  }

  private static JsonObject ref(String to) {
    return new JsonObject().put("$ref", to);
  }

  private static JsonObject json(String description, JsonObject schema) {
    return new JsonObject().put("description", description)
        .put("content", new JsonObject().put("application/json", new JsonObject().put("schema", schema)));
  }

  private static JsonObject query(String name, String type, String description) {
    return new JsonObject().put("name", name).put("in", "query").put("required", false).put("description", description)
        .put("schema", new JsonObject().put("type", type));
  }

  private static JsonObject header(String name, String description) {
    return new JsonObject().put("name", name).put("in", "header").put("required", false).put("description", description)
        .put("schema", new JsonObject().put("type", "string"));
  }

  private static String describe(String code) {
    return switch (code) {
      case "400" -> "Malformed request."; case "401" -> "Not signed in."; case "403" -> "Your role does not allow this.";
      case "404" -> "Not found (also another company's record)."; case "409" -> "Conflict: duplicate or illegal status change.";
      case "412" -> "Stale If-Match."; case "413" -> "Too large."; case "415" -> "Wrong media type.";
      case "422" -> "Fails validation; errors name the fields."; case "429" -> "Throttled; see Retry-After.";
      default -> "A dependency is down; retry later.";
    };
  }
}
