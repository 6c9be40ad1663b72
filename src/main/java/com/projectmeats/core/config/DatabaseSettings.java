package com.projectmeats.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the data lives: a PostgreSQL server or an embedded SQLite file. Parsed once from {@code
 * DATABASE_URL}; {@link #toString()} never shows the password so the value is safe to log.
 */
public sealed interface DatabaseSettings {

  record Postgres(
      String host, int port, String database, String user, String password, String sslMode)
      implements DatabaseSettings {
    public String jdbcUrl() {
      return "jdbc:postgresql://"
          + host
          + ":"
          + port
          + "/"
          + database
          + (sslMode == null ? "" : "?sslmode=" + sslMode);
    }

    public boolean tls() {
      return sslMode != null
          && !sslMode.equals("disable")
          && !sslMode.equals("allow")
          && !sslMode.equals("prefer");
    }

    @Override
    public String toString() {
      return "postgres://"
          + user
          + (password == null ? "" : ":***")
          + "@"
          + host
          + ":"
          + port
          + "/"
          + database;
    }
  }

  record Sqlite(Path file) implements DatabaseSettings {
    public String jdbcUrl() {
      return "jdbc:sqlite:" + file;
    }

    @Override
    public String toString() {
      return "sqlite:" + file;
    }
  }

  String DEFAULT_URL = "sqlite:./data/projectmeats.db";

  static DatabaseSettings parse(String url) {
    String value = url == null || url.isBlank() ? DEFAULT_URL : url.trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sqlite:")) {
      String path = value.substring("sqlite:".length());
      if (path.startsWith("//")) {
        path = path.substring(2);
      }
      if (path.isBlank()) {
        throw new ConfigException(
            "DATABASE_URL", "sqlite: needs a file path, e.g. sqlite:./data/projectmeats.db");
      }
      return new Sqlite(Path.of(path));
    }
    if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
      return parsePostgres(value);
    }
    String scheme = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
    throw new ConfigException(
        "DATABASE_URL",
        "unknown scheme '" + scheme + "'; use postgres://user:pass@host:5432/db or sqlite:PATH");
  }

  private static DatabaseSettings parsePostgres(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException("DATABASE_URL", "is not a valid URL (" + e.getReason() + ")");
    }
    if (uri.getHost() == null) {
      throw new ConfigException("DATABASE_URL", "has no host");
    }
    String user = "postgres";
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String database = path.isEmpty() ? user : decode(path);
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    String sslMode = query.get("sslmode");
    if (sslMode != null
        && !java.util.Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
            .contains(sslMode)) {
      throw new ConfigException(
          "DATABASE_URL",
          "sslmode must be disable, allow, prefer, require, verify-ca or verify-full");
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    return new Postgres(uri.getHost(), port, database, user, password, sslMode);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
