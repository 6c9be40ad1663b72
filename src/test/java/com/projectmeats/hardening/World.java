package com.projectmeats.hardening;

import static com.projectmeats.testing.Fixtures.await;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FakeOpenAi;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two companies on one running service: A, with a member of every role and one record of every
 * resource (each created through the API from a body derived from the resource's metadata, and each
 * carrying A's marker in its text), and B, whose owner plays the attacker. The derived bodies are
 * valid by construction (the API accepted them), so a mutation of one field that is refused is
 * refused for that field alone.
 */
final class World {
  /** Lower case, so that it survives e-mail normalisation; no company-B response may contain it. */
  static final String MARKER_A = "alphasecret";

  final TestApp app;
  final Fixtures fixtures;
  final long companyA;
  final long companyB;
  final Map<Role, Fixtures.Member> membersOfA = new EnumMap<>(Role.class);
  final Fixtures.Member ownerOfB;
  final JsonObject openApi;

  /** Resource name → its entry of GET /meta/resources. */
  final Map<String, JsonObject> meta = new LinkedHashMap<>();

  /** Resource name → the id of company A's record. */
  final Map<String, Long> recordOfA = new LinkedHashMap<>();

  /** Resource name → a body that creates a valid record in company A. */
  final Map<String, JsonObject> bodyOfA = new LinkedHashMap<>();

  /**
   * The scripted OpenAI-compatible server the assistant talks to (its default answer is a short
   * text).
   */
  final FakeOpenAi ai;

  /** Company A's owner's assistant session, a message in it, and an uploaded document. */
  final long assistantSessionOfA;

  final long assistantMessageOfA;
  final long documentOfA;

  /** Resource name → a file attached to A's record of it, for those that take attachments. */
  final Map<String, Long> attachmentOfA = new LinkedHashMap<>();

  private final AtomicInteger counter = new AtomicInteger();
  private final Set<String> making = new HashSet<>();

  private World(TestApp app, FakeOpenAi ai) {
    this.app = app;
    this.ai = ai;
    this.fixtures = new Fixtures(app);
    this.companyA = fixtures.company("Alpha Brokers");
    this.companyB = fixtures.company("Bravo Brokers");
    for (Role role : Role.values()) {
      membersOfA.put(role, fixtures.member(companyA, role));
    }
    this.ownerOfB = fixtures.member(companyB, Role.OWNER);
    this.openApi = new JsonObject(probe().get("/api/openapi.json").body());
    Probe.Result described = as(owner()).get(Api.PREFIX + "/meta/resources");
    for (Object r : new JsonObject(described.body()).getJsonArray("resources")) {
      JsonObject resource = (JsonObject) r;
      meta.put(resource.getString("name"), resource);
    }
    meta.keySet().forEach(this::recordOf);
    Probe owner = as(owner());
    this.assistantSessionOfA =
        created(owner.send("POST", Api.PREFIX + "/assistant/sessions", null, null)).getLong("id");
    String messages = Api.PREFIX + "/assistant/sessions/" + assistantSessionOfA + "/messages";
    created(
        owner.json(
            "POST",
            messages,
            new JsonObject().put("content", MARKER_A + " what do we owe?").encode()));
    this.assistantMessageOfA =
        new JsonObject(owner.get(messages).body())
            .getJsonArray("results")
            .getJsonObject(0)
            .getLong("id");
    String boundary = "hardening-boundary";
    byte[] upload =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + MARKER_A
                + ".csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nproduct,weight\n"
                + MARKER_A
                + ",100\n\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.documentOfA =
        created(
                owner.send(
                    "POST",
                    Api.PREFIX + "/documents",
                    "multipart/form-data; boundary=" + boundary,
                    upload))
            .getLong("id");
    meta.values().stream()
        .filter(r -> r.getBoolean("attachments", false))
        .forEach(
            r -> {
              String name = r.getString("name");
              byte[] file =
                  ("--"
                          + boundary
                          + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                          + MARKER_A
                          + ".txt\"\r\nContent-Type: text/plain\r\n\r\n"
                          + MARKER_A
                          + "\r\n--"
                          + boundary
                          + "--\r\n")
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8);
              attachmentOfA.put(
                  name,
                  created(
                          owner.send(
                              "POST",
                              Api.PREFIX + "/" + name + "/" + recordOfA.get(name) + "/attachments",
                              "multipart/form-data; boundary=" + boundary,
                              file))
                      .getLong("id"));
            });
    // The document is read in the background; the suites compare fingerprints, so let it settle
    // first.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Set.of("pending", "processing")
            .contains(
                new JsonObject(owner.get(Api.PREFIX + "/documents/" + documentOfA).body())
                    .getString("status"))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static JsonObject created(Probe.Result r) {
    if (r.status() < 200 || r.status() > 202) {
      throw new IllegalStateException("could not set up the world: " + r);
    }
    return new JsonObject(r.body());
  }

  private static final Map<Datastore, World> SHARED = new java.util.EnumMap<>(Datastore.class);

  /**
   * One world per datastore for all the hardening suites of a test run: building it (a service, a
   * migrated database and sixteen linked records) costs more than most suites take to run. The
   * suites only add to it, and compare fingerprints around their own requests.
   */
  static synchronized World shared(Datastore datastore) {
    return SHARED.computeIfAbsent(
        datastore,
        d -> {
          // Cheap password hashing (some suites sign people up through the API), and the assistant
          // on.
          FakeOpenAi ai = new FakeOpenAi();
          World world =
              new World(
                  TestApp.start(
                      d,
                      Map.of(
                          "PASSWORD_HASH_ITERATIONS",
                          "1000",
                          "OPENAI_API_KEY",
                          FakeOpenAi.KEY,
                          "OPENAI_BASE_URL",
                          ai.baseUrl())),
                  ai);
          Runtime.getRuntime().addShutdownHook(new Thread(world::close));
          return world;
        });
  }

  Fixtures.Member owner() {
    return membersOfA.get(Role.OWNER);
  }

  Probe probe() {
    return new Probe(app.app().port());
  }

  Probe as(Fixtures.Member member) {
    return probe().with("Authorization", "Bearer " + member.token());
  }

  /**
   * A browser session for the member, written as sign-in writes it: the cookie and our page's
   * header.
   */
  Probe browser(Fixtures.Member member) {
    String secret = Secrets.generate("pms_");
    Instant now = Instant.now();
    await(
        app.app()
            .database()
            .sql()
            .update(
                """
        INSERT INTO sessions (token_hash, user_id, created_on, last_seen_on, expires_on, ip, user_agent)
        VALUES ($1, $2, $3, $3, $4, $5, $6)""",
                Secrets.hash(secret),
                member.userId(),
                now,
                now.plus(Duration.ofDays(1)),
                "127.0.0.1",
                "hardening"));
    return probe()
        .with("Cookie", "pm_session=" + secret)
        .with("X-Requested-With", "XMLHttpRequest")
        .with("X-Tenant-ID", Long.toString(member.companyId()));
  }

  /**
   * The id of company A's record of {@code resource}, creating it (and what it refers to) on first
   * use.
   */
  long recordOf(String resource) {
    Long known = recordOfA.get(resource);
    if (known != null) {
      return known;
    }
    if (!making.add(resource)) {
      throw new IllegalStateException("circular required references through " + resource);
    }
    JsonObject body = validBody(resource);
    Probe.Result created = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      created = as(owner()).json("POST", Api.PREFIX + "/" + resource, body.encode());
      if (created.status() != 422) {
        break;
      }
      // A rule such as "linked to exactly one of supplier, customer, carrier": link the first.
      JsonObject errors = created.problem().getJsonObject("errors", new JsonObject());
      String link =
          errors.fieldNames().stream()
              .filter(name -> reference(resource, name) != null && !body.containsKey(name))
              .findFirst()
              .orElse(null);
      if (link == null) {
        break;
      }
      body.put(link, recordOf(reference(resource, link)));
    }
    if (created.status() != 201) {
      throw new IllegalStateException(
          "could not create a " + resource + " from " + body.encode() + ": " + created);
    }
    long id = new JsonObject(created.body()).getLong("id");
    recordOfA.put(resource, id);
    bodyOfA.put(resource, body);
    making.remove(resource);
    return id;
  }

  /**
   * A body like the one that created A's record, with new texts, so unique codes do not collide.
   */
  JsonObject freshBody(String resource) {
    return (JsonObject) renew(bodyOfA.get(resource).copy());
  }

  private Object renew(Object value) {
    return switch (value) {
      case JsonObject o -> {
        o.fieldNames().forEach(k -> o.put(k, renew(o.getValue(k))));
        yield o;
      }
      case JsonArray a -> new JsonArray(a.stream().map(this::renew).toList());
      case String s when s.startsWith(MARKER_A) ->
          s.contains("@")
              ? MARKER_A + counter.incrementAndGet() + "@example.com"
              : MARKER_A + "-" + counter.incrementAndGet();
      default -> value;
    };
  }

  /** The resource a field links to, or null when the field is not a link. */
  String reference(String resource, String field) {
    return fields(resource).stream()
        .map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals(field))
        .map(f -> f.getString("reference"))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  JsonArray fields(String resource) {
    return meta.get(resource).getJsonArray("fields");
  }

  /** Every required field, every text field (with the marker) and one row of each child list. */
  private JsonObject validBody(String resource) {
    JsonObject body = new JsonObject();
    fill(body, fields(resource));
    for (Object c : meta.get(resource).getJsonArray("children")) {
      JsonObject child = (JsonObject) c;
      JsonObject row = new JsonObject();
      fill(row, child.getJsonArray("fields"));
      body.put(child.getString("name"), new JsonArray().add(row));
    }
    return body;
  }

  private void fill(JsonObject body, JsonArray fields) {
    for (Object o : fields) {
      JsonObject f = (JsonObject) o;
      String type = f.getString("type");
      boolean textual = Set.of("text", "textarea", "email", "phone").contains(type);
      if (f.getBoolean("read_only") || !(f.getBoolean("required") || textual)) {
        continue;
      }
      body.put(f.getString("name"), validValue(f));
    }
  }

  /** A value the field accepts; texts carry the marker and a running number (codes are unique). */
  Object validValue(JsonObject f) {
    int n = counter.incrementAndGet();
    return switch (f.getString("type")) {
      case "text", "textarea" -> MARKER_A + "-" + n;
      case "email" -> MARKER_A + n + "@example.com";
      case "phone" -> "+1 555 01" + (10 + n % 90);
      case "integer" -> 10;
      case "decimal", "money" -> "12.50";
      case "date" -> "2026-03-0" + (1 + n % 9);
      case "datetime" -> "2026-03-02T10:00:00Z";
      case "boolean" -> true;
      case "choice" -> f.getJsonArray("choices").getString(0);
      case "choices" -> new JsonArray().add(f.getJsonArray("choices").getString(0));
      case "reference" -> recordOf(f.getString("reference"));
      default ->
          throw new IllegalStateException("no value for a field of type " + f.getString("type"));
    };
  }

  private void close() {
    try {
      ai.close();
      app.close();
    } catch (RuntimeException e) {
      // the JVM is exiting; a database left behind is dropped with the next cleanup
    }
  }
}
