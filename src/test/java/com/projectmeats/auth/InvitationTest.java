package com.projectmeats.auth;

import static com.projectmeats.auth.Accounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.core.security.Secrets;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The invitation life cycle: invite, look, accept once; expired, revoked, another company's. */
class InvitationTest {

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  abstract static class Contract extends AccountsContract {
    private static final String NEW_PASSWORD = "a long and unusual passphrase";

    Contract(Datastore datastore) {
      super(datastore);
    }

    private Http bearer(Accounts.Person p) {
      return bearer(p.token());
    }

    private static String email(String name) {
      return name + "-" + Long.toHexString(System.nanoTime()) + "@example.com";
    }

    private JsonObject invite(Accounts.Person admin, String email, String role) {
      Http.Response r =
          bearer(admin)
              .post("/api/v1/invitations", new JsonObject().put("email", email).put("role", role));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      return r.json();
    }

    private Http.Response signup(String token, String name, String password) {
      return accounts
          .anonymous()
          .post(
              "/api/v1/auth/signup",
              new JsonObject().put("token", token).put("name", name).put("password", password));
    }

    @Test
    void inviteLookAcceptOnceAndSignIn() {
      Accounts.Person admin = accounts.person(accounts.fixtures.company("Invite Co"), Role.ADMIN);
      String email = email("New.Hire");
      JsonObject invitation = invite(admin, email.toUpperCase(), "manager");
      String token = invitation.getString("token");

      assertThat(token)
          .startsWith("pmi_")
          .hasSizeGreaterThanOrEqualTo(4 + 43); // 256 bits in base64url
      assertThat(invitation.getString("email")).isEqualTo(email.toLowerCase());
      assertThat(invitation.getString("status")).isEqualTo("pending");
      assertThat(Instant.parse(invitation.getString("expires_on")))
          .isBetween(
              Instant.now().plusSeconds(7 * 86400 - 60), Instant.now().plusSeconds(7 * 86400 + 60));
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM invitations WHERE token_hash = $1", Secrets.hash(token)))
          .isEqualTo(1);

      Http.Response look = accounts.anonymous().get("/api/v1/auth/invitations/" + token);
      assertThat(look.status()).as(look.toString()).isEqualTo(200);
      assertThat(look.json().getJsonObject("company").getString("name")).isEqualTo("Invite Co");
      assertThat(look.json().getString("email")).isEqualTo(email.toLowerCase());
      assertThat(look.json().getString("role")).isEqualTo("manager");
      assertThat(look.json().getBoolean("account_exists")).isFalse();

      Http.Response weak = signup(token, "New Hire", "password123");
      assertThat(weak.status()).isEqualTo(422);
      assertThat(weak.json().getJsonObject("errors").containsKey("password")).isTrue();

      Http.Response joined = signup(token, "New Hire", NEW_PASSWORD);
      assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
      assertThat(joined.json().getJsonObject("user").getString("name")).isEqualTo("New Hire");
      JsonObject company = joined.json().getJsonArray("companies").getJsonObject(0);
      assertThat(company.getLong("id")).isEqualTo(admin.companyId());
      assertThat(company.getString("role")).isEqualTo("manager");
      // Signed in straight away, and able to sign in again later with the new password.
      Http browser = accounts.withSession(Accounts.sessionId(joined));
      assertThat(browser.get("/api/v1/auth/me").status()).isEqualTo(200);
      assertThat(accounts.login(accounts.anonymous(), email, NEW_PASSWORD).status()).isEqualTo(200);

      // Single use.
      Http.Response again = signup(token, "Someone Else", NEW_PASSWORD + "!");
      assertThat(again.status()).isEqualTo(410);
      assertThat(again.json().getString("code")).isEqualTo("invitation_used");
      assertThat(
              accounts
                  .anonymous()
                  .get("/api/v1/auth/invitations/" + token)
                  .json()
                  .getString("code"))
          .isEqualTo("invitation_used");
      JsonObject listed =
          bearer(admin).get("/api/v1/invitations").json().getJsonArray("results").getJsonObject(0);
      assertThat(listed.getString("status")).isEqualTo("accepted");
      assertThat(listed.containsKey("token")).isFalse();
    }

    @Test
    void anExistingUserJoinsWithTheirOwnPassword() {
      Accounts.Person admin = accounts.person(accounts.fixtures.company("Joiner Co"), Role.ADMIN);
      Accounts.Person elsewhere = accounts.person(accounts.fixtures.company("Home Co"), Role.OWNER);
      String token = invite(admin, elsewhere.email(), "readonly").getString("token");
      assertThat(
              accounts
                  .anonymous()
                  .get("/api/v1/auth/invitations/" + token)
                  .json()
                  .getBoolean("account_exists"))
          .isTrue();

      Http.Response wrong = signup(token, "ignored", "not my password at all");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().getString("code")).isEqualTo("invalid_credentials");
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM memberships WHERE user_id = $1", elsewhere.userId()))
          .isEqualTo(1);

      Http.Response joined = signup(token, "ignored", PASSWORD);
      assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
      assertThat(joined.json().getJsonArray("companies")).hasSize(2);
      assertThat(joined.json().getJsonObject("user").getString("name")).isNotEqualTo("ignored");
    }

