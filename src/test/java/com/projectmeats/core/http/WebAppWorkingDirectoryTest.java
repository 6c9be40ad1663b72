package com.projectmeats.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.docs.DocsRoutes;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service serves the web app and the API reference it was built with, whatever folder it is
 * started from: a checkout's root holds the React sources under webroot/, and any folder may hold
 * files that look like ours. Started here from a folder of decoys that shadow every file we serve.
 */
class WebAppWorkingDirectoryTest {
  private static final Path BUILT = Path.of("target/classes");
  private static final String DECOY = "DECOY from the working directory";

  @Test
  void nothingServedComesFromTheWorkingDirectory() throws Exception {
    String asset = builtAsset();
    Path cwd = Files.createTempDirectory("pm-cwd");
    for (String file :
        new String[] {
          "webroot/index.html",
          "webroot/assets/" + asset,
          "webroot/only-in-cwd.txt",
          "docs/index.html",
          "docs/swagger-initializer.js",
          "docs/docs.css",
          "index.html"
        }) {
      Files.createDirectories(cwd.resolve(file).getParent());
      Files.writeString(cwd.resolve(file), DECOY);
    }
    Map<String, String> env =
        Map.of("DATABASE_URL", "sqlite:" + cwd.resolve("pm.db"), "APP_ENV", "dev");
    try (ServiceProcess service = ServiceProcess.startIn(cwd, env)) {
      service.awaitHealthy(Duration.ofSeconds(60));
      Http http = service.http();
      String index = built("webroot/index.html");
      assertThat(index)
          .as("the built index.html loads bundled assets, not the sources")
          .contains("/assets/")
          .doesNotContain("/src/main.tsx");
      assertThat(http.get("/").body()).as("GET /").isEqualTo(index);
      assertThat(http.get("/purchase-orders/42").body()).as("a client route").isEqualTo(index);
      Http.Response js = http.get("/assets/" + asset);
      assertThat(js.status()).isEqualTo(200);
      assertThat(js.body()).as("/assets/" + asset).isEqualTo(built("webroot/assets/" + asset));
      assertThat(http.get("/only-in-cwd.txt").status())
          .as("a file only the working directory has")
          .isEqualTo(404);
      assertThat(http.get("/api/docs").body())
          .as("/api/docs")
          .isEqualTo(
              built("docs/index.html").replace("{{swagger-ui}}", DocsRoutes.swaggerUiVersion()));
      assertThat(http.get("/api/docs/swagger-initializer.js").body())
          .as("/api/docs/swagger-initializer.js")
          .isEqualTo(built("docs/swagger-initializer.js"));
      assertThat(http.get("/api/docs/docs.css").body())
          .as("/api/docs/docs.css")
          .isEqualTo(built("docs/docs.css"));
      assertThat(service.output()).doesNotContain(DECOY);
    }
  }

  private static String built(String file) throws IOException {
    return Files.readString(BUILT.resolve(file), StandardCharsets.UTF_8);
  }

  private static String builtAsset() throws IOException {
    try (Stream<Path> files = Files.list(BUILT.resolve("webroot/assets"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".js"))
          .sorted()
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "the web app must be built into target/classes/webroot (mvn runs npm)"));
    }
  }
}
