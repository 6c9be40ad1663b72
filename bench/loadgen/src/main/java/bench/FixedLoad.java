package bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed amount of work for the cost-per-unit figures (wrk only runs for a duration): REQUESTS
 * requests over CONNS keep-alive connections in a closed loop, each connection sending its next
 * request when the previous answer has arrived, then exits. Prints {@code BENCH_JSON {...}} with
 * the count, the unexpected statuses and the wall time from the first request to the last answer;
 * the harness reads the service's and PostgreSQL's CPU around it.
 *
 * <p>{@code kind=read}: {@code GET /api/v1/purchase-orders/{id}} of a random order of the measured
 * company (lua/common.lua's numbering), expecting 200. {@code kind=create}: {@code POST
 * /api/v1/purchase-orders} with three lines (lua/create.lua's body), expecting 201.
 *
 * <p>Usage: {@code java -cp bench-loadgen.jar bench.FixedLoad kind=read url=http://127.0.0.1:18000
 * token=pmt_… orders=1000000 requests=50000 conns=64}
 */
public final class FixedLoad {
  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        a.put(arg.substring(0, eq), arg.substring(eq + 1));
      }
    }
    String kind = a.getOrDefault("kind", "read");
    String url = a.getOrDefault("url", "http://127.0.0.1:18000");
    String token = a.getOrDefault("token", "");
    long orders = Long.parseLong(a.getOrDefault("orders", "10000"));
    int requests = Integer.parseInt(a.getOrDefault("requests", "10000"));
    int conns = Integer.parseInt(a.getOrDefault("conns", "64"));
    int expect = Integer.parseInt(a.getOrDefault("expect", kind.equals("create") ? "201" : "200"));
    Vertx vertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(false));
    HttpClient http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(30_000),
            new PoolOptions().setHttp1MaxSize(conns).setMaxWaitQueueSize(-1).setEventLoopSize(2));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger bad = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    String[] firstBad = {""};
    CountDownLatch done = new CountDownLatch(requests);
    Runnable[] loop = new Runnable[1];
    loop[0] =
        () -> {
          if (next.getAndIncrement() >= requests) {
            return;
          }
          RequestOptions options =
              new RequestOptions()
                  .setAbsoluteURI(
                      url
                          + "/api/v1/purchase-orders"
                          + (kind.equals("create") ? "" : "/" + randomOrder(orders)))
                  .setMethod(kind.equals("create") ? HttpMethod.POST : HttpMethod.GET)
                  .putHeader("Authorization", "Bearer " + token)
                  .putHeader("Accept", "application/json");
          String body = kind.equals("create") ? createBody() : null;
          if (body != null) {
            options.putHeader("Content-Type", "application/json");
          }
          http.request(options)
              .compose(req -> body == null ? req.send() : req.send(body))
              .compose(
                  res ->
                      res.body()
                          .map(
                              b -> {
                                if (res.statusCode() != expect && bad.getAndIncrement() == 0) {
                                  firstBad[0] =
                                      res.statusCode()
                                          + " "
                                          + b.toString().substring(0, Math.min(200, b.length()));
                                }
                                return null;
                              }))
              .onComplete(
                  ar -> {
                    if (ar.failed()) {
                      failed.incrementAndGet();
                    }
                    done.countDown();
                    loop[0].run();
                  });
        };
    long start = System.nanoTime();
    for (int i = 0; i < conns; i++) {
      vertx.runOnContext(v -> loop[0].run());
    }
    boolean all = done.await(600, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(
        "BENCH_JSON "
            + new JsonObject()
                .put("kind", kind)
                .put("requests", requests - (all ? 0 : done.getCount()))
                .put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f", seconds)))
                .put("rps", Math.round(requests / seconds))
                .put("bad_status", bad.get())
                .put("socket_errors", failed.get())
                .put("sample", firstBad[0])
                .encode());
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  /** The measured company's orders are rows 10 in every 19 of the table (sql/generate.sql). */
  static long randomOrder(long orders) {
    long r = ThreadLocalRandom.current().nextLong(orders);
    return r / 10 * 19 + r % 10 + 1;
  }

  static String createBody() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        lines.append(',');
      }
      lines.append(
          String.format(
              Locale.ROOT,
              "{\"product\":%d,\"description\":\"Beef chuck roll, choice\",\"protein\":\"Beef\","
                  + "\"fresh_or_frozen\":\"Frozen\",\"package_type\":\"Boxed wax lined\",\"net_or_catch\":\"Catch\","
                  + "\"edible_inedible\":\"Edible\",\"quantity\":800,\"weight\":\"%d.00\",\"weight_unit\":\"LBS\","
                  + "\"price_per_unit\":\"2.%04d\"}",
              rnd.nextInt(1, 101),
              rnd.nextInt(20000, 40001),
              rnd.nextInt(0, 10000)));
    }
    return String.format(
        Locale.ROOT,
        "{\"supplier\":%d,\"logistics_scenario\":\"supplier_delivery\",\"order_date\":\"2026-11-20\","
            + "\"pick_up_date\":\"2026-11-24\",\"delivery_date\":\"2026-11-26\",\"payment_terms\":\"Wire\","
            + "\"credit_limit\":\"Net 30\",\"lines\":[%s]}",
        rnd.nextInt(1, 51),
        lines);
  }
}
