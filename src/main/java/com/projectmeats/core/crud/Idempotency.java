package com.projectmeats.core.crud;

import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on creates: the key is stored with the created record's id in the same
 * transaction, so a retried POST returns the first result and creates nothing new. Reusing a key
 * for a different body is refused rather than guessed at.
 */
public final class Idempotency {

  /** The key was stored by a concurrent request between our lookup and our insert. */
  public static final class KeyTaken extends RuntimeException {
    KeyTaken() {
      super(null, null, false, false);
    }
  }

  Future<Optional<Long>> replay(
      Sql sql, Principal caller, Resource resource, String key, String body) {
    return replay(sql, caller, resource.name(), key, body);
  }

  /**
   * What an earlier request with this key made ({@code scope} names the kind of thing, such as a
   * resource or {@code purchase-orders/send}), or empty for a new key or none.
   */
  public Future<Optional<Long>> replay(
      Sql sql, Principal caller, String scope, String key, String body) {
    if (key == null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (key.isBlank() || key.length() > 200) {
      return Future.failedFuture(
          ApiException.badRequest(
              "Idempotency-Key", "Idempotency-Key must be 1 to 200 characters."));
    }
    return sql.one(
            "SELECT resource, record_id, request_hash FROM idempotency_keys WHERE company_id = $1 AND user_id = $2 AND idem_key = $3",
            caller.company(),
            caller.userId(),
            key)
        .map(
            found ->
                found.map(
                    row -> {
                      if (!row.getString("resource").equals(scope)
                          || !row.getString("request_hash").equals(Secrets.hash(body))) {
                        throw new ApiException(
                            422,
                            "idempotency_key_reused",
                            "Idempotency key reused",
                            "This Idempotency-Key was already used for a different request; use a new key for a new record.");
                      }
                      return row.getLong("record_id");
                    }));
  }

  Future<Void> remember(
      Sql sql, Principal caller, Resource resource, String key, String body, long recordId) {
    return remember(sql, caller, resource.name(), key, body, recordId);
  }

  /**
   * Stores the key with what it made, in the caller's transaction; a key stored meanwhile fails
   * with {@link KeyTaken}.
   */
  public Future<Void> remember(
      Sql sql, Principal caller, String scope, String key, String body, long recordId) {
    if (key == null) {
      return Future.succeededFuture();
    }
    return sql.update(
            """
            INSERT INTO idempotency_keys (company_id, user_id, idem_key, resource, record_id, request_hash, created_on)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""",
            caller.company(),
            caller.userId(),
            key,
            scope,
            recordId,
            Secrets.hash(body),
            Instant.now())
        .<Void>mapEmpty()
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof DatabaseErrors.UniqueViolation ? new KeyTaken() : failure));
  }
}
