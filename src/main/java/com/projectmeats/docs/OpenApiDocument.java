package com.projectmeats.docs;

import com.projectmeats.core.http.ApiRoute;
import com.projectmeats.core.http.EventStream;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.RequestBody;
import com.projectmeats.core.http.Response;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 contract, written from the route table the router was built from: each route's
 * {@link Operation} says what it takes and answers, so this class only lays the declarations out
 * (and adds the problem responses every route of a kind can give). Nothing is inferred from names.
 */
public final class OpenApiDocument {
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** The problem responses, by status, shared through components/responses. */
  private static final Map<Integer, String[]> PROBLEMS =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  400,
                  new String[] {
                    "BadRequest",
                    "Malformed request: a query parameter, the JSON or a path value; the problem names it."
                  }),
              Map.entry(
                  401,
                  new String[] {
                    "Unauthorized",
                    "Not signed in, or the API token is unknown, revoked or expired."
                  }),
              Map.entry(
                  403,
                  new String[] {
                    "Forbidden",
                    "Your role does not allow this (or a cookie request that changes data lacks X-Requested-With)."
                  }),
              Map.entry(
                  404, new String[] {"NotFound", "Not found (also another company's record)."}),
              Map.entry(
                  409,
                  new String[] {
                    "Conflict",
                    "Conflict: a duplicate, a record still in use, or an illegal status change."
                  }),
              Map.entry(410, new String[] {"Gone", "Used, withdrawn or expired."}),
              Map.entry(
                  412,
                  new String[] {
                    "PreconditionFailed", "If-Match names a version that is no longer current."
                  }),
              Map.entry(
                  413,
                  new String[] {"PayloadTooLarge", "The body is larger than the route takes."}),
              Map.entry(
                  415,
                  new String[] {
                    "UnsupportedMediaType", "The body is not of the media type the route takes."
                  }),
              Map.entry(
                  422,
                  new String[] {
                    "Unprocessable", "The body fails validation; errors names each field."
                  }),
              Map.entry(
                  429,
                  new String[] {
                    "TooManyRequests", "Throttled; Retry-After says when to try again."
                  }),
              Map.entry(
                  500,
                  new String[] {
                    "InternalError",
                    "An unexpected failure on our side, logged under the X-Request-Id the answer carries."
                  }),
              Map.entry(502, new String[] {"BadGateway", "The AI service failed."}),
              Map.entry(
                  503,
                  new String[] {
                    "Unavailable",
                    "A dependency is down or did not answer in time, or the service is busy; retry later (Retry-After when known)."
                  }),
              Map.entry(
                  504, new String[] {"GatewayTimeout", "The AI service did not answer in time."})));

  private static final Schema.Named PROBLEM =
      Schema.named(
          "Problem",
          Schema.object()
              .required("type", Schema.string().with("format", "uri"))
              .required("title", Schema.string())
              .required("status", Schema.integer().with("minimum", 400).with("maximum", 599))
              .required("detail", Schema.nullable(Schema.string()))
              .required(
                  "code",
                  Schema.string()
                      .describe(
                          "A stable, machine-readable name for the problem (not_found, validation_failed…)."))
              .optional("instance", Schema.string().describe("The request path."))
              .optional(
                  "errors",
                  Schema.of(
                          new JsonObject()
                              .put("type", "object")
                              .put(
                                  "additionalProperties",
                                  new JsonObject()
                                      .put("type", "array")
                                      .put("items", new JsonObject().put("type", "string"))))
                      .describe(
                          "Field (lines.0.weight for a line's field) → what is wrong with it."))
              .describe("An RFC 9457 problem."));

  private OpenApiDocument() {}

  public static JsonObject build(List<ApiRoute> routes) {
    Map<String, JsonObject> schemas = new LinkedHashMap<>();
    JsonObject paths = new JsonObject();
    Set<String> tags = new TreeSet<>();
    for (ApiRoute route : routes) {
      String path = route.openApiPath();
      JsonObject item = paths.getJsonObject(path);
      if (item == null) {
        item = new JsonObject();
        paths.put(path, item);
      }
      item.put(route.method().name().toLowerCase(), operation(route, schemas));
      tags.add(route.operation().tag());
    }
    PROBLEM.render(schemas);
    JsonObject sharedParameters = shareParameters(paths);
    JsonObject sharedHeaders = shareHeaders(paths);
    JsonObject responses = new JsonObject();
    PROBLEMS.forEach((status, names) -> responses.put(names[0], problem(names[1], status)));
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put(
            "info",
            new JsonObject()
                .put("title", "ProjectMeats API")
                .put("version", "1")
                .put("summary", "The brokerage API of ProjectMeats.")
                .put(
                    "description",
                    "The brokerage API: parties, products, orders, money, reports and the assistant. "
                        + "JSON in and out, snake_case fields; errors are RFC 9457 problem+json; money and other exact decimals "
                        + "travel as strings. Every list pages as {count, next, previous, results}.")
                .put(
                    "license",
                    new JsonObject()
                        .put("name", "Proprietary")
                        .put("identifier", "LicenseRef-ProjectMeats-Proprietary")))
        .put(
            "servers",
            new JsonArray()
                .add(new JsonObject().put("url", "/api/v1").put("description", "This server.")))
        .put(
            "security",
            new JsonArray()
                .add(new JsonObject().put("bearer", new JsonArray()))
                .add(new JsonObject().put("session", new JsonArray())))
        .put(
            "tags",
            new JsonArray(
                tags.stream()
                    .map(
                        t ->
                            (Object)
                                new JsonObject()
                                    .put("name", t)
                                    .put("description", "Routes of " + t.replace('-', ' ') + "."))
                    .toList()))
        .put("paths", paths)
        .put(
            "components",
            new JsonObject()
                .put(
                    "schemas",
                    new JsonObject(new LinkedHashMap<>(new TreeMap<String, Object>(schemas))))
                .put("responses", responses)
                .put(
                    "securitySchemes",
                    new JsonObject()
                        .put(
                            "bearer",
                            new JsonObject()
                                .put("type", "http")
                                .put("scheme", "bearer")
                                .put(
                                    "description",
                                    "An API token (pmt_…) created with POST /auth/tokens; bound to one company."))
                        .put(
                            "session",
                            new JsonObject()
                                .put("type", "apiKey")
                                .put("in", "cookie")
                                .put("name", "pm_session")
                                .put(
                                    "description",
                                    "The browser's session cookie, set by POST /auth/login. Requests that change data"
                                        + " must also send X-Requested-With (any value).")))
                .put("headers", sharedHeaders)
                .put(
                    "parameters",
                    sharedParameters
                        .put(
                            "Tenant",
                            header(
                                "X-Tenant-ID",
                                "Company id or slug; defaults to the user's default company (a token's own company)."))
                        .put(
                            "IfMatch",
                            header(
                                "If-Match",
                                "The ETag of the version you read; a stale one answers 412."))
                        .put(
                            "IdempotencyKey",
                            header(
                                    "Idempotency-Key",
                                    "Retrying this POST with the same key (yours, in this company)"
                                        + " answers the first result and does nothing again; the"
                                        + " same key with a different body is 422"
                                        + " idempotency_key_reused.")
                                .put(
                                    "schema",
                                    new JsonObject()
                                        .put("type", "string")
                                        .put("minLength", 1)
                                        .put("maxLength", 200)))));
  }

  private static JsonObject operation(ApiRoute route, Map<String, JsonObject> schemas) {
    Operation declared = route.operation();
    String path = route.openApiPath();
    JsonObject op =
        new JsonObject()
            .put("operationId", declared.operationId())
            .put("summary", declared.summary())
            .put("tags", new JsonArray().add(declared.tag()))
            .put("x-required-role", route.access().describe());
    if (declared.description() != null) {
      op.put("description", declared.description());
    }
    if (declared.isDeprecated()) {
      op.put("deprecated", true);
    }
    if (route.access() instanceof Access.Public) {
      op.put("security", new JsonArray());
    }
    JsonArray params = new JsonArray();
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      String name = m.group(1);
      Schema schema = declared.pathParams().getOrDefault(name, Schema.id());
      params.add(
          new JsonObject()
              .put("name", name)
              .put("in", "path")
              .put("required", true)
              .put("schema", schema.render(schemas)));
    }
    declared
        .query()
        .forEach(
            q ->
                params.add(
                    new JsonObject()
                        .put("name", q.name())
                        .put("in", "query")
                        .put("required", false)
                        .put("description", q.description())
                        .put("schema", q.schema().render(schemas))));
    if (route.access() instanceof Access.Member) {
      params.add(ref("#/components/parameters/Tenant"));
    }
    if (declared.problems().contains(412)) {
      params.add(ref("#/components/parameters/IfMatch"));
    }
    if (declared.isIdempotent()) {
      params.add(ref("#/components/parameters/IdempotencyKey"));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    RequestBody body = declared.request();
    if (body.documented()) {
      JsonObject requestBody =
          new JsonObject().put("required", body.kind() != RequestBody.Kind.OPTIONAL_JSON);
      if (body.kind() == RequestBody.Kind.OPTIONAL_JSON) {
        requestBody.put("description", "Optional: no body, or JSON null, is read as no fields.");
      }
      op.put(
          "requestBody",
          requestBody.put(
              "content",
              new JsonObject()
                  .put(
                      body.mediaType(),
                      new JsonObject().put("schema", body.schema().render(schemas)))));
    }
    JsonObject responses = new JsonObject();
    for (Response r : declared.responses()) {
      String status = Integer.toString(r.status());
      JsonObject existing = responses.getJsonObject(status);
      JsonObject response =
          existing != null ? existing : new JsonObject().put("description", r.description());
      JsonObject content = response.getJsonObject("content", new JsonObject());
      if (r.schema() != null) {
        content.put("application/json", new JsonObject().put("schema", r.schema().render(schemas)));
      } else if (r.events() != null) {
        content.put("text/event-stream", eventStream(r.events(), schemas));
      } else {
        r.mediaTypes().forEach(type -> content.put(type, file(type)));
      }
      if (!content.isEmpty()) {
        response.put("content", content);
      }
      if (!r.headers().isEmpty()) {
        JsonObject headers = response.getJsonObject("headers", new JsonObject());
        r.headers()
            .forEach(
                (name, meaning) ->
                    headers.put(
                        name,
                        new JsonObject()
                            .put("description", meaning)
                            .put("schema", new JsonObject().put("type", "string"))));
        response.put("headers", headers);
      }
      responses.put(status, response);
    }
    JsonObject ok = responses.getJsonObject("200");
    if (route.method() == io.vertx.core.http.HttpMethod.GET
        && ok != null
        && ok.getJsonObject("headers", new JsonObject()).containsKey("ETag")) {
      responses.put(
          "304",
          new JsonObject()
              .put("description", "Not modified: If-None-Match names the current version."));
    }
    for (int status : problemStatuses(route)) {
      responses.put(
          Integer.toString(status), ref("#/components/responses/" + PROBLEMS.get(status)[0]));
    }
    return op.put("responses", responses);
  }

  /**
   * Moves each parameter that more than one operation declares alike into {@code
   * components/parameters} and references it: a list, its CSV and its spreadsheet export take the
   * same filters, and every record route the same {@code id}. A parameter is named after itself
   * when every operation means the same by it ({@code page}, {@code supplier}), else after its tag
   * too ({@code purchase-orders.status}).
   */
  private static JsonObject shareParameters(JsonObject paths) {
    Map<String, Set<String>> variants = new TreeMap<>();
    Map<String, Integer> uses = new TreeMap<>();
    forEachOperation(
        paths,
        (tag, op) ->
            op.getJsonArray("parameters", new JsonArray()).stream()
                .map(JsonObject.class::cast)
                .filter(p -> p.containsKey("name"))
                .forEach(
                    p -> {
                      variants
                          .computeIfAbsent(p.getString("name"), n -> new TreeSet<>())
                          .add(p.encode());
                      uses.merge(p.encode(), 1, Integer::sum);
                    }));
    JsonObject shared = new JsonObject();
    forEachOperation(
        paths,
        (tag, op) -> {
          JsonArray params = op.getJsonArray("parameters");
          if (params == null) {
            return;
          }
          for (int i = 0; i < params.size(); i++) {
            JsonObject p = params.getJsonObject(i);
            if (!p.containsKey("name") || uses.get(p.encode()) < 2) {
              continue;
            }
            String name = p.getString("name");
            String key = variants.get(name).size() == 1 ? name : tag + "." + name;
            JsonObject known = shared.getJsonObject(key);
            if (known == null) {
              shared.put(key, p);
            } else if (!known.equals(p)) {
              continue; // a second meaning within one tag: it stays where it is
            }
            params.set(i, ref("#/components/parameters/" + key));
          }
        });
    return new JsonObject(new LinkedHashMap<>(new TreeMap<>(shared.getMap())));
  }

  /** The response headers (ETag, Location), declared once in components/headers. */
  private static JsonObject shareHeaders(JsonObject paths) {
    JsonObject shared = new JsonObject();
    Set<String> clashing = new TreeSet<>();
    forEachOperation(
        paths,
        (tag, op) ->
            op.getJsonObject("responses")
                .forEach(
                    r -> {
                      JsonObject headers = ((JsonObject) r.getValue()).getJsonObject("headers");
                      if (headers == null
                          || r.getValue() instanceof JsonObject o && o.containsKey("$ref")) {
                        return;
                      }
                      headers.forEach(
                          h -> {
                            JsonObject known = shared.getJsonObject(h.getKey());
                            if (known != null && !known.equals(h.getValue())) {
                              clashing.add(h.getKey());
                            }
                            shared.put(h.getKey(), h.getValue());
                          });
                    }));
    clashing.forEach(shared::remove);
    forEachOperation(
        paths,
        (tag, op) ->
            op.getJsonObject("responses")
                .forEach(
                    r -> {
                      JsonObject headers = ((JsonObject) r.getValue()).getJsonObject("headers");
                      if (headers == null) {
                        return;
                      }
                      for (String name : List.copyOf(headers.fieldNames())) {
                        if (shared.containsKey(name)) {
                          headers.put(name, ref("#/components/headers/" + name));
                        }
                      }
                    }));
    return shared;
  }

  private static void forEachOperation(
      JsonObject paths, java.util.function.BiConsumer<String, JsonObject> action) {
    paths.forEach(
        item ->
            ((JsonObject) item.getValue())
                .forEach(
                    op -> {
                      JsonObject operation = (JsonObject) op.getValue();
                      action.accept(operation.getJsonArray("tags").getString(0), operation);
                    }));
  }

  /** What any route of this kind can answer, and what the route declares besides. */
  private static Set<Integer> problemStatuses(ApiRoute route) {
    Set<Integer> statuses = new TreeSet<>(route.operation().problems());
    statuses.add(400);
    statuses.add(500);
    statuses.add(503);
    if (!(route.access() instanceof Access.Public)) {
      statuses.add(401);
      statuses.add(403);
    }
    if (route.path().contains(":") || route.access() instanceof Access.Member) {
      statuses.add(404);
    }
    if (route.operation().request().kind() != RequestBody.Kind.NONE) {
      statuses.add(413);
      statuses.add(415);
      statuses.add(422);
    }
    statuses.removeIf(s -> !PROBLEMS.containsKey(s));
    return statuses;
  }

  /**
   * OpenAPI 3.1 has no way to type the events of a stream: the media type says it is text, the
   * description names the events, and {@code x-events} gives each event's data schema (the API
   * tests check every event against it).
   */
  private static JsonObject eventStream(EventStream events, Map<String, JsonObject> schemas) {
    JsonObject shapes = new JsonObject();
    StringBuilder example = new StringBuilder();
    events
        .events()
        .forEach(
            (name, schema) -> {
              shapes.put(name, schema.render(schemas));
              example.append("event: ").append(name).append("\ndata: {…}\n\n");
            });
    return new JsonObject()
        .put(
            "schema",
            new JsonObject().put("type", "string").put("description", events.description()))
        .put("example", example.toString())
        .put("x-events", shapes);
  }

  private static JsonObject problem(String description, int status) {
    JsonObject response =
        new JsonObject()
            .put("description", description)
            .put(
                "content",
                new JsonObject()
                    .put(
                        "application/problem+json",
                        new JsonObject().put("schema", ref("#/components/schemas/Problem"))));
    if (status == 429 || status == 503) {
      response.put(
          "headers",
          new JsonObject()
              .put(
                  "Retry-After",
                  new JsonObject()
                      .put("description", "Seconds to wait before trying again.")
                      .put("schema", new JsonObject().put("type", "integer"))));
    }
    return response;
  }

  /**
   * A file answer. {@code format: binary} on what is not text tells generators to hand the caller
   * bytes (a File, a Blob) rather than a String that would mangle a PDF.
   */
  private static JsonObject file(String mediaType) {
    JsonObject schema = new JsonObject().put("type", "string").put("contentMediaType", mediaType);
    if (!mediaType.startsWith("text/")) {
      schema.put("format", "binary");
    }
    return new JsonObject().put("schema", schema);
  }

  private static JsonObject ref(String to) {
    return new JsonObject().put("$ref", to);
  }

  private static JsonObject header(String name, String description) {
    return new JsonObject()
        .put("name", name)
        .put("in", "header")
        .put("required", false)
        .put("description", description)
        .put("schema", new JsonObject().put("type", "string"));
  }
}
