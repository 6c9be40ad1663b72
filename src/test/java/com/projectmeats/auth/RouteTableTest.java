package com.projectmeats.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.ApiRoute;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.RequestBody;
import com.projectmeats.core.http.Response;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole route table, whichever feature added the routes: every route says who may call it, only
 * sign-in, sign-up and invitation look-up are public, and nothing else answers without credentials.
 * (The table does not depend on the datastore, so SQLite serves.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteTableTest {
  private TestApp app;

  @BeforeAll
  void start() {
    app = Accounts.start(Datastore.SQLITE);
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private List<ApiRoute> routes() {
    List<ApiRoute> routes = app.app().routeTable();
    assertThat(routes).isNotEmpty();
    return routes;
  }

  private static String key(ApiRoute r) {
    return r.method().name() + " " + r.path();
  }

  @Test
  void everyRouteDeclaresAccessAndASummaryOnce() {
    for (ApiRoute route : routes()) {
      assertThat(route.access()).as(key(route)).isNotNull();
      assertThat(route.summary()).as(key(route)).isNotBlank();
    }
    assertThat(routes().stream().map(RouteTableTest::key)).doesNotHaveDuplicates();
  }

  /**
   * Every route, including those added later, says what it answers, explicitly: a described
   * response with a body schema, an event stream with its events, or files of named media types
   * (204 alone has no body). The OpenAPI document and generated clients are only as true as these
   * declarations.
   */
  @Test
  void everyRouteDescribesItsResponsesAndRequestBody() {
    List<String> undescribed = new ArrayList<>();
    Set<String> operationIds = new java.util.HashSet<>();
    for (ApiRoute route : routes()) {
      Operation op = route.operation();
      if (!operationIds.add(op.operationId())) {
        undescribed.add(key(route) + ": operationId " + op.operationId() + " is used twice");
      }
      if (op.tag() == null || op.tag().isBlank()) {
        undescribed.add(key(route) + ": no tag");
      }
      if (op.responses().isEmpty()) {
        undescribed.add(key(route) + ": no response");
      }
      for (Response r : op.responses()) {
        boolean body =
            r.schema() != null
                || r.events() != null && !r.events().events().isEmpty()
                || !r.mediaTypes().isEmpty();
        if (r.description() == null || r.description().isBlank() || (r.status() != 204) != body) {
          undescribed.add(key(route) + ": response " + r.status() + " is not described");
        }
      }
      boolean takesBody = route.method() != HttpMethod.GET && route.method() != HttpMethod.DELETE;
      if (takesBody != (op.request().kind() != RequestBody.Kind.NONE)
          || op.request().documented() && op.request().schema() == null) {
        undescribed.add(key(route) + ": request body " + op.request().kind());
      }
    }
    assertThat(undescribed).isEmpty();
  }

  @Test
  void onlySignInSignUpSessionProbeInvitationLookUpAndPasswordResetArePublic() {
    Set<String> publicRoutes =
        routes().stream()
            .filter(r -> r.access().describe().equals("public"))
            .map(RouteTableTest::key)
            .collect(Collectors.toSet());
    assertThat(publicRoutes)
        .containsExactlyInAnyOrder(
            "POST /auth/login",
            "POST /auth/signup",
            "GET /auth/session",
            "GET /auth/invitations/:token",
            "POST /auth/password-reset",
            "POST /auth/password-reset/confirm");
  }

  @Test
  void authRoutesNeedTheRolesWeMeant() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("POST /auth/login", "public");
    expected.put("POST /auth/logout", "signed-in");
    expected.put("GET /auth/me", "signed-in");
    expected.put("GET /auth/session", "public");
    expected.put("POST /auth/signup", "public");
    expected.put("GET /auth/tokens", "readonly");
    expected.put("POST /auth/tokens", "readonly");
    expected.put("DELETE /auth/tokens/:id", "readonly");
    expected.put("GET /members", "admin");
    expected.put("PATCH /members/:userId", "admin");
    expected.put("DELETE /members/:userId", "admin");
    expected.put("GET /invitations", "admin");
    expected.put("POST /invitations", "admin");
    expected.put("DELETE /invitations/:id", "admin");
    expected.put("GET /auth/invitations/:token", "public");
    expected.put("POST /auth/password-reset", "public");
    expected.put("POST /auth/password-reset/confirm", "public");
    expected.put("POST /auth/password", "signed-in");
    expected.put("POST /members/:userId/password-reset", "admin");
    Map<String, String> actual =
        routes().stream()
            .filter(
                r ->
                    r.path().startsWith("/auth")
                        || r.path().startsWith("/members")
                        || r.path().startsWith("/invitations"))
            .collect(Collectors.toMap(RouteTableTest::key, r -> r.access().describe()));
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void withoutCredentialsEveryNonPublicRouteAnswers401() {
    Http http = app.http();
    List<String> wrong = new ArrayList<>();
    for (ApiRoute route : routes()) {
      if (route.access().describe().equals("public")) {
        continue;
      }
      String path = Api.PREFIX + route.path().replaceAll(":[A-Za-z_][A-Za-z0-9_]*", "1");
      for (String[] credentials :
          new String[][] {
            {},
            {"Authorization", "Bearer pmt_not-a-real-token"},
            {"Authorization", "Basic dXNlcjpwYXNz"}
          }) {
        Http.Response r = call(http, route.method(), path, credentials);
        if (r.status() != 401) {
          wrong.add(key(route) + " " + String.join(":", credentials) + " → " + r.status());
        }
      }
      // A cookie that names no session: reads are 401; writes are refused even before the look-up.
      Http.Response stale = call(http.with("Cookie", "pm_session=pms_stale"), route.method(), path);
      int expected = route.method() == HttpMethod.GET ? 401 : 403;
      if (stale.status() != expected) {
        wrong.add(key(route) + " stale cookie → " + stale.status());
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** With a body the route's media type accepts, so that what answers is the credential check. */
  private static Http.Response call(Http http, HttpMethod method, String path, String... headers) {
    if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
      return http.send(method.name(), path, null, null, headers);
    }
    Http.Response json = http.send(method.name(), path, "{}", "application/json", headers);
    if (json.status() != 415) {
      return json;
    }
    return http.send(method.name(), path, "--b--\r\n", "multipart/form-data; boundary=b", headers);
  }
}
