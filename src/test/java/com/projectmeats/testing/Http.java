package com.projectmeats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small blocking HTTP client for tests, speaking to the real server over loopback. Every answer
 * it receives from the API is checked against the OpenAPI document the server serves ({@link
 * Contract}).
 */
public final class Http {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Map<String, String> defaults = new LinkedHashMap<>();

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A copy that sends these headers on every request (a bearer token, a tenant, a cookie). */
  public Http with(String header, String value) {
    Http copy = new Http(base);
    copy.defaults.putAll(defaults);
    copy.defaults.put(header, value);
    return copy;
  }

  private Http(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  public Response get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  public Response head(String path, String... headers) {
    return send("HEAD", path, null, null, headers);
  }

  public Response delete(String path, String... headers) {
    return send("DELETE", path, null, null, headers);
  }

  public Response post(String path, Object json, String... headers) {
    return send("POST", path, json == null ? null : json.toString(), "application/json", headers);
  }

  public Response put(String path, Object json, String... headers) {
    return send("PUT", path, json.toString(), "application/json", headers);
  }

  public Response patch(String path, Object json, String... headers) {
    return send("PATCH", path, json.toString(), "application/json", headers);
  }

  public Response send(
      String method, String path, String body, String contentType, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    defaults.forEach(b::header);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    Response response;
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      response = new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
    // Every answer is also an answer to the question "does the service do what its document says?".
    Contract.of(base).enforce(method, path, response.status(), response.headers(), response.body());
    return response;
  }

  public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public JsonObject json() {
      return new JsonObject(body);
    }

    /** The id of the record this answer created; the answer must be a 201. */
    public long createdId() {
      assertThat(status).as(toString()).isEqualTo(201);
      return json().getLong("id");
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
