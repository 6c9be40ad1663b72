package com.projectmeats.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which peers may tell us what the client sent (our proxy on a private network) and which may not.
 */
@ExtendWith(VertxExtension.class)
class ForwardedTest {
  private static HttpServer server;
  private static HttpClient client;
  private static Context context;

  /**
   * The extension closes the Vert.x instance, server and client with it, after the class.
   *
   * <p>Requests are made on a Vert.x context, as the service makes its own. Made straight from the
   * test's thread with Vert.x 5.0.7, a request now and then never completed: the test's thread
   * builds the chain {@code request().compose(send).compose(res -> res.body())} while the event
   * loop is already answering it, and a callback added to a future that is already complete runs in
   * a later event-loop task. A short response's head and end arrive in one read, so the end is
   * handled before {@code res.body()} is called; HttpClientResponseImpl drops an end that has no
   * handler yet, and the body's future is never completed (vert.x #6038, fixed after 5.0.7). On a
   * context the whole chain is built in one event-loop task, before the response can be read.
   */
  @BeforeAll
  static void serve(Vertx vertx, VertxTestContext test) {
    context = vertx.getOrCreateContext();
    Router router = Router.router(vertx);
    router
        .get("/echo/*")
        .handler(ctx -> ctx.end(Forwarded.url(ctx) + " " + Forwarded.clientAddress(ctx)));
    client = vertx.createHttpClient();
    vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .onComplete(
            test.succeeding(
                started -> {
                  server = started;
                  test.completeNow();
                }));
  }

  private static String get(String host, String... headers) throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("127.0.0.1")
            .setPort(server.actualPort())
            .setURI("/echo/list?page=2&q=a%20b")
            .putHeader("Host", host);
    for (int i = 0; i < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    CompletableFuture<String> body = new CompletableFuture<>();
    context.runOnContext(
        v ->
            client
                .request(options)
                .compose(req -> req.send())
                .compose(res -> res.body())
                .onSuccess(received -> body.complete(received.toString()))
                .onFailure(body::completeExceptionally));
    return body.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theProxysSchemeAndClientAreBelievedFromAPrivatePeer() throws Exception {
    // The test's client is on loopback, which is where a proxy on a private network would be.
    assertThat(get("meats.example.com")).isEqualTo("http://meats.example.com/echo/list 127.0.0.1");
    assertThat(
            get(
                "meats.example.com",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-For",
                "198.51.100.7, 203.0.113.9"))
        .as("TLS ends at Traefik: links must say https, and the client is the hop Traefik appended")
        .isEqualTo("https://meats.example.com/echo/list 203.0.113.9");
    assertThat(get("meats.example.com", "X-Forwarded-Proto", "https,http")).startsWith("https://");
    assertThat(get("meats.example.com", "X-Forwarded-Proto", "gopher"))
        .as("not a scheme a link may carry")
        .startsWith("http://");
  }

  @Test
  void onlyPrivateAndLoopbackPeersAreProxies() {
    assertThat(Forwarded.privateAddress("127.0.0.1")).isTrue();
    assertThat(Forwarded.privateAddress("10.1.2.3")).isTrue();
    assertThat(Forwarded.privateAddress("172.18.0.5")).isTrue();
    assertThat(Forwarded.privateAddress("192.168.1.1")).isTrue();
    assertThat(Forwarded.privateAddress("::1")).isTrue();
    assertThat(Forwarded.privateAddress("fd12:3456::1")).isTrue();
    assertThat(Forwarded.privateAddress("203.0.113.9")).isFalse();
    assertThat(Forwarded.privateAddress("2001:db8::1")).isFalse();
    assertThat(Forwarded.privateAddress("proxy.example.com")).as("never resolved").isFalse();
    assertThat(Forwarded.privateAddress(null)).isFalse();
  }
}
