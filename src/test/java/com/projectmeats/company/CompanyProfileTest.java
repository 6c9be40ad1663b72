package com.projectmeats.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Binary;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The letterhead: who may read and change it, what it refuses, and the logo judged by its bytes, on
 * both datastores.
 */
class CompanyProfileTest {

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

  abstract static class Contract extends OnEachDatastore {
    Http owner;
    Http admin;
    Http manager;
    Http readonly;
    Http otherCompany;
    Binary ownerFiles;
    Binary managerFiles;
    Binary readonlyFiles;
    Binary otherFiles;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void members() {
      Fixtures fx = new Fixtures(app);
      long company = fx.company("Prairie Meats");
      Fixtures.Member o = fx.member(company, Role.OWNER);
      owner = bearer(o.token());
      ownerFiles = new Binary(app, o.token());
      admin = bearer(fx.member(company, Role.ADMIN).token());
      Fixtures.Member m = fx.member(company, Role.MANAGER);
      manager = bearer(m.token());
      managerFiles = new Binary(app, m.token());
      Fixtures.Member r = fx.member(company, Role.READONLY);
      readonly = bearer(r.token());
      readonlyFiles = new Binary(app, r.token());
      Fixtures.Member other = fx.member(fx.company("Other Brokerage"), Role.OWNER);
      otherCompany = bearer(other.token());
      otherFiles = new Binary(app, other.token());
    }

    @Test
    void ownersAndAdminsEditEveryMemberReadsOtherCompaniesSeeTheirOwn() {
      assertThat(readonly.get("/api/v1/company/profile").json().getString("company_name"))
          .isEqualTo("Prairie Meats");
      // A company that never set its profile reads empty fields, not another company's.
      JsonObject empty = otherCompany.get("/api/v1/company/profile").json();
      assertThat(empty.getString("company_name")).isEqualTo("Other Brokerage");
      assertThat(empty.getString("legal_name")).isEmpty();
      assertThat(empty.getValue("logo")).isNull();

      Http.Response changed =
          owner.patch(
              "/api/v1/company/profile",
              new JsonObject()
                  .put("legal_name", "Prairie Meats Brokerage, LLC")
                  .put("address", "12 Stockyards Rd\nAmarillo, TX 79101")
                  .put("phone", "+1 806 555 0100")
                  .put("email", "orders@prairie.example")
                  .put("remit_to", "Wire to First Bank, ABA 111000025"));
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertThat(changed.json().getString("address"))
          .isEqualTo("12 Stockyards Rd\nAmarillo, TX 79101");

      assertThat(
              admin
                  .patch(
                      "/api/v1/company/profile", new JsonObject().put("phone", "+1 806 555 0199"))
                  .status())
          .isEqualTo(200);
      assertThat(
              manager
                  .patch(
                      "/api/v1/company/profile", new JsonObject().put("phone", "+1 000 000 0000"))
                  .status())
          .isEqualTo(403);
      assertThat(
              readonly
                  .patch(
                      "/api/v1/company/profile", new JsonObject().put("phone", "+1 000 000 0000"))
                  .status())
          .isEqualTo(403);

      JsonObject read = readonly.get("/api/v1/company/profile").json();
      assertThat(read.getString("legal_name")).isEqualTo("Prairie Meats Brokerage, LLC");
      assertThat(read.getString("phone")).isEqualTo("+1 806 555 0199");
      assertThat(read.getString("remit_to")).isEqualTo("Wire to First Bank, ABA 111000025");
      assertThat(otherCompany.get("/api/v1/company/profile").json().getString("legal_name"))
          .isEmpty();
    }

