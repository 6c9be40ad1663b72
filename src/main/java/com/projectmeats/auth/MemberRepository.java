package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Memberships of one company, with the rules that keep a company governable: only an owner makes or
 * unmakes an owner, and the last owner can be neither demoted nor removed. Changes run in one
 * transaction that first locks the company row, so two owners demoting each other at the same
 * moment cannot leave the company without one.
 */
final class MemberRepository {
  private static final String SELECT =
      """
      SELECT u.id, u.email, u.name, u.active, m.role, m.created_on FROM memberships m
        JOIN users u ON u.id = m.user_id
       WHERE m.company_id = $1""";

  private final Database db;

  MemberRepository(Database db) {
    this.db = db;
  }

  static Future<Void> add(Sql sql, long userId, long companyId, Role role) {
    return sql.update(
            "INSERT INTO memberships (user_id, company_id, role, created_on) VALUES ($1, $2, $3, $4)",
            userId,
            companyId,
            role.wire(),
            Instant.now())
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof DatabaseErrors.UniqueViolation
                        ? ApiException.conflict(
                            "already_member", "That person is already a member of this company.")
                        : failure))
        .mapEmpty();
  }

  Future<Long> count(long companyId) {
    return db.sql().count("SELECT count(*) FROM memberships WHERE company_id = $1", companyId);
  }

  Future<List<Member>> list(long companyId, Page page) {
    return db.sql()
        .query(
            SELECT + " ORDER BY lower(u.email), u.id LIMIT $2 OFFSET $3",
            companyId,
            page.size(),
            page.offset())
        .map(
            rows -> {
              List<Member> out = new ArrayList<>();
              rows.forEach(r -> out.add(member(r)));
              return out;
            });
  }

  Future<Member> changeRole(long companyId, long userId, Role newRole, Role callerRole) {
    return db.inTransaction(
        sql ->
            lockCompany(sql, companyId)
                .compose(locked -> find(sql, companyId, userId))
                .compose(
                    member -> {
                      if (member.role() == newRole) {
                        return Future.succeededFuture(member);
                      }
                      requireOwnerFor(
                          callerRole,
                          member.role() == Role.OWNER || newRole == Role.OWNER,
                          "grant or take away the owner role");
                      Future<Void> check =
                          member.role() == Role.OWNER
                              ? requireAnotherOwner(sql, companyId, userId, "demoted")
                              : Future.succeededFuture();
                      return check
                          .compose(
                              ok ->
                                  sql.update(
                                      "UPDATE memberships SET role = $3 WHERE company_id = $1 AND user_id = $2",
                                      companyId,
                                      userId,
                                      newRole.wire()))
                          .map(
                              n ->
                                  new Member(
                                      member.userId(),
                                      member.email(),
                                      member.name(),
                                      member.active(),
                                      newRole,
                                      member.joinedOn()));
                    }));
  }

  /**
   * Ends a membership. Sessions lose the company at once (each request re-checks membership); the
   * member's API tokens for it are revoked, so that inviting the person back does not revive them.
   */
  Future<Void> remove(long companyId, long userId, Role callerRole) {
    Instant now = Instant.now();
    return db.inTransaction(
        sql ->
            lockCompany(sql, companyId)
                .compose(locked -> find(sql, companyId, userId))
                .compose(
                    member -> {
                      requireOwnerFor(callerRole, member.role() == Role.OWNER, "remove an owner");
                      return member.role() == Role.OWNER
                          ? requireAnotherOwner(sql, companyId, userId, "removed")
                          : Future.<Void>succeededFuture();
                    })
                .compose(
                    ok ->
                        sql.update(
                            "DELETE FROM memberships WHERE company_id = $1 AND user_id = $2",
                            companyId,
                            userId))
                .compose(
                    n ->
                        sql.update(
                            "UPDATE api_tokens SET revoked_on = $3 WHERE company_id = $1 AND user_id = $2 AND revoked_on IS NULL",
                            companyId,
                            userId,
                            now))
                .compose(
                    n ->
                        sql.update(
                            "UPDATE users SET default_company_id = NULL, modified_on = $3 WHERE id = $2 AND default_company_id = $1",
                            companyId,
                            userId,
                            now))
                .mapEmpty());
  }

  Future<Optional<Member>> find(long companyId, long userId) {
    return db.sql()
        .one(SELECT + " AND m.user_id = $2", companyId, userId)
        .map(row -> row.map(MemberRepository::member));
  }

  private static Future<Member> find(Sql sql, long companyId, long userId) {
    return sql.one(SELECT + " AND m.user_id = $2", companyId, userId)
        .map(
            row ->
                row.map(MemberRepository::member)
                    .orElseThrow(
                        () ->
                            ApiException.notFound(
                                "No member with user id " + userId + " in this company.")));
  }

  /**
   * Serialises membership changes per company. SQLite needs no lock: its transactions already run
   * one at a time.
   */
  static Future<Void> lockCompany(Sql sql, long companyId) {
    return sql.dialect() == Dialect.POSTGRES
        ? sql.query("SELECT id FROM companies WHERE id = $1 FOR UPDATE", companyId).mapEmpty()
        : Future.succeededFuture();
  }

  static void requireOwnerFor(Role callerRole, boolean ownerInvolved, String what) {
    if (ownerInvolved && callerRole != Role.OWNER) {
      throw ApiException.forbidden("Only an owner may " + what + ".");
    }
  }

  private static Future<Void> requireAnotherOwner(
      Sql sql, long companyId, long userId, String what) {
    return sql.count(
            "SELECT count(*) FROM memberships WHERE company_id = $1 AND role = $2 AND user_id <> $3",
            companyId,
            Role.OWNER.wire(),
            userId)
        .map(
            others -> {
              if (others == 0) {
                throw ApiException.conflict(
                    "last_owner",
                    "The last owner of a company cannot be "
                        + what
                        + "; make someone else an owner first.");
              }
              return null;
            });
  }

  private static Member member(Row r) {
    return new Member(
        r.getLong("id"),
        r.getString("email"),
        r.getString("name"),
        Boolean.TRUE.equals(Rows.bool(r, "active")),
        Role.parse(r.getString("role")).orElseThrow(),
        Rows.instant(r, "created_on"));
  }
}
