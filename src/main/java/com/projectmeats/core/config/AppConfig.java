package com.projectmeats.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Everything the service reads from its environment, read once and validated at start-up. A bad
 * value stops the process with a {@link ConfigException} naming the variable.
 */
public record AppConfig(
    int port,
    DatabaseSettings database,
    AppEnv env,
    String appDomain,
    String secretKey,
    OpenAiSettings openAi,
    List<String> corsAllowedOrigins,
    LogFormat logFormat,
    Duration shutdownTimeout,
    Duration dbQueryTimeout,
    int dbPoolSize,
    Duration migrationLockTimeout,
    int passwordIterations,
    MailSettings mail) {

  public enum LogFormat {
    TEXT,
    JSON
  }

  /**
   * The OpenAI-compatible server, and the assistant's limits: how long the model may stay silent
   * before the first token and mid-answer, how often an idle event stream gets a keep-alive
   * comment, how many answers one user may ask for per minute, and how many connections one replica
   * may hold open to the server (every answer holds one for its whole length).
   */
  public record OpenAiSettings(
      String apiKey,
      String baseUrl,
      String model,
      List<String> models,
      Duration firstTokenTimeout,
      Duration idleTimeout,
      Duration keepAlive,
      int messagesPerMinute,
      int maxAnswerChars,
      int upstreamConnections) {
    public boolean configured() {
      return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
      return "OpenAiSettings[apiKey="
          + (configured() ? "***" : "unset")
          + ", baseUrl="
          + baseUrl
          + ", model="
          + model
          + "]";
    }
  }

  static final int MIN_SECRET_LENGTH = 32;

  /** Connections to the AI server per replica: room for 2,048 answers streaming at once. */
  public static final int DEFAULT_UPSTREAM_CONNECTIONS = 2048;

  /**
   * How long a migrate waits for another migrate's lock by default: 10 minutes (see {@link #from}).
   */
  public static final Duration DEFAULT_MIGRATION_LOCK_TIMEOUT = Duration.ofMinutes(10);

  /** PBKDF2-HMAC-SHA256 iterations that OWASP's password-storage guidance asks for. */
  public static final int PASSWORD_ITERATIONS = 600_000;

  /** Every variable {@link #from} reads, in the order {@code --help} lists them. */
  public static final List<String> VARIABLES =
      List.of(
          "PORT",
          "DATABASE_URL",
          "APP_ENV",
          "APP_DOMAIN",
          "SECRET_KEY",
          "OPENAI_API_KEY",
          "OPENAI_BASE_URL",
          "OPENAI_MODEL",
          "OPENAI_MODELS",
          "ASSISTANT_FIRST_TOKEN_TIMEOUT_MS",
          "ASSISTANT_IDLE_TIMEOUT_MS",
          "ASSISTANT_KEEPALIVE_MS",
          "ASSISTANT_MESSAGES_PER_MINUTE",
          "ASSISTANT_MAX_ANSWER_CHARS",
          "ASSISTANT_UPSTREAM_CONNECTIONS",
          "CORS_ALLOWED_ORIGINS",
          "LOG_FORMAT",
          "SHUTDOWN_TIMEOUT_SECONDS",
          "DB_QUERY_TIMEOUT_MS",
          "DB_POOL_SIZE",
          "DB_MIGRATION_LOCK_TIMEOUT_SECONDS",
          "PASSWORD_HASH_ITERATIONS",
          "SMTP_URL",
          "MAIL_FROM",
          "SMTP_TIMEOUT_MS",
          "MAIL_RETRY_MS",
          "MAIL_MAX_ATTEMPTS");

  public static AppConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static AppConfig from(Map<String, String> env) {
    AppEnv appEnv = AppEnv.parse(value(env, "APP_ENV", "dev"));
    int port = intValue(env, "PORT", 8000, 0, 65535);
    DatabaseSettings database = DatabaseSettings.parse(env.get("DATABASE_URL"));
    String domain = value(env, "APP_DOMAIN", "localhost");
    String secret = secretKey(env.get("SECRET_KEY"), appEnv, database);
    String baseUrl =
        value(env, "OPENAI_BASE_URL", "https://api.openai.com/v1").replaceAll("/+$", "");
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new ConfigException("OPENAI_BASE_URL", "must be an http:// or https:// URL");
    }
    String model = value(env, "OPENAI_MODEL", "gpt-4o-mini");
    List<String> models = list(env.get("OPENAI_MODELS"));
    if (models.isEmpty()) {
      models = List.of(model);
    } else if (!models.contains(model)) {
      throw new ConfigException("OPENAI_MODELS", "must include OPENAI_MODEL (" + model + ")");
    }
    OpenAiSettings openAi =
        new OpenAiSettings(
            blankToNull(env.get("OPENAI_API_KEY")),
            baseUrl,
            model,
            models,
            Duration.ofMillis(
                intValue(env, "ASSISTANT_FIRST_TOKEN_TIMEOUT_MS", 60_000, 10, 600_000)),
            Duration.ofMillis(intValue(env, "ASSISTANT_IDLE_TIMEOUT_MS", 60_000, 10, 600_000)),
            Duration.ofMillis(intValue(env, "ASSISTANT_KEEPALIVE_MS", 15_000, 10, 600_000)),
            intValue(env, "ASSISTANT_MESSAGES_PER_MINUTE", 20, 1, 10_000),
            // Far beyond any model's output limit (16k tokens is about 64k characters).
            intValue(env, "ASSISTANT_MAX_ANSWER_CHARS", 200_000, 1_000, 100_000_000),
            // Answers streaming at once per replica: one replica is sized for 2,000 at once.
            intValue(
                env, "ASSISTANT_UPSTREAM_CONNECTIONS", DEFAULT_UPSTREAM_CONNECTIONS, 1, 100_000));
    List<String> origins = list(env.get("CORS_ALLOWED_ORIGINS"));
    for (String origin : origins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new ConfigException(
            "CORS_ALLOWED_ORIGINS",
            "'" + origin + "' is not an origin like https://app.example.com");
      }
    }
    LogFormat logFormat =
        switch (value(env, "LOG_FORMAT", appEnv.isDev() ? "text" : "json").toLowerCase()) {
          case "text" -> LogFormat.TEXT;
          case "json" -> LogFormat.JSON;
          default -> throw new ConfigException("LOG_FORMAT", "must be text or json");
        };
    Duration shutdown = Duration.ofSeconds(intValue(env, "SHUTDOWN_TIMEOUT_SECONDS", 30, 0, 3600));
    Duration queryTimeout =
        Duration.ofMillis(intValue(env, "DB_QUERY_TIMEOUT_MS", 5000, 100, 600_000));
    // Two connections per event loop (Vert.x runs two loops per core) keeps every loop's pipelines
    // busy while one waits on a slow statement. Not read from VertxOptions: loading that class
    // starts the logging before Main has chosen its format, and LOG_FORMAT=json would print text.
    int poolSize =
        intValue(
            env,
            "DB_POOL_SIZE",
            Math.max(4, 4 * Runtime.getRuntime().availableProcessors()),
            1,
            1_000);
    // How long a migrate waits for Flyway's lock while another migrate holds it (PostgreSQL only).
    // Longer than the deploy's wait for a new replica to turn healthy (HEALTH_TIMEOUT, 180 s), so
    // a replica whose start waits behind another's migration is never the first to give up; and
    // short enough that a deploy job's migrate step (GitHub's job limit is 20 minutes) gives up
    // with its own message, leaving the rollout's health waits (2 x 180 s + 60 s + 180 s) their
    // time, instead of the job being killed mid-step.
    Duration migrationLockTimeout =
        Duration.ofSeconds(
            intValue(
                env,
                "DB_MIGRATION_LOCK_TIMEOUT_SECONDS",
                (int) DEFAULT_MIGRATION_LOCK_TIMEOUT.toSeconds(),
                1,
                86_400));
    // Tests lower the hashing cost to stay fast; a deployed service may only raise it.
    int iterations = intValue(env, "PASSWORD_HASH_ITERATIONS", PASSWORD_ITERATIONS, 1, 10_000_000);
    if (!appEnv.isDev() && iterations < PASSWORD_ITERATIONS) {
      throw new ConfigException(
          "PASSWORD_HASH_ITERATIONS",
          "may be lowered below " + PASSWORD_ITERATIONS + " only when APP_ENV is dev");
    }
    MailSettings mail =
        MailSettings.parse(
            blankToNull(env.get("SMTP_URL")),
            blankToNull(env.get("MAIL_FROM")),
            domain,
            Duration.ofMillis(intValue(env, "SMTP_TIMEOUT_MS", 60_000, 100, 600_000)),
            Duration.ofMillis(intValue(env, "MAIL_RETRY_MS", 60_000, 10, 86_400_000)),
            intValue(env, "MAIL_MAX_ATTEMPTS", 8, 1, 100));
    return new AppConfig(
        port,
        database,
        appEnv,
        domain,
        secret,
        openAi,
        origins,
        logFormat,
        shutdown,
        queryTimeout,
        poolSize,
        migrationLockTimeout,
        iterations,
        mail);
  }

  /**
   * Outside dev a secret must be given; in dev one is generated once per data directory and kept
   * there.
   */
  private static String secretKey(String given, AppEnv env, DatabaseSettings database) {
    if (given != null && !given.isBlank()) {
      if (given.length() < MIN_SECRET_LENGTH) {
        throw new ConfigException(
            "SECRET_KEY", "must be at least " + MIN_SECRET_LENGTH + " characters");
      }
      return given;
    }
    if (!env.isDev()) {
      throw new ConfigException(
          "SECRET_KEY", "is required when APP_ENV is " + env.name().toLowerCase());
    }
    Path dir =
        database instanceof DatabaseSettings.Sqlite sqlite
                && sqlite.file().toAbsolutePath().getParent() != null
            ? sqlite.file().toAbsolutePath().getParent()
            : Path.of("data");
    Path file = dir.resolve("secret.key");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(dir);
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String secret = HexFormat.of().formatHex(bytes);
      Files.writeString(file, secret);
      return secret;
    } catch (IOException e) {
      throw new ConfigException(
          "SECRET_KEY",
          "unset, and no dev secret could be kept in " + file + " (" + e.getMessage() + ")");
    }
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static int intValue(
      Map<String, String> env, String name, int fallback, int min, int max) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(v.trim());
      if (parsed < min || parsed > max) {
        throw new ConfigException(
            name, "must be between " + min + " and " + max + ", not " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "must be a whole number, not '" + v + "'");
    }
  }

  private static List<String> list(String v) {
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * HTTP servers (each with its router, on an event loop of its own) this process runs: one per
   * core; more servers than cores serve no more requests and make every start build more routers
   * (the figures are in bench/CHANGES.md). One on a random port (PORT=0, the tests).
   */
  public int serverInstances() {
    return port == 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Where people reach the web app, for links in e-mails. Built from APP_DOMAIN, never from a
   * request's Host header, which a caller chooses (a reset link must not point at their server).
   */
  public String publicUrl() {
    if (!env.isDev()) {
      return "https://" + appDomain;
    }
    return "http://"
        + appDomain
        + (appDomain.contains(":") || port == 80 || port == 0 ? "" : ":" + port);
  }

  @Override
  public String toString() {
    return "AppConfig[port="
        + port
        + ", database="
        + database
        + ", env="
        + env
        + ", appDomain="
        + appDomain
        + ", openAi="
        + openAi
        + ", corsAllowedOrigins="
        + corsAllowedOrigins
        + ", logFormat="
        + logFormat
        + ", mail="
        + mail
        + "]";
  }
}
