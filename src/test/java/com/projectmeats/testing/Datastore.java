package com.projectmeats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The two datastores every repository test runs against. */
public enum Datastore {
  SQLITE,
  POSTGRES;

  /** A DATABASE_URL for a new, empty database of this kind. */
  public String freshUrl() {
    return switch (this) {
      case SQLITE -> {
        try {
          yield "sqlite:" + Files.createTempDirectory("pm-test").resolve("projectmeats.db");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case POSTGRES -> Postgres.freshDatabaseUrl();
    };
  }

  public void dispose(String url) {
    if (this == POSTGRES) {
      Postgres.drop(url);
    }
  }
}
