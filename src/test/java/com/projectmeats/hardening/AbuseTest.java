package com.projectmeats.hardening;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.ApiRoute;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OWASP API1 (object-level authorisation), API5 (function-level) and API3 (mass assignment), walked
 * over the whole route table: company B's owner gets nothing of company A's on any route or verb;
 * each role gets exactly what each route's declared Access allows; and the fields the server owns
 * cannot be set through a body.
 */
class AbuseTest {

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    private final Datastore datastore;
    private World world;
    private long invitationOfA;
    private long tokenOfA;

    Contract(Datastore datastore) {
      this.datastore = datastore;
    }

    @BeforeAll
    void start() {
      world = World.shared(datastore);
      Probe.Result invited =
          world
              .as(world.owner())
              .json(
                  "POST",
                  Api.PREFIX + "/invitations",
                  new JsonObject()
                      .put("email", World.MARKER_A + "-invitee@example.com")
                      .put("role", "user")
                      .encode());
      assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
      invitationOfA = invited.problem().getLong("id");
      tokenOfA =
          await(
                  world
                      .app
                      .app()
                      .database()
                      .sql()
                      .one("SELECT id FROM api_tokens WHERE user_id = $1", world.owner().userId()))
              .orElseThrow()
              .getLong(0);
    }

    private List<ApiRoute> routes() {
      List<ApiRoute> routes = world.app.app().routeTable();
      assertThat(routes).hasSizeGreaterThan(100);
      return routes;
    }

    private static String resourceOf(ApiRoute route) {
      return route.path().split("/")[1];
    }

    /** The route's path aimed at company A's own objects. */
    private String aimedAtA(ApiRoute route) {
      String path = route.path();
      if (path.startsWith("/auth/tokens/")) {
        path = path.replace(":id", Long.toString(tokenOfA));
      } else if (path.startsWith("/assistant/sessions/")) {
        path =
            path.replace(":id", Long.toString(world.assistantSessionOfA))
                .replace(":mid", Long.toString(world.assistantMessageOfA));
      } else if (path.startsWith("/documents/")) {
        path = path.replace(":id", Long.toString(world.documentOfA));
      } else if (path.startsWith("/invitations/")) {
        path = path.replace(":id", Long.toString(invitationOfA));
      } else if (path.contains(":id")) {
        String resource = resourceOf(route);
        path = path.replace(":id", Long.toString(world.recordOfA.get(resource)));
        if (path.contains(":aid")) {
          path = path.replace(":aid", Long.toString(world.attachmentOfA.get(resource)));
        }
      }
      return Api.PREFIX
          + path.replace(":userId", Long.toString(world.membersOfA.get(Role.READONLY).userId()));
    }

    /**
     * A body the route would accept from A: A's own record body, or the fields the handler reads.
     */
    private String bodyFor(ApiRoute route) {
      if (route.method() == HttpMethod.GET || route.method() == HttpMethod.DELETE) {
        return null;
      }
      if (world.meta.containsKey(resourceOf(route)) && !route.path().matches(".*/:id/.+")) {
        // A's body with B's own words: what comes back must not be A's, while the links still point
        // at A's records.
        return world.freshBody(resourceOf(route)).encode().replace(World.MARKER_A, "bravo");
      }
      return switch (route.path()) {
        case "/members/:userId" -> "{\"role\":\"owner\"}";
        case "/invitations" -> "{\"email\":\"someone@example.com\",\"role\":\"owner\"}";
        case "/auth/tokens" -> "{\"name\":\"b\"}";
        case "/assistant/sessions/:id/messages" -> "{\"content\":\"what does company A owe?\"}";
        case "/documents/:id/accept" -> "{\"draft\":{\"name\":\"taken\"}}";
        default -> "{}";
      };
    }

