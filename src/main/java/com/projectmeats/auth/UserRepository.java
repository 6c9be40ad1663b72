package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users and the companies they belong to; the same code serves the API and the create-user command.
 */
final class UserRepository {
  private static final String COLUMNS =
      "id, email, name, password_hash, active, default_company_id";

  private final Database db;

  UserRepository(Database db) {
    this.db = db;
  }

  Future<Optional<User>> byEmail(String email) {
    return db.sql()
        .one("SELECT " + COLUMNS + " FROM users WHERE lower(email) = $1", Fields.normalEmail(email))
        .map(row -> row.map(UserRepository::user));
  }

  Future<Optional<User>> byId(long id) {
    return db.sql()
        .one("SELECT " + COLUMNS + " FROM users WHERE id = $1", id)
        .map(row -> row.map(UserRepository::user));
  }

  /** A new user; a taken e-mail address is a 409 {@code email_taken}. */
  static Future<Long> insert(
      Sql sql, String email, String name, String passwordHash, long defaultCompanyId) {
    Instant now = Instant.now();
    return sql.one(
            """
            INSERT INTO users (email, name, password_hash, active, default_company_id, created_on, modified_on)
            VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id""",
            Fields.normalEmail(email),
            name,
            passwordHash,
            true,
            defaultCompanyId,
            now)
        .map(row -> row.orElseThrow().getLong(0))
        .recover(
            failure ->
                failure instanceof DatabaseErrors.UniqueViolation
                    ? Future.failedFuture(
                        ApiException.conflict(
                            "email_taken",
                            "An account with the e-mail address " + email + " already exists.",
                            "email"))
                    : Future.failedFuture(failure));
  }

  /** A user who had no default company (they had none, or left it) gets this one. */
  static Future<Void> defaultCompanyIfNone(Sql sql, long userId, long companyId) {
    return sql.update(
            "UPDATE users SET default_company_id = $2, modified_on = $3 WHERE id = $1 AND default_company_id IS NULL",
            userId,
            companyId,
            Instant.now())
        .mapEmpty();
  }

  /** A new password, in the caller's transaction (a reset also uses up its link there). */
  static Future<Void> setPasswordHash(Sql sql, long userId, String passwordHash) {
    return sql.update(
            "UPDATE users SET password_hash = $2, modified_on = $3 WHERE id = $1",
            userId,
            passwordHash,
            Instant.now())
        .mapEmpty();
  }

  Future<Void> updatePasswordHash(long userId, String passwordHash) {
    return db.sql()
        .update(
            "UPDATE users SET password_hash = $2, modified_on = $3 WHERE id = $1",
            userId,
            passwordHash,
            Instant.now())
        .mapEmpty();
  }

  /** The active companies of a user, the default one first. */
  Future<List<Membership>> memberships(long userId) {
    return db.sql()
        .query(
            """
            SELECT c.id, c.slug, c.name, m.role FROM memberships m
              JOIN companies c ON c.id = m.company_id AND c.active = $2
              JOIN users u ON u.id = m.user_id
             WHERE m.user_id = $1
             ORDER BY CASE WHEN c.id = u.default_company_id THEN 0 ELSE 1 END, c.name, c.id""",
            userId,
            true)
        .map(
            rows -> {
              List<Membership> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new Membership(
                              r.getLong("id"),
                              r.getString("slug"),
                              r.getString("name"),
                              Role.parse(r.getString("role")).orElseThrow())));
              return out;
            });
  }

  /**
   * The body that sign-in, sign-up and /auth/me answer: the user and every company they may act in.
   */
  Future<JsonObject> profile(User user) {
    return memberships(user.id())
        .map(
            companies ->
                new JsonObject()
                    .put("user", user.toJson())
                    .put(
                        "companies",
                        new JsonArray(companies.stream().map(Membership::toJson).toList())));
  }

  private static User user(Row r) {
    return new User(
        r.getLong("id"),
        r.getString("email"),
        r.getString("name"),
        r.getString("password_hash"),
        Boolean.TRUE.equals(Rows.bool(r, "active")),
        Rows.longValue(r, "default_company_id"));
  }
}