    @Test
    void badFieldsAreNamedAndNothingIsWritten() {
      owner.patch("/api/v1/company/profile", new JsonObject().put("legal_name", "Kept Name"));
      Http.Response bad =
          owner.patch(
              "/api/v1/company/profile",
              new JsonObject()
                  .put("legal_name", "Half Written")
                  .put("email", "not-an-address")
                  .put("phone", 5));
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
      assertThat(bad.json().getJsonObject("errors").fieldNames())
          .containsExactlyInAnyOrder("email", "phone");
      assertThat(
              owner
                  .patch(
                      "/api/v1/company/profile",
                      new JsonObject().put("legal_name", "x".repeat(201)))
                  .json()
                  .getJsonObject("errors")
                  .fieldNames())
          .containsExactly("legal_name");
      assertThat(
              owner
                  .patch(
                      "/api/v1/company/profile", new JsonObject().put("legal_name", "Two\nlines"))
                  .status())
          .isEqualTo(422);
      Http.Response unknown =
          owner.patch(
              "/api/v1/company/profile", new JsonObject().put("logo", "x").put("legal_name", "Y"));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().getJsonObject("errors").fieldNames()).containsExactly("logo");
      assertThat(owner.patch("/api/v1/company/profile", new JsonObject()).status()).isEqualTo(400);
      assertThat(owner.get("/api/v1/company/profile").json().getString("legal_name"))
          .isEqualTo("Kept Name");
    }

    @Test
    void logoIsJudgedByItsBytesAndServedBack() {
      byte[] png = image("png", 120, 40);
      // A PNG sent under a JPEG name and type is stored as what it is.
      HttpResponse<byte[]> up =
          ownerFiles.upload("/api/v1/company/profile/logo", "logo.jpg", "image/jpeg", png);
      assertThat(up.statusCode()).as(Binary.text(up)).isEqualTo(200);
      assertThat(new JsonObject(Binary.text(up)).getJsonObject("logo").getString("content_type"))
          .isEqualTo("image/png");
      HttpResponse<byte[]> served = readonlyFiles.get("/api/v1/company/profile/logo");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(served.body()).isEqualTo(png);
      assertThat(otherFiles.get("/api/v1/company/profile/logo").statusCode()).isEqualTo(404);

      byte[] jpeg = image("jpg", 300, 100);
      assertThat(
              ownerFiles
                  .upload("/api/v1/company/profile/logo", "logo.png", "image/png", jpeg)
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              readonlyFiles
                  .get("/api/v1/company/profile/logo")
                  .headers()
                  .firstValue("Content-Type"))
          .hasValue("image/jpeg");

      // Refused, and the stored logo stays the JPEG:
      assertThat(
              ownerFiles
                  .upload(
                      "/api/v1/company/profile/logo", "logo.png", "image/png", "<svg/>".getBytes())
                  .statusCode())
          .isEqualTo(415);
      HttpResponse<byte[]> cut =
          ownerFiles.upload(
              "/api/v1/company/profile/logo", "logo.png", "image/png", Arrays.copyOf(png, 40));
      assertThat(cut.statusCode()).isEqualTo(422);
      assertThat(new JsonObject(Binary.text(cut)).getJsonObject("errors").fieldNames())
          .containsExactly("file");
      assertThat(
              ownerFiles
                  .upload(
                      "/api/v1/company/profile/logo", "big.png", "image/png", image("png", 4001, 2))
                  .statusCode())
          .isEqualTo(422);
      byte[] overOneMegabyte = Arrays.copyOf(png, 1024 * 1024 + 1);
      assertThat(
              ownerFiles
                  .upload("/api/v1/company/profile/logo", "huge.png", "image/png", overOneMegabyte)
                  .statusCode())
          .isEqualTo(413);
      assertThat(
              managerFiles
                  .upload("/api/v1/company/profile/logo", "logo.png", "image/png", png)
                  .statusCode())
          .isEqualTo(403);
      assertThat(readonlyFiles.get("/api/v1/company/profile/logo").body()).isEqualTo(jpeg);

      assertThat(manager.delete("/api/v1/company/profile/logo").status()).isEqualTo(403);
      assertThat(owner.delete("/api/v1/company/profile/logo").status()).isEqualTo(204);
      assertThat(owner.delete("/api/v1/company/profile/logo").status()).isEqualTo(404);
      assertThat(readonlyFiles.get("/api/v1/company/profile/logo").statusCode()).isEqualTo(404);
      assertThat(readonly.get("/api/v1/company/profile").json().getValue("logo")).isNull();
    }

    static byte[] image(String format, int width, int height) {
      BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      for (int x = 0; x < width; x++) {
        img.setRGB(x, x % height, 0x8B0000);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        ImageIO.write(img, format, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }
}
