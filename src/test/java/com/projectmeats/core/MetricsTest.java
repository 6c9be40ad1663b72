package com.projectmeats.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import org.junit.jupiter.api.Test;

/**
 * The operator's /metrics: requests by route template and status with histograms, pool use,
 * event-loop delay.
 */
class MetricsTest {

  @Test
  void prometheusTextCarriesRouteStatusPoolAndLoopMeters() throws Exception {
    try (TestApp app = TestApp.start(Datastore.POSTGRES)) {
      Fixtures fx = new Fixtures(app);
      Http api =
          app.http()
              .with(
                  "Authorization",
                  "Bearer " + fx.member(fx.company("Metrics Co"), Role.USER).token());
      assertThat(api.get("/api/v1/suppliers/12345").status()).isEqualTo(404);
      assertThat(api.get("/api/v1/suppliers").status()).isEqualTo(200);
      Thread.sleep(300);
      Http.Response metrics = app.http().get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      String text = metrics.body();
      assertThat(text).contains("vertx_http_server_requests_total");
      assertThat(text)
          .containsPattern(
              "vertx_http_server_requests_total\\{[^}]*code=\"404\"[^}]*route=\"[^\"]*/suppliers/:id");
      // Not the raw path: no label holds the id (a value such as 0.004123456 may hold its digits).
      assertThat(text).doesNotContain("/12345").doesNotContain("remote=");
      assertThat(text).contains("vertx_http_server_response_time_seconds_bucket");
      assertThat(text).containsPattern("vertx_pool_in_use\\{[^}]*pool_name=\"postgres\"");
      assertThat(text).contains("projectmeats_event_loop_delay_seconds_count");
      assertThat(text).contains("projectmeats_event_streams_open");
    }
  }
}
