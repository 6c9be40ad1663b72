package com.projectmeats.testing;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Rows that tests need before they can speak to the API: a company, a member with a role, and an
 * API token for them. Written with the same SQL and hashing the service uses.
 */
public final class Fixtures {
  private final Sql sql;

  public Fixtures(TestApp app) {
    this.sql = app.app().database().sql();
  }

  public record Member(
      long userId, long companyId, String companySlug, String email, String token) {}

  public long company(String name) {
    Instant now = Instant.now();
    String slug =
        name.toLowerCase().replaceAll("[^a-z0-9]+", "-")
            + "-"
            + Long.toHexString(System.nanoTime());
    return await(
            sql.one(
                "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4) RETURNING id",
                name,
                slug,
                true,
                now))
        .orElseThrow()
        .getLong(0);
  }

  public String slug(long companyId) {
    return await(sql.one("SELECT slug FROM companies WHERE id = $1", companyId))
        .orElseThrow()
        .getString(0);
  }

  /**
   * A user who is a member of {@code companyId} with {@code role}, and a bearer token for that
   * company.
   */
  public Member member(long companyId, Role role) {
    Instant now = Instant.now();
    String email = role.wire() + "-" + Long.toHexString(System.nanoTime()) + "@example.com";
    long userId =
        await(
                sql.one(
                    """
        INSERT INTO users (email, name, password_hash, active, default_company_id, created_on, modified_on)
        VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id""",
                    email,
                    "Test " + role.wire(),
                    "!unusable",
                    true,
                    companyId,
                    now))
            .orElseThrow()
            .getLong(0);
    join(userId, companyId, role);
    String token = token(userId, companyId);
    return new Member(userId, companyId, slug(companyId), email, token);
  }

  public void join(long userId, long companyId, Role role) {
    await(
        sql.update(
            "INSERT INTO memberships (user_id, company_id, role, created_on) VALUES ($1, $2, $3, $4)",
            userId,
            companyId,
            role.wire(),
            Instant.now()));
  }

  public String token(long userId, long companyId) {
    String token = Secrets.generate("pmt_");
    await(
        sql.update(
            """
        INSERT INTO api_tokens (token_hash, prefix, name, user_id, company_id, created_on)
        VALUES ($1, $2, $3, $4, $5, $6)""",
            Secrets.hash(token),
            token.substring(0, 8),
            "test",
            userId,
            companyId,
            Instant.now()));
    return token;
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
    }
  }
}
