package bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Scenario 4's baseline: {@code POST /api/v1/assistant/sessions/{id}/messages} as a bare Vert.x
 * relay of the model's stream to server-sent events, the events the product writes (message, delta,
 * done), each delta decoded and encoded through a JsonObject, one write per event. No router,
 * authentication, database, history, timers or stop signals: what relaying costs on this machine in
 * this hour, for the product's cost per answer and per delta to be divided by.
 */
final class Relay {
  private final HttpClient client;
  private final String host;
  private final int port;

  Relay(Vertx vertx, String modelUrl) {
    java.net.URI uri = java.net.URI.create(modelUrl);
    this.host = uri.getHost();
    this.port = uri.getPort();
    // Connections kept and reused, as the product's upstream client does.
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(4096));
  }

  void handle(HttpServerRequest req) {
    req.body()
        .onSuccess(body -> ask(req, new JsonObject(body).getString("content")))
        .onFailure(e -> req.response().setStatusCode(400).end());
  }

  private void ask(HttpServerRequest req, String question) {
    String upstream =
        new JsonObject()
            .put("model", "bench")
            .put("stream", true)
            .put(
                "messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", question)))
            .encode();
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setURI("/v1/chat/completions")
                .putHeader("Content-Type", "application/json"))
        .compose(r -> r.send(upstream))
        .onSuccess(
            model -> {
              HttpServerResponse res =
                  req.response()
                      .setChunked(true)
                      .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                      .putHeader("Cache-Control", "no-cache");
              res.write(
                  "event: message\ndata: {\"user_message_id\":\"1\",\"assistant_message_id\":\"2\"}\n\n");
              StringBuilder pending = new StringBuilder();
              model.handler(chunk -> relay(res, pending, chunk));
              model.endHandler(
                  v ->
                      res.end(
                          "event: done\ndata: {\"finish_reason\":\"stop\",\"usage\":null}\n\n"));
              model.exceptionHandler(e -> res.reset());
            })
        .onFailure(e -> req.response().setStatusCode(502).end());
  }

  private static void relay(HttpServerResponse res, StringBuilder pending, Buffer chunk) {
    pending.append(chunk.toString());
    int cut;
    while ((cut = pending.indexOf("\n\n")) >= 0) {
      String event = pending.substring(0, cut);
      pending.delete(0, cut + 2);
      if (!event.startsWith("data: ") || event.equals("data: [DONE]")) {
        continue;
      }
      JsonArray choices = new JsonObject(event.substring(6)).getJsonArray("choices");
      if (choices == null || choices.isEmpty()) {
        continue;
      }
      JsonObject delta = choices.getJsonObject(0).getJsonObject("delta");
      String content = delta == null ? null : delta.getString("content");
      if (content != null && !content.isEmpty()) {
        res.write(
            "event: delta\ndata: " + new JsonObject().put("content", content).encode() + "\n\n");
      }
    }
  }
}
