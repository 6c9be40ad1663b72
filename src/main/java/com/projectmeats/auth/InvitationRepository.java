package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Invitations of one company, and the look-up by token for the invitee. Tokens are stored as
 * SHA-256.
 */
final class InvitationRepository {
  static final Duration LIFETIME = Duration.ofDays(7);
  static final String TOKEN_PREFIX = "pmi_";
  private static final String SELECT =
      """
      SELECT i.id, i.company_id, c.name AS company_name, c.slug AS company_slug, i.email, i.role, i.invited_by,
             u.email AS invited_by_email, i.created_on, i.expires_on, i.accepted_on, i.revoked_on
        FROM invitations i
        JOIN companies c ON c.id = i.company_id
        LEFT JOIN users u ON u.id = i.invited_by""";

  private final Database db;

  InvitationRepository(Database db) {
    this.db = db;
  }

  record Created(Invitation invitation, String token) {}

  /** More work in the invitation's transaction (queueing its e-mail): both happen, or neither. */
  interface AlsoInTransaction {
    Future<?> apply(Sql sql, Created created);
  }

  /**
   * A new invitation, unless the address is already a member (409 {@code already_member}) or has a
   * pending invitation (409 {@code invitation_pending}; the unique index decides under
   * concurrency). An expired invitation for the same address is closed first.
   */
  Future<Created> create(
      long companyId, String email, Role role, long invitedBy, AlsoInTransaction also) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String token = Secrets.generate(TOKEN_PREFIX);
    return db.inTransaction(
        sql ->
            sql.count(
                    """
            SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.company_id = $1 AND lower(u.email) = $2""",
                    companyId,
                    email)
                .compose(
                    members -> {
                      if (members > 0) {
                        throw ApiException.conflict(
                            "already_member",
                            email + " is already a member of this company.",
                            "email");
                      }
                      return sql.update(
                          """
              UPDATE invitations SET revoked_on = $3
               WHERE company_id = $1 AND lower(email) = $2 AND accepted_on IS NULL AND revoked_on IS NULL AND expires_on <= $3""",
                          companyId,
                          email,
                          now);
                    })
                .compose(
                    closed ->
                        sql.one(
                            """
            INSERT INTO invitations (company_id, email, role, token_hash, invited_by, created_on, expires_on)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""",
                            companyId,
                            email,
                            role.wire(),
                            Secrets.hash(token),
                            invitedBy,
                            now,
                            now.plus(LIFETIME)))
                .recover(
                    failure ->
                        Future.failedFuture(
                            failure instanceof DatabaseErrors.UniqueViolation
                                ? ApiException.conflict(
                                    "invitation_pending",
                                    email
                                        + " already has a pending invitation to this company; revoke it to send a new one.",
                                    "email")
                                : failure))
                .compose(row -> byId(sql, companyId, row.orElseThrow().getLong(0)))
                .map(invitation -> new Created(invitation.orElseThrow(), token))
                .compose(created -> also.apply(sql, created).map(created)));
  }

  Future<Long> count(long companyId) {
    return db.sql().count("SELECT count(*) FROM invitations WHERE company_id = $1", companyId);
  }

  Future<List<Invitation>> list(long companyId, Page page) {
    return db.sql()
        .query(
            SELECT
                + " WHERE i.company_id = $1 ORDER BY i.created_on DESC, i.id DESC LIMIT $2 OFFSET $3",
            companyId,
            page.size(),
            page.offset())
        .map(
            rows -> {
              List<Invitation> out = new ArrayList<>();
              rows.forEach(r -> out.add(invitation(r)));
              return out;
            });
  }

  /** Withdraws an invitation; revoking one twice is no error, revoking a used one is (409). */
  Future<Void> revoke(long companyId, long id) {
    Instant now = Instant.now();
    return db.inTransaction(
        sql ->
            byId(sql, companyId, id)
                .compose(
                    found -> {
                      Invitation invitation =
                          found.orElseThrow(
                              () ->
                                  ApiException.notFound(
                                      "No invitation " + id + " in this company."));
                      if (invitation.acceptedOn() != null) {
                        throw ApiException.conflict(
                            "invitation_used",
                            "This invitation has already been used; remove the member instead.");
                      }
                      return invitation.revokedOn() != null
                          ? Future.<Void>succeededFuture()
                          : sql.update(
                                  "UPDATE invitations SET revoked_on = $2 WHERE id = $1", id, now)
                              .mapEmpty();
                    }));
  }

  /** The invitation a token opens, in an active company. */
  Future<Optional<Invitation>> byToken(String token) {
    return db.sql()
        .one(SELECT + " WHERE i.token_hash = $1 AND c.active = $2", Secrets.hash(token), true)
        .map(row -> row.map(InvitationRepository::invitation));
  }

  /**
   * Marks the invitation used by {@code userId}, only if it is still pending at this instant: of
   * two sign-ups racing with one token, exactly one gets true.
   */
  static Future<Boolean> accept(Sql sql, long id, long userId) {
    Instant now = Instant.now();
    return sql.update(
            """
            UPDATE invitations SET accepted_on = $2, accepted_by = $3
             WHERE id = $1 AND accepted_on IS NULL AND revoked_on IS NULL AND expires_on > $2""",
            id,
            now,
            userId)
        .map(n -> n == 1);
  }

  private static Future<Optional<Invitation>> byId(Sql sql, long companyId, long id) {
    return sql.one(SELECT + " WHERE i.company_id = $1 AND i.id = $2", companyId, id)
        .map(row -> row.map(InvitationRepository::invitation));
  }

  private static Invitation invitation(Row r) {
    return new Invitation(
        r.getLong("id"),
        r.getLong("company_id"),
        r.getString("company_name"),
        r.getString("company_slug"),
        r.getString("email"),
        Role.parse(r.getString("role")).orElseThrow(),
        Rows.longValue(r, "invited_by"),
        r.getString("invited_by_email"),
        Rows.instant(r, "created_on"),
        Rows.instant(r, "expires_on"),
        Rows.instant(r, "accepted_on"),
        Rows.instant(r, "revoked_on"));
  }
}