    @Test
    void companyBReachesNothingOfCompanyAOnAnyRouteOrVerb() {
      Map<String, String> before =
          Fingerprint.company(world.app.app().database().sql(), world.companyA);
      Probe token = world.as(world.ownerOfB);
      List<String> wrong = new ArrayList<>();
      int tried = 0;
      for (ApiRoute route : routes()) {
        if (route.access() instanceof Access.Public || route.path().equals("/auth/logout")) {
          continue;
        }
        // B's session for the routes a token may not use, its API token for the rest: both ways in.
        Probe b = route.path().equals("/auth/tokens") ? world.browser(world.ownerOfB) : token;
        String path = aimedAtA(route);
        String body = bodyFor(route);
        // An upload is sent as one (a JSON body would be refused for its media type before the
        // route looked at A's record at all).
        boolean upload =
            route.operation().request().kind()
                == com.projectmeats.core.http.RequestBody.Kind.MULTIPART;
        String boundary = "----abuse";
        Probe.Result r =
            upload
                ? b.send(
                    route.method().name(),
                    path,
                    "multipart/form-data; boundary=" + boundary,
                    ("--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\""
                            + "\r\nContent-Type: text/plain\r\n\r\nfrom company B\r\n--"
                            + boundary
                            + "--\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : b.send(
                    route.method().name(),
                    path,
                    body == null ? null : "application/json",
                    body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        tried++;
        if (r.body().contains(World.MARKER_A)) {
          wrong.add(route.method() + " " + path + " LEAKED company A's data: " + r);
        } else if (route.path().contains(":")) {
          String refusal = Verdict.refusal(r, Set.of(404), null);
          if (refusal != null) {
            wrong.add(route.method() + " " + path + ": " + refusal);
          }
        } else if (r.status() >= 500 || r.status() == 200 && route.method() != HttpMethod.GET) {
          wrong.add(route.method() + " " + path + ": " + r);
        }
      }
      // Every verb on every record of A, declared or not: not found (or no such method), never
      // more.
      for (Map.Entry<String, Long> record : world.recordOfA.entrySet()) {
        String path = Api.PREFIX + "/" + record.getKey() + "/" + record.getValue();
        for (String verb : List.of("GET", "PUT", "PATCH", "DELETE", "POST")) {
          Probe.Result r =
              token.send(
                  verb,
                  path,
                  "application/json",
                  world
                      .freshBody(record.getKey())
                      .encode()
                      .replace(World.MARKER_A, "bravo")
                      .getBytes());
          tried++;
          if (!Set.of(404, 405).contains(r.status()) || r.body().contains(World.MARKER_A)) {
            wrong.add(verb + " " + path + ": " + r);
          }
        }
      }
      // Naming company A outright does not help, with a token or with a session.
      String tenant = Long.toString(world.companyA);
      for (Probe b :
          List.of(
              token.with("X-Tenant-ID", tenant),
              world.browser(world.ownerOfB).with("X-Tenant-ID", tenant))) {
        Probe.Result r = b.get(Api.PREFIX + "/suppliers");
        tried++;
        if (r.status() != 403 || r.body().contains(World.MARKER_A)) {
          wrong.add("X-Tenant-ID of A: " + r);
        }
      }
      System.out.printf(
          "abuse on %s: company B tried %d requests on company A's records%n", datastore, tried);
      assertThat(wrong).isEmpty();
      assertThat(Fingerprint.company(world.app.app().database().sql(), world.companyA))
          .isEqualTo(before);
    }

    @Test
    void everyRoleGetsExactlyWhatEachRoutesAccessAllows() {
      List<String> wrong = new ArrayList<>();
      Map<String, String> before =
          Fingerprint.company(world.app.app().database().sql(), world.companyA);
      int tried = 0;
      // Refusals first, then the fingerprint: a refused call must not have written anything.
      for (boolean allowedPass : new boolean[] {false, true}) {
        for (Role role : Role.values()) {
          Probe browser = world.browser(world.membersOfA.get(role));
          for (ApiRoute route : routes()) {
            if (route.access() instanceof Access.Public || route.path().equals("/auth/logout")) {
              continue;
            }
            boolean allowed =
                !(route.access() instanceof Access.Member m) || role.atLeast(m.minimum());
            if (allowed != allowedPass) {
              continue;
            }
            // No such record and an empty body: an allowed role gets as far as 404 or 422, and
            // changes nothing.
            String path = Api.PREFIX + route.path().replaceAll(":[A-Za-z]+", "999999999");
            boolean body =
                route.method() == HttpMethod.POST
                    || route.method() == HttpMethod.PUT
                    || route.method() == HttpMethod.PATCH;
            Probe.Result r =
                browser.send(
                    route.method().name(),
                    path,
                    body ? "application/json" : null,
                    body ? "{}".getBytes() : null);
            if (r.status() == 415) {
              // An upload: its media type is checked before who is calling, so send the right one.
              r =
                  browser.send(
                      route.method().name(),
                      path,
                      "multipart/form-data; boundary=b",
                      "--b--\r\n".getBytes());
            }
            tried++;
            if (allowed && (r.status() == 401 || r.status() == 403 || r.status() >= 500)) {
              wrong.add(
                  role
                      + " may "
                      + route.method()
                      + " "
                      + route.path()
                      + " ("
                      + route.access().describe()
                      + ") but got "
                      + r);
            } else if (!allowed
                && (r.status() != 403 || !"forbidden".equals(r.problem().getString("code")))) {
              wrong.add(
                  role
                      + " may not "
                      + route.method()
                      + " "
                      + route.path()
                      + " ("
                      + route.access().describe()
                      + ") but got "
                      + r);
            }
          }
        }
        if (!allowedPass) {
          assertThat(Fingerprint.company(world.app.app().database().sql(), world.companyA))
              .as("after the refusals")
              .isEqualTo(before);
        }
      }
      System.out.printf("abuse on %s: %d role × route calls%n", datastore, tried);
      assertThat(wrong).isEmpty();
    }

    @Test
    void fieldsTheServerOwnsCannotBeSetThroughABody() {
      Probe owner = world.as(world.owner());
      List<String> wrong = new ArrayList<>();
      for (String resource : world.meta.keySet()) {
        JsonObject existing =
            owner.get(Api.PREFIX + "/" + resource + "/" + world.recordOfA.get(resource)).problem();
        JsonObject forged =
            new JsonObject()
                .put("id", 987654321)
                .put("created_on", "2001-01-01T00:00:00Z")
                .put("modified_on", "2001-01-01T00:00:00Z");
        for (Object f : world.fields(resource)) {
          JsonObject field = (JsonObject) f;
          if (field.getBoolean("read_only")) {
            forged.put(
                field.getString("name"),
                forgery(field, existing.getValue(field.getString("name"))));
          }
        }
        JsonObject body = world.freshBody(resource);
        forged.forEach(e -> body.put(e.getKey(), e.getValue()));
        if (body.getValue("lines") instanceof JsonArray lines && !lines.isEmpty()) {
          lines.getJsonObject(0).put("line_total", "999999.99");
        }
        Probe.Result created = owner.json("POST", Api.PREFIX + "/" + resource, body.encode());
        if (created.status() != 201) {
          wrong.add(resource + " create with server-owned fields: " + created);
          continue;
        }
        JsonObject record = created.problem();
        forged.forEach(
            e -> {
              if (String.valueOf(e.getValue())
                  .equals(String.valueOf(record.getValue(e.getKey())))) {
                wrong.add(
                    resource + "." + e.getKey() + " was taken from the body: " + e.getValue());
              }
            });
        if (record.getValue("lines") instanceof JsonArray lines
            && !lines.isEmpty()
            && "999999.99".equals(lines.getJsonObject(0).getString("line_total"))) {
          wrong.add(resource + ".lines[0].line_total was taken from the body");
        }
        Row row =
            await(
                    world
                        .app
                        .app()
                        .database()
                        .sql()
                        .one(
                            "SELECT company_id, created_by, version FROM "
                                + resource.replace('-', '_')
                                + " WHERE id = $1",
                            record.getLong("id")))
                .orElseThrow();
        if (row.getLong(0) != world.companyA
            || row.getLong(1) != world.owner().userId()
            || row.getLong(2) != 1) {
          wrong.add(
              resource
                  + " stored company/created_by/version "
                  + row.getLong(0)
                  + "/"
                  + row.getLong(1)
                  + "/"
                  + row.getLong(2));
        }
        // A change that forges the same fields leaves them as they were.
        JsonObject before =
            owner.get(Api.PREFIX + "/" + resource + "/" + record.getLong("id")).problem();
        if (Boolean.TRUE.equals(world.meta.get(resource).getBoolean("updatable"))) {
          Probe.Result patched =
              owner.json(
                  "PATCH",
                  Api.PREFIX + "/" + resource + "/" + record.getLong("id"),
                  forged.encode());
          JsonObject after =
              owner.get(Api.PREFIX + "/" + resource + "/" + record.getLong("id")).problem();
          forged.fieldNames().stream()
              .filter(k -> !k.equals("modified_on"))
              .filter(
                  k ->
                      patched.status() != 200
                          || !String.valueOf(before.getValue(k))
                              .equals(String.valueOf(after.getValue(k))))
              .forEach(k -> wrong.add(resource + "." + k + " changed through PATCH: " + patched));
        }
        // Fields the wire never shows are not accepted at all.
        for (String hidden : List.of("company_id", "company", "created_by", "version")) {
          if (world.reference(resource, hidden) != null
              || world.fields(resource).stream()
                  .anyMatch(f -> ((JsonObject) f).getString("name").equals(hidden))) {
            continue; // a real field of this resource (a contact's "company" is the name of their
            // employer)
          }
          Probe.Result r =
              owner.json(
                  "POST",
                  Api.PREFIX + "/" + resource,
                  world.freshBody(resource).put(hidden, world.companyB).encode());
          String refusal = Verdict.refusal(r, Set.of(400), hidden);
          if (refusal != null) {
            wrong.add(resource + " with " + hidden + ": " + refusal);
          }
        }
      }
      assertThat(wrong).isEmpty();
    }

    /** A plausible value for a server-owned field that differs from what the server would store. */
    private static Object forgery(JsonObject field, Object actual) {
      return switch (field.getString("type")) {
        case "money", "decimal" -> "999999.99";
        case "choice" ->
            field.getJsonArray("choices").stream()
                .filter(c -> !c.equals(actual))
                .reduce((a, b) -> b)
                .orElseThrow();
        case "email" -> "forged@example.com";
        case "phone" -> "+1 555 0199";
        case "integer", "reference" -> 424242;
        case "date" -> "2001-01-01";
        case "boolean" -> !Boolean.TRUE.equals(actual);
        default -> "forged";
      };
    }
  }
}
