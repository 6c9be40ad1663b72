package com.projectmeats.testing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The OpenAPI document a running service serves, used as a judge: every answer a test receives from
 * the API is checked against it (status, the headers it promises, the body against its JSON Schema
 * with Vert.x's JSON Schema 2020-12 validator, each server-sent event against its shape), and a
 * disagreement fails the test that received it. Answers to paths the document does not describe
 * (the web app, /healthz, an unknown API path) are not the contract's business.
 */
public final class Contract {
  private static final String BASE = "app:///openapi.json";
  private static final Map<String, Contract> BY_SERVER = new ConcurrentHashMap<>();
  private static final AtomicLong CHECKED = new AtomicLong();

  private final JsonObject document;
  private final SchemaRepository schemas;
  private final List<Template> templates = new ArrayList<>();

  private record Template(
      String method, String path, Pattern pattern, int params, JsonObject operation) {}

  private Contract(JsonObject document) {
    this.document = document;
    JsonSchemaOptions options = options();
    this.schemas = SchemaRepository.create(options);
    // (Dereferencing annotates the tree it is given: it gets a copy.)
    schemas.dereference(BASE, JsonSchema.of(document.copy()));
    document
        .getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .forEach(
                        op -> {
                          String regex =
                              Pattern.quote(path.getKey())
                                  .replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
                          templates.add(
                              new Template(
                                  op.getKey().toUpperCase(Locale.ROOT),
                                  path.getKey(),
                                  Pattern.compile(regex),
                                  path.getKey().split("\\{", -1).length - 1,
                                  (JsonObject) op.getValue()));
                        }));
    // A literal path wins over a template that also matches it.
    templates.sort(Comparator.comparingInt(Template::params));
  }

  private static JsonSchemaOptions options() {
    return new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri(BASE)
        .setOutputFormat(OutputFormat.Basic);
  }

  /** The contract served at {@code base} (read once per server). */
  public static Contract of(String base) {
    return BY_SERVER.computeIfAbsent(base, Contract::fetch);
  }

  /**
   * Fails the caller on a disagreement; with {@code -Dcontract.collect=FILE} appends it to FILE
   * instead, so one run lists every disagreement of the suite.
   */
  public void enforce(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    report(check(method, path, status, headers, body, true), body);
  }

  private static void report(List<String> wrong, String body) {
    if (wrong.isEmpty()) {
      return;
    }
    String collect = System.getProperty("contract.collect");
    if (collect != null) {
      try {
        java.nio.file.Files.writeString(
            java.nio.file.Path.of(collect),
            String.join("\n", wrong) + "\n",
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return;
    }
    throw new AssertionError(
        "The answer disagrees with /api/openapi.json:\n  "
            + String.join("\n  ", wrong)
            + "\nbody: "
            + (body == null ? "" : body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
  }

  /**
   * For a client that reads the head before (or instead of) the body, such as a stream: the status,
   * the promised headers and the media type, without the body.
   */
  public void enforceHead(
      String method, String path, int status, Map<String, List<String>> headers) {
    report(check(method, path, status, headers, null, false), null);
  }

  /** How many answers were checked in this JVM, for the suite's summary. */
  public static long checked() {
    return CHECKED.get();
  }

  private static Contract fetch(String base) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/openapi.json"))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET /api/openapi.json answered " + r.statusCode());
      }
      return new Contract(new JsonObject(r.body()));
    } catch (Exception e) {
      throw new IllegalStateException(
          "The OpenAPI document of " + base + " could not be read: " + e, e);
    }
  }

  /**
   * What is wrong with this answer by the contract (empty when nothing is).
   *
   * @param path the request path with its query, as sent ({@code /api/v1/suppliers?page=2})
   */
  public List<String> check(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    return check(method, path, status, headers, body, true);
  }

  private List<String> check(
      String method,
      String path,
      int status,
      Map<String, List<String>> headers,
      String body,
      boolean withBody) {
    String prefix = document.getJsonArray("servers").getJsonObject(0).getString("url");
    String bare = path.split("\\?", 2)[0];
    if (!bare.startsWith(prefix + "/") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return List.of();
    }
    String relative = bare.substring(prefix.length());
    Template template =
        templates.stream()
            .filter(t -> t.method().equals(method) && t.pattern().matcher(relative).matches())
            .findFirst()
            .orElse(null);
    if (template == null) {
      return List.of();
    }
    CHECKED.incrementAndGet();
    String where = method + " " + template.path() + " → " + status + ": ";
    List<String> wrong = new ArrayList<>();
    JsonObject responses = template.operation().getJsonObject("responses");
    JsonObject response = responses.getJsonObject(Integer.toString(status));
    if (response == null) {
      return List.of(
          where
              + "the document lists no such status (it lists "
              + String.join(", ", responses.fieldNames())
              + ")");
    }
    String pointer =
        response.containsKey("$ref")
            ? response.getString("$ref").substring(1)
            : "/paths/"
                + escape(template.path())
                + "/"
                + method.toLowerCase(Locale.ROOT)
                + "/responses/"
                + status;
    response = resolve(response);
    JsonObject declaredHeaders = response.getJsonObject("headers", new JsonObject());
    for (String name : declaredHeaders.fieldNames()) {
      if (!name.equals("Retry-After") && header(headers, name) == null) {
        wrong.add(where + "the document promises the header " + name + ", which is missing");
      }
    }
    JsonObject content = response.getJsonObject("content");
    String contentType = header(headers, "Content-Type");
    if (content == null || content.isEmpty()) {
      if (withBody && body != null && !body.isEmpty()) {
        wrong.add(where + "the document says no body, but one came (" + contentType + ")");
      }
      return wrong;
    }
    String media =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonObject declared = content.getJsonObject(media);
    if (declared == null) {
      wrong.add(
          where
              + "Content-Type "
              + contentType
              + " is not one the document lists ("
              + String.join(", ", content.fieldNames())
              + ")");
      return wrong;
    }
    if (!withBody) {
      return wrong;
    }
    if (media.equals("text/event-stream")) {
      wrong.addAll(
          events(
              where,
              declared.getJsonObject("x-events", new JsonObject()),
              pointer + "/content/text~1event-stream/x-events/",
              body));
    } else if (media.endsWith("json")) {
      try {
        wrong.addAll(
            validate(
                where + "body",
                pointer + "/content/" + escape(media) + "/schema",
                io.vertx.core.json.Json.decodeValue(body)));
      } catch (DecodeException e) {
        wrong.add(where + "the body is not JSON: " + e.getMessage());
      }
    }
    return wrong;
  }

  private List<String> events(String where, JsonObject shapes, String pointer, String stream) {
    List<String> wrong = new ArrayList<>();
    for (String block : stream.split("\n\n")) {
      String event = "message";
      StringBuilder data = new StringBuilder();
      boolean any = false;
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).trim());
          any = true;
        }
      }
      if (!any) {
        continue; // a keep-alive comment
      }
      JsonObject shape = shapes.getJsonObject(event);
      if (shape == null) {
        wrong.add(
            where
                + "event `"
                + event
                + "` is not one the document lists ("
                + String.join(", ", shapes.fieldNames())
                + ")");
        continue;
      }
      try {
        wrong.addAll(
            validate(
                where + "event `" + event + "`",
                pointer + escape(event),
                io.vertx.core.json.Json.decodeValue(data.toString())));
      } catch (DecodeException e) {
        wrong.add(where + "event `" + event + "` data is not JSON: " + data);
      }
    }
    return wrong;
  }

  /** Validates against the schema at this JSON pointer of the document. */
  private List<String> validate(String what, String pointer, Object value) {
    OutputUnit result = schemas.validator(BASE + "#" + pointer).validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<String> wrong = new ArrayList<>();
    List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
    for (OutputUnit e : errors) {
      wrong.add(
          what
              + " at "
              + (e.getInstanceLocation() == null || e.getInstanceLocation().isEmpty()
                  ? "/"
                  : e.getInstanceLocation())
              + ": "
              + e.getError()
              + " ("
              + e.getKeywordLocation()
              + ")");
    }
    return wrong;
  }

  private JsonObject resolve(JsonObject maybeRef) {
    String ref = maybeRef.getString("$ref");
    if (ref == null) {
      return maybeRef;
    }
    Object at = document;
    for (String part : ref.substring(2).split("/")) {
      at = ((JsonObject) at).getValue(part.replace("~1", "/").replace("~0", "~"));
    }
    return (JsonObject) at;
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().isEmpty() ? "" : e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }
}