    @Test
    void expiredAndRevokedInvitationsAreRefusedClearly() {
      Accounts.Person admin = accounts.person(accounts.fixtures.company("Expiry Co"), Role.ADMIN);
      JsonObject expiring = invite(admin, email("late"), "user");
      accounts.update(
          "UPDATE invitations SET expires_on = $2 WHERE id = $1",
          expiring.getLong("id"),
          Instant.now().minusSeconds(1));
      Http.Response expired = signup(expiring.getString("token"), "Late", NEW_PASSWORD);
      assertThat(expired.status()).isEqualTo(410);
      assertThat(expired.json().getString("code")).isEqualTo("invitation_expired");
      assertThat(
              accounts
                  .anonymous()
                  .get("/api/v1/auth/invitations/" + expiring.getString("token"))
                  .status())
          .isEqualTo(410);

      JsonObject revoking = invite(admin, email("withdrawn"), "user");
      assertThat(bearer(admin).delete("/api/v1/invitations/" + revoking.getLong("id")).status())
          .isEqualTo(204);
      assertThat(bearer(admin).delete("/api/v1/invitations/" + revoking.getLong("id")).status())
          .isEqualTo(204);
      Http.Response revoked = signup(revoking.getString("token"), "Withdrawn", NEW_PASSWORD);
      assertThat(revoked.status()).isEqualTo(410);
      assertThat(revoked.json().getString("code")).isEqualTo("invitation_revoked");

      Http.Response unknown =
          accounts.anonymous().get("/api/v1/auth/invitations/pmi_" + "x".repeat(43));
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().getString("code")).isEqualTo("invitation_not_found");
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM users WHERE name IN ($1, $2)", "Late", "Withdrawn"))
          .isZero();
    }

    @Test
    void onePendingInvitationPerAddressAndCompany() {
      long company = accounts.fixtures.company("Pending Co");
      Accounts.Person admin = accounts.person(company, Role.ADMIN);
      String email = email("twice");
      JsonObject first = invite(admin, email, "user");

      Http.Response duplicate =
          bearer(admin)
              .post(
                  "/api/v1/invitations",
                  new JsonObject().put("email", email.toUpperCase()).put("role", "admin"));
      assertThat(duplicate.status()).isEqualTo(409);
      assertThat(duplicate.json().getString("code")).isEqualTo("invitation_pending");
      // Another company may invite the same address.
      invite(
          accounts.person(accounts.fixtures.company("Other Pending Co"), Role.ADMIN),
          email,
          "user");

      // Once the first has expired (or been revoked), a new one may be sent.
      accounts.update(
          "UPDATE invitations SET expires_on = $2 WHERE id = $1",
          first.getLong("id"),
          Instant.now().minusSeconds(1));
      JsonObject second = invite(admin, email, "user");
      assertThat(bearer(admin).delete("/api/v1/invitations/" + second.getLong("id")).status())
          .isEqualTo(204);
      invite(admin, email, "user");
      var statuses =
          bearer(admin).get("/api/v1/invitations").json().getJsonArray("results").stream()
              .map(o -> ((JsonObject) o).getString("status"))
              .toList();
      assertThat(statuses).containsExactly("pending", "revoked", "expired");

      // An address that is already a member is not invited.
      Http.Response member =
          bearer(admin)
              .post(
                  "/api/v1/invitations",
                  new JsonObject().put("email", admin.email()).put("role", "user"));
      assertThat(member.status()).isEqualTo(409);
      assertThat(member.json().getString("code")).isEqualTo("already_member");
    }

    @Test
    void rolesRuleWhoInvitesWhom() {
      long company = accounts.fixtures.company("Who Invites Co");
      Accounts.Person owner = accounts.person(company, Role.OWNER);
      Accounts.Person admin = accounts.person(company, Role.ADMIN);
      Accounts.Person manager = accounts.person(company, Role.MANAGER);

      assertThat(
              bearer(manager)
                  .post(
                      "/api/v1/invitations",
                      new JsonObject().put("email", email("m")).put("role", "user"))
                  .status())
          .isEqualTo(403);
      assertThat(bearer(manager).get("/api/v1/invitations").status()).isEqualTo(403);
      assertThat(
              bearer(admin)
                  .post(
                      "/api/v1/invitations",
                      new JsonObject().put("email", email("o")).put("role", "owner"))
                  .status())
          .isEqualTo(403);
      invite(owner, email("o"), "owner");
      Http.Response invalid =
          bearer(admin)
              .post(
                  "/api/v1/invitations",
                  new JsonObject().put("email", "not-an-address").put("role", "boss"));
      assertThat(invalid.status()).isEqualTo(422);
      assertThat(invalid.json().getJsonObject("errors").containsKey("email")).isTrue();
    }

    @Test
    void anotherCompanysInvitationsAreOutOfReach() {
      Accounts.Person adminA = accounts.person(accounts.fixtures.company("Company A"), Role.ADMIN);
      Accounts.Person adminB = accounts.person(accounts.fixtures.company("Company B"), Role.ADMIN);
      JsonObject ofA = invite(adminA, email("for-a"), "user");

      assertThat(bearer(adminB).delete("/api/v1/invitations/" + ofA.getLong("id")).status())
          .isEqualTo(404);
      assertThat(bearer(adminB).get("/api/v1/invitations").body())
          .doesNotContain(ofA.getString("email"));

      // Accepting A's invitation makes a member of A, and of nothing else.
      Http.Response joined = signup(ofA.getString("token"), "For A", NEW_PASSWORD);
      assertThat(joined.status()).isEqualTo(201);
      Http browser = accounts.withSession(Accounts.sessionId(joined));
      assertThat(browser.get("/api/v1/auth/tokens", "X-Tenant-ID", adminB.slug()).status())
          .isEqualTo(403);
      assertThat(browser.get("/api/v1/auth/tokens", "X-Tenant-ID", adminA.slug()).status())
          .isEqualTo(200);
    }
  }
}
