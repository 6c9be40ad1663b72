package com.projectmeats.auth;

import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;

/** Companies (tenants). A company's slug comes from its name and names it in X-Tenant-ID. */
final class CompanyRepository {
  static final int MAX_SLUG = 80;

  record Company(long id, String slug, String name, boolean created) {}

  private CompanyRepository() {}

  /**
   * "Cactus Packing, Inc." → "cactus-packing-inc": lowercase ASCII letters and digits joined by
   * dashes.
   */
  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug =
        ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }
    return slug;
  }

  /** The company whose slug the name gives, created when there is none yet. */
  static Future<Company> findOrCreate(Sql sql, String name) {
    String slug = slug(name);
    if (slug.isEmpty()) {
      return Future.failedFuture(
          new IllegalArgumentException("a company name needs at least one letter or digit"));
    }
    return sql.one("SELECT id, slug, name FROM companies WHERE slug = $1", slug)
        .compose(
            found -> {
              if (found.isPresent()) {
                return Future.succeededFuture(
                    new Company(
                        found.get().getLong("id"), slug, found.get().getString("name"), false));
              }
              Instant now = Instant.now();
              return sql.one(
                      "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4) RETURNING id",
                      name.strip(),
                      slug,
                      true,
                      now)
                  .map(row -> new Company(row.orElseThrow().getLong(0), slug, name.strip(), true));
            });
  }
}
