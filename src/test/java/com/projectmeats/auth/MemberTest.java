package com.projectmeats.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Members and roles: who may change what, the last owner, and removal taking effect at once. */
class MemberTest {

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

    Contract(Datastore datastore) {
      super(datastore);
    }

    private Http bearer(Accounts.Person p) {
      return bearer(p.token());
    }

    private Http.Response setRole(Accounts.Person caller, Accounts.Person target, String role) {
      return bearer(caller)
          .patch("/api/v1/members/" + target.userId(), new JsonObject().put("role", role));
    }

    @Test
    void adminsListMembersOthersMayNot() {
      long company = accounts.fixtures.company("List Co");
      Accounts.Person owner = accounts.person(company, Role.OWNER);
      Accounts.Person admin = accounts.person(company, Role.ADMIN);
      Accounts.Person manager = accounts.person(company, Role.MANAGER);
      accounts.person(accounts.fixtures.company("Elsewhere"), Role.USER);

      Http.Response list = bearer(admin).get("/api/v1/members");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.json().getLong("count")).isEqualTo(3);
      assertThat(
              list.json().getJsonArray("results").stream()
                  .map(o -> ((JsonObject) o).getString("email")))
          .containsExactlyInAnyOrder(owner.email(), admin.email(), manager.email());
      assertThat(list.body()).doesNotContain("password");
      Http.Response paged = bearer(admin).get("/api/v1/members?page_size=2");
      assertThat(paged.json().getJsonArray("results")).hasSize(2);
      String next = paged.json().getString("next");
      assertThat(next).isEqualTo(app.http().base() + "/api/v1/members?page_size=2&page=2");
      JsonObject last = bearer(admin).get(next.substring(app.http().base().length())).json();
      assertThat(last.getJsonArray("results")).hasSize(1);
      assertThat(last.getValue("next")).isNull();
      assertThat(last.getString("previous"))
          .isEqualTo(app.http().base() + "/api/v1/members?page_size=2&page=1");

      Http.Response refused = bearer(manager).get("/api/v1/members");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(setRole(manager, owner, "readonly").status()).isEqualTo(403);
    }

    @Test
    void onlyAnOwnerGrantsOrTakesTheOwnerRole() {
      long company = accounts.fixtures.company("Roles Co");
      Accounts.Person owner = accounts.person(company, Role.OWNER);
      Accounts.Person admin = accounts.person(company, Role.ADMIN);
      Accounts.Person user = accounts.person(company, Role.USER);

      Http.Response promoted = setRole(admin, user, "manager");
      assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
      assertThat(promoted.json().getString("role")).isEqualTo("manager");
      assertThat(setRole(admin, user, "owner").status()).isEqualTo(403);
      assertThat(setRole(admin, owner, "user").status()).isEqualTo(403);
      assertThat(bearer(admin).delete("/api/v1/members/" + owner.userId()).status()).isEqualTo(403);

      assertThat(setRole(owner, user, "owner").json().getString("role")).isEqualTo("owner");
      Http.Response bad = setRole(owner, user, "emperor");
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.json().getJsonObject("errors").containsKey("role")).isTrue();
      assertThat(
              bearer(owner)
                  .patch("/api/v1/members/999999", new JsonObject().put("role", "user"))
                  .status())
          .isEqualTo(404);
    }

    @Test
    void theLastOwnerCanNeitherBeDemotedNorRemoved() {
      long company = accounts.fixtures.company("Last Owner Co");
      Accounts.Person owner = accounts.person(company, Role.OWNER);

      Http.Response demote = setRole(owner, owner, "admin");
      assertThat(demote.status()).isEqualTo(409);
      assertThat(demote.json().getString("code")).isEqualTo("last_owner");
      Http.Response remove = bearer(owner).delete("/api/v1/members/" + owner.userId());
      assertThat(remove.status()).as(remove.toString()).isEqualTo(409);
      assertThat(remove.json().getString("code")).isEqualTo("last_owner");

      // With a second owner, one of them may step down.
      Accounts.Person second = accounts.person(company, Role.OWNER);
      assertThat(setRole(second, owner, "admin").status()).isEqualTo(200);
      assertThat(setRole(second, second, "admin").status()).isEqualTo(409);
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM memberships WHERE company_id = $1 AND role = $2",
                  company,
                  "owner"))
          .isEqualTo(1);
    }

    @Test
    void concurrentDemotionsNeverLeaveACompanyWithoutAnOwner() throws Exception {
      long company = accounts.fixtures.company("Race Co");
      Accounts.Person a = accounts.person(company, Role.OWNER);
      Accounts.Person b = accounts.person(company, Role.OWNER);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var first = pool.submit(() -> setRole(a, b, "admin").status());
        var second = pool.submit(() -> setRole(b, a, "admin").status());
        // One wins. The other is refused: 409 if it passed authentication while still an owner and
        // then waited for the lock, 403 if it came after and is no longer an owner.
        java.util.List<Integer> statuses = java.util.List.of(first.get(), second.get());
        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses).filteredOn(s -> s != 200).singleElement().isIn(403, 409);
      } finally {
        pool.shutdown();
      }
      assertThat(
              accounts.count(
                  "SELECT count(*) FROM memberships WHERE company_id = $1 AND role = $2",
                  company,
                  "owner"))
          .isEqualTo(1);
    }

    @Test
    void removalEndsTheMembersAccessToTheCompanyAtOnce() {
      long company = accounts.fixtures.company("Removal Co");
      long other = accounts.fixtures.company("Other Co");
      Accounts.Person admin = accounts.person(company, Role.ADMIN);
      Accounts.Person leaver = accounts.person(company, Role.ADMIN);
      accounts.fixtures.join(leaver.userId(), other, Role.USER);
      Http leaverBrowser = accounts.browser(leaver);
      assertThat(leaverBrowser.get("/api/v1/members", "X-Tenant-ID", leaver.slug()).status())
          .isEqualTo(200);

      assertThat(bearer(admin).delete("/api/v1/members/" + leaver.userId()).status())
          .isEqualTo(204);

      // The same session, still valid, no longer reaches the company; nor does the leaver's token.
      Http.Response after = leaverBrowser.get("/api/v1/members", "X-Tenant-ID", leaver.slug());
      assertThat(after.status()).isEqualTo(403);
      assertThat(bearer(leaver).get("/api/v1/auth/me").status()).isEqualTo(401);
      JsonObject me = leaverBrowser.get("/api/v1/auth/me").json();
      assertThat(me.getJsonArray("companies")).hasSize(1);
      assertThat(me.getJsonArray("companies").getJsonObject(0).getLong("id")).isEqualTo(other);
      // Its tokens stay dead even if the person is invited back.
      accounts.fixtures.join(leaver.userId(), company, Role.USER);
      assertThat(bearer(leaver).get("/api/v1/auth/me").status()).isEqualTo(401);
      assertThat(bearer(admin).delete("/api/v1/members/" + 999999).status()).isEqualTo(404);
    }
  }
}
