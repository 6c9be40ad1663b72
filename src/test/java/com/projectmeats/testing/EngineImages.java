package com.projectmeats.testing;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Whether the Docker engine Testcontainers found holds, or can pull, the images a Testcontainers
 * PostgreSQL needs: the database's and Ryuk's (the reaper Testcontainers starts before anything
 * else). Asked over the engine's own API, before Testcontainers touches it, because Testcontainers
 * retries a failing pull for minutes, twice, before it gives up: an engine with no registry in
 * reach (an offline CI machine that runs dockerd for its image checks) would cost every run that.
 */
final class EngineImages {
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(3);

  private EngineImages() {}

  /** The engine's transport, or null when Testcontainers finds no usable engine. */
  static TransportConfig engine() {
    try {
      return DockerClientFactory.instance().getTransportConfig();
    } catch (Throwable e) {
      return null;
    }
  }

  /** Null when every image is (now) on the engine, else why one is not. */
  static String missing(TransportConfig engine, String databaseImage) {
    try (DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(engine.getDockerHost())
            .sslConfig(engine.getSslConfig())
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(PULL_TIMEOUT)
            .build()) {
      for (String image :
          new String[] {databaseImage, TestcontainersConfiguration.getInstance().getRyukImage()}) {
        String reason = presentOrPulled(http, image);
        if (reason != null) {
          return reason;
        }
      }
      return null;
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String presentOrPulled(DockerHttpClient http, String image) throws Exception {
    if (present(http, image)) {
      return null;
    }
    int colon = image.lastIndexOf(':');
    String path =
        "/images/create?fromImage="
            + encode(image.substring(0, colon))
            + "&tag="
            + encode(image.substring(colon + 1));
    String answer;
    try (DockerHttpClient.Response r =
            http.execute(request(DockerHttpClient.Request.Method.POST, path));
        InputStream body = r.getBody()) {
      answer = new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    // The engine reports a failed pull either as an error status or as an error line in its
    // progress stream: only the image being there afterwards counts.
    return present(http, image)
        ? null
        : "cannot pull " + image + ": " + answer.substring(Math.max(0, answer.length() - 300));
  }

  private static boolean present(DockerHttpClient http, String image) throws Exception {
    try (DockerHttpClient.Response r =
            http.execute(
                request(DockerHttpClient.Request.Method.GET, "/images/" + image + "/json"));
        InputStream body = r.getBody()) {
      body.readAllBytes();
      return r.getStatusCode() == 200;
    }
  }

  private static DockerHttpClient.Request request(
      DockerHttpClient.Request.Method method, String path) {
    return DockerHttpClient.Request.builder().method(method).path(path).build();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
