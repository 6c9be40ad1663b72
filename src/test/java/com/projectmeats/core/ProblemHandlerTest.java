package com.projectmeats.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.ProblemHandler;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class ProblemHandlerTest {

  private static ApiException map(Throwable failure, int status) throws Exception {
    Method m = ProblemHandler.class.getDeclaredMethod("toProblem", Throwable.class, int.class);
    m.setAccessible(true);
    return (ApiException) m.invoke(null, failure, status);
  }

  @Test
  void unexpectedFailuresBecomeA500WithoutInternals() throws Exception {
    ApiException problem =
        map(new IllegalStateException("password=hunter2 at com.projectmeats.Secret"), 500);
    JsonObject body = ProblemHandler.body(problem, "/api/v1/x");
    assertThat(problem.status()).isEqualTo(500);
    assertThat(body.encode())
        .doesNotContain("hunter2")
        .doesNotContain("com.projectmeats")
        .doesNotContain("IllegalState");
    assertThat(body.getString("type")).startsWith("https://");
    assertThat(body.fieldNames()).contains("type", "title", "status", "detail");
  }

  @Test
  void statusOnlyFailuresKeepTheirStatus() throws Exception {
    assertThat(map(null, 413).status()).isEqualTo(413);
    assertThat(map(null, 415).status()).isEqualTo(415);
    assertThat(map(null, 404).code()).isEqualTo("not_found");
    assertThat(map(new io.vertx.core.json.DecodeException("bad"), -1).status()).isEqualTo(400);
  }
}
