package com.projectmeats.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.ConfigException;
import com.projectmeats.core.config.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static final String SECRET = "s".repeat(40);

  @Test
  void defaultsNeedNoConfiguration() throws Exception {
    var dir = Files.createTempDirectory("cfg");
    AppConfig c = AppConfig.from(Map.of("DATABASE_URL", "sqlite:" + dir.resolve("x.db")));
    assertThat(c.port()).isEqualTo(8000);
    assertThat(c.env().isDev()).isTrue();
    assertThat(c.openAi().configured()).isFalse();
    assertThat(c.openAi().model()).isEqualTo("gpt-4o-mini");
    // Room for 2,000 answers streaming at once on one replica.
    assertThat(c.openAi().upstreamConnections()).isEqualTo(2048);
    assertThat(
            AppConfig.from(Map.of("ASSISTANT_UPSTREAM_CONNECTIONS", "64"))
                .openAi()
                .upstreamConnections())
        .isEqualTo(64);
    assertThat(c.logFormat()).isEqualTo(AppConfig.LogFormat.TEXT);
    // The dev secret is generated once and kept beside the data.
    assertThat(AppConfig.from(Map.of("DATABASE_URL", "sqlite:" + dir.resolve("x.db"))).secretKey())
        .isEqualTo(c.secretKey());
    assertThat(AppConfig.from(Map.of()).database()).isEqualTo(DatabaseSettings.parse(null));
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("PORT", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PORT:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("PORT", "70000")))
        .hasMessageStartingWith("PORT:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("DATABASE_URL", "mysql://db/x")))
        .hasMessageStartingWith("DATABASE_URL:")
        .hasMessageContaining("mysql");
    assertThatThrownBy(() -> AppConfig.from(Map.of("APP_ENV", "prod")))
        .hasMessageStartingWith("SECRET_KEY:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("APP_ENV", "staging")))
        .hasMessageStartingWith("APP_ENV:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("APP_ENV", "uat", "SECRET_KEY", "short")))
        .hasMessageStartingWith("SECRET_KEY:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("LOG_FORMAT", "xml")))
        .hasMessageStartingWith("LOG_FORMAT:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("CORS_ALLOWED_ORIGINS", "*")))
        .hasMessageStartingWith("CORS_ALLOWED_ORIGINS:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("ASSISTANT_UPSTREAM_CONNECTIONS", "0")))
        .hasMessageStartingWith("ASSISTANT_UPSTREAM_CONNECTIONS:");
  }

  @Test
  void poolSizeIsReadHereAndABadOneIsRefused() {
    assertThat(AppConfig.from(Map.of("DB_POOL_SIZE", "12")).dbPoolSize()).isEqualTo(12);
    assertThat(AppConfig.from(Map.of()).dbPoolSize()).isGreaterThanOrEqualTo(4);
    assertThatThrownBy(() -> AppConfig.from(Map.of("DB_POOL_SIZE", "lots")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DB_POOL_SIZE:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("DB_POOL_SIZE", "0")))
        .hasMessageStartingWith("DB_POOL_SIZE:");
  }

  /**
   * A migrate waits for another's lock longer than the deploy waits for a new replica to turn
   * healthy (HEALTH_TIMEOUT, 180 s in docker/deploy_remote.sh), and far longer than Flyway's 50 s.
   */
  @Test
  void theMigrationLockWaitOutlastsTheDeploysHealthWaitAndCanBeSet() throws Exception {
    java.time.Duration wait = AppConfig.from(Map.of()).migrationLockTimeout();
    assertThat(wait).isEqualTo(java.time.Duration.ofMinutes(10));
    String deploy = Files.readString(Path.of("docker/deploy_remote.sh"));
    var health =
        java.util.regex.Pattern.compile("HEALTH_TIMEOUT=\\$\\{HEALTH_TIMEOUT:-(\\d+)\\}")
            .matcher(deploy);
    assertThat(health.find()).isTrue();
    assertThat(wait.toSeconds()).isGreaterThan(Long.parseLong(health.group(1)));
    assertThat(
            AppConfig.from(Map.of("DB_MIGRATION_LOCK_TIMEOUT_SECONDS", "1800"))
                .migrationLockTimeout())
        .isEqualTo(java.time.Duration.ofMinutes(30));
    assertThatThrownBy(() -> AppConfig.from(Map.of("DB_MIGRATION_LOCK_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DB_MIGRATION_LOCK_TIMEOUT_SECONDS:");
  }

  /**
   * Every variable the configuration reads is listed (for --help) and explained in the README, and
   * nothing else is listed.
   */
  @Test
  void everyVariableReadIsListedAndInTheReadme() throws Exception {
    Set<String> read = new TreeSet<>();
    Map<String, String> recording =
        new HashMap<>() {
          @Override
          public String get(Object key) {
            read.add((String) key);
            return super.get(key);
          }

          @Override
          public String getOrDefault(Object key, String fallback) {
            read.add((String) key);
            return super.getOrDefault(key, fallback);
          }
        };
    AppConfig.from(recording);
    assertThat(read).containsExactlyInAnyOrderElementsOf(AppConfig.VARIABLES);
    String readme = Files.readString(Path.of("README.md"));
    for (String variable : AppConfig.VARIABLES) {
      assertThat(readme).as(variable).contains("`" + variable + "`");
    }
  }

  @Test
  void postgresUrlsAsDigitalOceanHandsThemOut() {
    AppConfig c =
        AppConfig.from(
            Map.of(
                "APP_ENV",
                "prod",
                "SECRET_KEY",
                SECRET,
                "DATABASE_URL",
                "postgresql://doadmin:p%40ss@db-postgresql-nyc3-1.db.ondigitalocean.com:25060/defaultdb?sslmode=require"));
    DatabaseSettings.Postgres pg = (DatabaseSettings.Postgres) c.database();
    assertThat(pg.host()).isEqualTo("db-postgresql-nyc3-1.db.ondigitalocean.com");
    assertThat(pg.port()).isEqualTo(25060);
    assertThat(pg.password()).isEqualTo("p@ss");
    assertThat(pg.tls()).isTrue();
    assertThat(c.logFormat()).isEqualTo(AppConfig.LogFormat.JSON);
    assertThat(c.toString()).doesNotContain("p@ss").doesNotContain(SECRET);
  }

  @Test
  void smtpUrlAndSenderAreReadOnceAndThePasswordNeverShown() {
    assertThat(AppConfig.from(Map.of()).mail().configured()).isFalse();
    AppConfig c =
        AppConfig.from(
            Map.of(
                "SMTP_URL",
                "smtp://mailer%40prairie.test:s3cr%3At@mail.prairie.test:587",
                "MAIL_FROM",
                "Prairie Meats <orders@prairie.test>"));
    assertThat(c.mail().configured()).isTrue();
    assertThat(c.mail().host()).isEqualTo("mail.prairie.test");
    assertThat(c.mail().port()).isEqualTo(587);
    assertThat(c.mail().implicitTls()).isFalse();
    assertThat(c.mail().username()).isEqualTo("mailer@prairie.test");
    assertThat(c.mail().password()).isEqualTo("s3cr:t");
    assertThat(c.mail().fromAddress()).isEqualTo("orders@prairie.test");
    assertThat(c.toString()).contains("mail.prairie.test").doesNotContain("s3cr");
    AppConfig tls = AppConfig.from(Map.of("SMTP_URL", "smtps://relay.example.com"));
    assertThat(tls.mail().implicitTls()).isTrue();
    assertThat(tls.mail().port()).isEqualTo(465);
    assertThat(tls.mail().from()).isEqualTo("ProjectMeats <no-reply@localhost>");
  }

  @Test
  void badMailSettingsNameTheirVariableAndNeverEchoThePassword() {
    for (String url :
        new String[] {
          "http://mail.example.com",
          "smtp://",
          "smtp://u:hunter2@mail.example.com:99999",
          "smtp://u:hunter2@mail.example.com/path",
          "smtp://:hunter2@mail.example.com",
          "smtp://u:hunt er2@x y"
        }) {
      assertThatThrownBy(() -> AppConfig.from(Map.of("SMTP_URL", url)))
          .as(url)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("SMTP_URL:")
          .message()
          .doesNotContain("hunter2");
    }
    for (String from :
        new String[] {
          "not an address", "a@b", "Name <x@y.z>\r\nBcc: spy@evil.test", "x@y.z, w@v.u"
        }) {
      assertThatThrownBy(() -> AppConfig.from(Map.of("MAIL_FROM", from)))
          .as(from)
          .hasMessageStartingWith("MAIL_FROM:");
    }
    assertThatThrownBy(() -> AppConfig.from(Map.of("SMTP_TIMEOUT_MS", "0")))
        .hasMessageStartingWith("SMTP_TIMEOUT_MS:");
    assertThatThrownBy(() -> AppConfig.from(Map.of("MAIL_MAX_ATTEMPTS", "x")))
        .hasMessageStartingWith("MAIL_MAX_ATTEMPTS:");
  }
}
