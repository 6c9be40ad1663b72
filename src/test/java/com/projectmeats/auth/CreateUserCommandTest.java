package com.projectmeats.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.UsageException;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap command, against a fresh database of each kind, then signing in through the API.
 */
class CreateUserCommandTest {

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

  abstract static class Contract {
    private static final String PASSWORD = "bootstrap passphrase 2026";
    private final Datastore datastore;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Map<String, String> env;
    private String url;

    Contract(Datastore datastore) {
      this.datastore = datastore;
    }

    @BeforeEach
    void freshDatabase() {
      url = datastore.freshUrl();
      env = new HashMap<>(Accounts.ENV);
      env.put("DATABASE_URL", url);
      env.put("PORT", "0");
      env.put("SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789");
    }

    @AfterEach
    void dropDatabase() {
      datastore.dispose(url);
    }

    private int run(Map<String, String> processEnv, String... args) throws Exception {
      return CreateUserCommand.run(
          AppConfig.from(env),
          args,
          processEnv,
          new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) throws Exception {
      return run(Map.of(), args);
    }

    @Test
    void createsTheCompanyAndItsOwnerWhoCanThenSignIn() throws Exception {
      assertThat(
              run(
                  "--email",
                  "Boss@Example.com",
                  "--password",
                  PASSWORD,
                  "--company",
                  "Cactus Packing, Inc.",
                  "--role",
                  "owner",
                  "--name",
                  "The Boss"))
          .isZero();
      assertThat(output.toString(StandardCharsets.UTF_8))
          .contains("boss@example.com")
          .contains("the new company")
          .contains("cactus-packing-inc");
      // The same name (any case) names the same company: the second user joins it.
      assertThat(
              run(
                  Map.of(CreateUserCommand.PASSWORD_ENV, PASSWORD + "!"),
                  "--email",
                  "clerk@example.com",
                  "--company",
                  "CACTUS PACKING INC",
                  "--role",
                  "user"))
          .isZero();
      assertThat(output.toString(StandardCharsets.UTF_8)).contains("the existing company");

      try (TestApp app = TestApp.start(datastore, url, env)) {
        var http = app.http().with("X-Forwarded-For", Accounts.freshAddress());
        var boss =
            http.post(
                "/api/v1/auth/login",
                new JsonObject().put("email", "boss@example.com").put("password", PASSWORD));
        assertThat(boss.status()).as(boss.toString()).isEqualTo(200);
        assertThat(boss.json().getJsonObject("user").getString("name")).isEqualTo("The Boss");
        JsonObject company = boss.json().getJsonArray("companies").getJsonObject(0);
        assertThat(company.getString("slug")).isEqualTo("cactus-packing-inc");
        assertThat(company.getString("name")).isEqualTo("Cactus Packing, Inc.");
        assertThat(company.getString("role")).isEqualTo("owner");
        var clerk =
            http.post(
                "/api/v1/auth/login",
                new JsonObject().put("email", "clerk@example.com").put("password", PASSWORD + "!"));
        assertThat(clerk.json().getJsonArray("companies").getJsonObject(0).getLong("id"))
            .isEqualTo(company.getLong("id"));
        assertThat(clerk.json().getJsonArray("companies").getJsonObject(0).getString("role"))
            .isEqualTo("user");
      }
    }

    @Test
    void aDuplicateEmailIsAClearUsageError() throws Exception {
      assertThat(
              run(
                  "--email",
                  "dup@example.com",
                  "--password",
                  PASSWORD,
                  "--company",
                  "Dup Co",
                  "--role",
                  "owner"))
          .isZero();
      assertThatThrownBy(
              () ->
                  run(
                      "--email",
                      "DUP@example.com",
                      "--password",
                      PASSWORD,
                      "--company",
                      "Other Co",
                      "--role",
                      "admin"))
          .isInstanceOf(UsageException.class)
          .hasMessage("a user with the e-mail address dup@example.com already exists");
    }

    @Test
    void weakPasswordsBadRolesAndMissingOptionsAreRefusedBeforeAnythingIsWritten() {
      assertThatThrownBy(
              () ->
                  run(
                      "--email",
                      "a@example.com",
                      "--password",
                      "short",
                      "--company",
                      "Co",
                      "--role",
                      "owner"))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("at least 10 characters");
      assertThatThrownBy(
              () ->
                  run(
                      "--email",
                      "a@example.com",
                      "--password",
                      "password123",
                      "--company",
                      "Co",
                      "--role",
                      "owner"))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("commonly used");
      assertThatThrownBy(
              () ->
                  run(
                      "--email",
                      "a@example.com",
                      "--password",
                      PASSWORD,
                      "--company",
                      "Co",
                      "--role",
                      "boss"))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("--role must be one of owner, admin");
      assertThatThrownBy(
              () -> run("--email", "a@example.com", "--company", "Co", "--role", "owner"))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining(CreateUserCommand.PASSWORD_ENV);
      assertThatThrownBy(
              () ->
                  run(
                      "--email",
                      "not-an-address",
                      "--password",
                      PASSWORD,
                      "--company",
                      "Co",
                      "--role",
                      "owner"))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("not an e-mail address");
      assertThatThrownBy(
              () ->
                  run(
                      "--email",
                      "a@example.com",
                      "--password",
                      PASSWORD,
                      "--company",
                      "!!!",
                      "--role",
                      "owner"))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("--company");
      assertThatThrownBy(() -> run("--email", "a@example.com", "--colour", "red"))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("unknown option --colour");
      assertThat(output.size()).isZero();
    }
  }
}
