package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A user's API tokens in one company. Only the SHA-256 of a secret is stored. */
final class TokenRepository {
  /** Enough of the secret to recognise a token in a list, far too little to guess the rest. */
  static final int PREFIX_LENGTH = 12;

  private static final String LIVE =
      " FROM api_tokens WHERE user_id = $1 AND company_id = $2 AND revoked_on IS NULL";

  private final Database db;

  TokenRepository(Database db) {
    this.db = db;
  }

  record Created(ApiToken token, String secret) {}

  Future<Created> create(long userId, long companyId, String name, Instant expiresOn) {
    String secret = Secrets.generate(Authentication.TOKEN_PREFIX);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String prefix = secret.substring(0, PREFIX_LENGTH);
    return db.sql()
        .one(
            """
            INSERT INTO api_tokens (token_hash, prefix, name, user_id, company_id, created_on, expires_on)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""",
            Secrets.hash(secret),
            prefix,
            name,
            userId,
            companyId,
            now,
            expiresOn)
        .map(
            row ->
                new Created(
                    new ApiToken(row.orElseThrow().getLong(0), name, prefix, now, expiresOn, null),
                    secret));
  }

  Future<Long> count(long userId, long companyId) {
    return db.sql().count("SELECT count(*)" + LIVE, userId, companyId);
  }

  Future<List<ApiToken>> list(long userId, long companyId, Page page) {
    return db.sql()
        .query(
            "SELECT id, name, prefix, created_on, expires_on, last_used_on"
                + LIVE
                + " ORDER BY created_on DESC, id DESC LIMIT $3 OFFSET $4",
            userId,
            companyId,
            page.size(),
            page.offset())
        .map(
            rows -> {
              List<ApiToken> out = new ArrayList<>();
              rows.forEach(r -> out.add(token(r)));
              return out;
            });
  }

  /** True when a live token of the caller was revoked; false when there was none to revoke. */
  Future<Boolean> revoke(long userId, long companyId, long id) {
    return db.sql()
        .update(
            "UPDATE api_tokens SET revoked_on = $4 WHERE user_id = $1 AND company_id = $2 AND id = $3 AND revoked_on IS NULL",
            userId,
            companyId,
            id,
            Instant.now())
        .map(n -> n > 0);
  }

  private static ApiToken token(Row r) {
    return new ApiToken(
        r.getLong("id"),
        r.getString("name"),
        r.getString("prefix"),
        Rows.instant(r, "created_on"),
        Rows.instant(r, "expires_on"),
        Rows.instant(r, "last_used_on"));
  }
}
