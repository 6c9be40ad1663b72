package com.projectmeats.company;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Company profiles in SQL, always by the caller's company id. A company without a row reads as
 * empty fields; the first edit creates the row. The logo's bytes are read only by {@link #logo} and
 * {@link #letterhead}, never by the profile itself.
 */
public final class ProfileStore {
  private static final String FIELDS =
      "p.legal_name, p.address, p.phone, p.email, p.remit_to, p.logo_type, p.logo_size, p.version";

  private final Database db;

  public ProfileStore(Database db) {
    this.db = db;
  }

  record Logo(String type, byte[] bytes) {}

  /** The profile as the API shows it, with the company's own name beside the legal name. */
  Future<JsonObject> read(long company) {
    return db.sql()
        .one(
            "SELECT c.name AS company_name, "
                + FIELDS
                + " FROM companies c LEFT JOIN company_profiles p ON p.company_id = c.id WHERE c.id = $1",
            company)
        .map(
            found ->
                json(
                    found.orElseThrow(
                        () -> new IllegalStateException("company " + company + " is gone"))));
  }

  /**
   * Writes the given columns (names as in {@link ProfileFields}); one transaction, so never half of
   * them.
   */
  Future<JsonObject> update(long company, long user, Map<String, String> values) {
    return db.inTransaction(
            sql ->
                ensureRow(sql, company, user)
                    .compose(
                        v -> {
                          List<String> sets =
                              new ArrayList<>(
                                  List.of(
                                      "modified_on = $1",
                                      "modified_by = $2",
                                      "version = version + 1"));
                          List<Object> args = new ArrayList<>(List.of(Instant.now(), user));
                          values.forEach(
                              (column, value) -> {
                                args.add(value);
                                sets.add(column + " = $" + args.size());
                              });
                          args.add(company);
                          return sql.update(
                              "UPDATE company_profiles SET "
                                  + String.join(", ", sets)
                                  + " WHERE company_id = $"
                                  + args.size(),
                              args.toArray());
                        }))
        .compose(v -> read(company));
  }

  Future<JsonObject> putLogo(long company, long user, String type, byte[] bytes) {
    return db.inTransaction(
            sql ->
                ensureRow(sql, company, user)
                    .compose(
                        v ->
                            sql.update(
                                "UPDATE company_profiles SET logo = $1, logo_type = $2, logo_size = $3, modified_on = $4, modified_by = $5,"
                                    + " version = version + 1 WHERE company_id = $6",
                                blob(bytes),
                                type,
                                bytes.length,
                                Instant.now(),
                                user,
                                company)))
        .compose(v -> read(company));
  }

  /** True when there was a logo to remove. */
  Future<Boolean> deleteLogo(long company, long user) {
    return db.sql()
        .update(
            "UPDATE company_profiles SET logo = NULL, logo_type = NULL, logo_size = NULL, modified_on = $1,"
                + " modified_by = $2, version = version + 1 WHERE company_id = $3 AND logo IS NOT NULL",
            Instant.now(),
            user,
            company)
        .map(n -> n > 0);
  }

  Future<Optional<Logo>> logo(long company) {
    return db.sql()
        .one(
            "SELECT logo_type, logo FROM company_profiles WHERE company_id = $1 AND logo IS NOT NULL",
            company)
        .map(
            found -> found.map(r -> new Logo(r.getString("logo_type"), bytes(r.getValue("logo")))));
  }

  /** What the company's paperwork prints at its top. */
  public Future<Letterhead> letterhead(long company) {
    return db.sql()
        .one(
            "SELECT c.name AS company_name, p.legal_name, p.address, p.phone, p.email, p.remit_to, p.logo_type, p.logo"
                + " FROM companies c LEFT JOIN company_profiles p ON p.company_id = c.id WHERE c.id = $1",
            company)
        .map(
            found -> {
              Row r =
                  found.orElseThrow(
                      () -> new IllegalStateException("company " + company + " is gone"));
              String legal = text(r, "legal_name");
              return new Letterhead(
                  legal.isEmpty() ? r.getString("company_name") : legal,
                  text(r, "address"),
                  text(r, "phone"),
                  text(r, "email"),
                  text(r, "remit_to"),
                  r.getValue("logo") == null ? null : bytes(r.getValue("logo")),
                  r.getString("logo_type"));
            });
  }

  private static Future<Void> ensureRow(Sql sql, long company, long user) {
    return sql.update(
            "INSERT INTO company_profiles (company_id, modified_on, modified_by) VALUES ($1, $2, $3)"
                + " ON CONFLICT (company_id) DO NOTHING",
            company,
            Instant.now(),
            user)
        .mapEmpty();
  }

  private static JsonObject json(Row r) {
    Object size = r.getValue("logo_size");
    Object version = r.getValue("version");
    return new JsonObject()
        .put("company_name", r.getString("company_name"))
        .put("legal_name", text(r, "legal_name"))
        .put("address", text(r, "address"))
        .put("phone", text(r, "phone"))
        .put("email", text(r, "email"))
        .put("remit_to", text(r, "remit_to"))
        .put(
            "logo",
            r.getString("logo_type") == null
                ? null
                : new JsonObject()
                    .put("content_type", r.getString("logo_type"))
                    .put("size", ((Number) size).longValue())
                    .put("url", "/api/v1/company/profile/logo"))
        .put("version", version == null ? 0L : ((Number) version).longValue());
  }

  private static String text(Row r, String column) {
    String value = r.getString(column);
    return value == null ? "" : value;
  }

  /** PostgreSQL's client binds BYTEA from a Buffer, the SQLite JDBC driver a BLOB from a byte[]. */
  private Object blob(byte[] bytes) {
    return db.dialect() == Dialect.POSTGRES ? Buffer.buffer(bytes) : bytes;
  }

  private static byte[] bytes(Object value) {
    return switch (value) {
      case Buffer b -> b.getBytes();
      case byte[] b -> b;
      default -> throw new IllegalStateException("not bytes: " + value.getClass());
    };
  }
}
