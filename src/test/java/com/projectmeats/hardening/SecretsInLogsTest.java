package com.projectmeats.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.security.Secrets;
import com.projectmeats.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service as deployed (its own JVM, JSON logs) goes through every way a secret reaches it:
 * bootstrap password, sign-in, session cookies, API tokens in headers and query strings, invitation
 * tokens in paths and bodies, sign-up, failures with each. Not one secret, nor its stored hash,
 * appears in anything the process printed.
 */
class SecretsInLogsTest {

  @Test
  void noSecretEverReachesTheLogs() throws Exception {
    String ownerPassword = "bootstrap pass phrase " + Secrets.generate("");
    String inviteePassword = "invitee pass phrase " + Secrets.generate("");
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "sqlite:" + Files.createTempDirectory("logs").resolve("pm.db"));
    env.put("LOG_FORMAT", "json");
    env.put("PASSWORD_HASH_ITERATIONS", "1000");
    env.put("PROJECTMEATS_PASSWORD", ownerPassword);
    // The SMTP password rides in SMTP_URL; every message (the invitation with its token) goes
    // through a real server.
    String smtpPassword = "smtp-pass-" + Secrets.generate("");
    GreenMail greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    greenMail.setUser("mailer@logs.test", "mailer", smtpPassword);
    env.put(
        "SMTP_URL",
        "smtp://mailer:"
            + java.net.URLEncoder.encode(smtpPassword, java.nio.charset.StandardCharsets.UTF_8)
            + "@127.0.0.1:"
            + greenMail.getSmtp().getPort());
    List<String> secrets = new ArrayList<>(List.of(ownerPassword, inviteePassword, smtpPassword));

    ServiceProcess.Result bootstrap =
        ServiceProcess.run(
            env,
            "create-user",
            "--email",
            "owner@example.com",
            "--company",
            "Logs Co",
            "--role",
            "owner");
    assertThat(bootstrap.exitCode()).as(bootstrap.output()).isZero();
    String output;
    try (ServiceProcess service = ServiceProcess.start(env)) {
      service.awaitHealthy(Duration.ofSeconds(30));
      Probe anonymous = new Probe(service.port());
      Probe.Result login =
          anonymous.json(
              "POST",
              Api.PREFIX + "/auth/login",
              new JsonObject()
                  .put("email", "owner@example.com")
                  .put("password", ownerPassword)
                  .encode());
      assertThat(login.status()).as(login.toString()).isEqualTo(200);
      String session = SessionsAndLimitsTest.sessionOf(login);
      secrets.add(session);
      Probe browser = SessionsAndLimitsTest.browser(anonymous, session);

      Probe.Result minted = browser.json("POST", Api.PREFIX + "/auth/tokens", "{\"name\":\"ci\"}");
      String token = minted.problem().getString("token");
      secrets.add(token);
      Probe bearer = anonymous.with("Authorization", "Bearer " + token);
      assertThat(bearer.get(Api.PREFIX + "/suppliers").status()).isEqualTo(200);
      bearer.get(Api.PREFIX + "/suppliers?token=" + token + "&api_key=" + token);
      bearer.get(Api.PREFIX + "/suppliers?q=" + token);
      anonymous.get(Api.PREFIX + "/suppliers", "Authorization", "Bearer " + token + "x");
      anonymous.get(Api.PREFIX + "/suppliers", "Authorization", "Token " + token);

      Probe.Result invited =
          browser.json(
              "POST",
              Api.PREFIX + "/invitations",
              "{\"email\":\"invitee@example.com\",\"role\":\"user\"}");
      String invitation = invited.problem().getString("token");
      secrets.add(invitation);
      assertThat(greenMail.waitForIncomingEmail(20_000, 1))
          .as("the invitation was e-mailed")
          .isTrue();
      assertThat(
              com.icegreen.greenmail.util.GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]))
          .contains(invitation);
      assertThat(anonymous.get(Api.PREFIX + "/auth/invitations/" + invitation).status())
          .isEqualTo(200);
      anonymous.get(Api.PREFIX + "/auth/invitations/" + invitation + "%00");
      Probe.Result joined =
          anonymous.json(
              "POST",
              Api.PREFIX + "/auth/signup",
              new JsonObject()
                  .put("token", invitation)
                  .put("name", "Invitee")
                  .put("password", inviteePassword)
                  .encode());
      assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
      secrets.add(SessionsAndLimitsTest.sessionOf(joined));
      anonymous.json(
          "POST",
          Api.PREFIX + "/auth/signup",
          new JsonObject()
              .put("token", invitation)
              .put("name", "Again")
              .put("password", inviteePassword)
              .encode());
      anonymous.json(
          "POST",
          Api.PREFIX + "/auth/login",
          new JsonObject()
              .put("email", "owner@example.com")
              .put("password", ownerPassword + "typo")
              .encode());
      assertThat(browser.send("POST", Api.PREFIX + "/auth/logout", null, null).status())
          .isEqualTo(204);
      browser.get(Api.PREFIX + "/auth/me");

      // A reset link goes out by e-mail and is used; neither it nor the new password is logged.
      int before = greenMail.getReceivedMessages().length;
      assertThat(
              anonymous
                  .json(
                      "POST",
                      Api.PREFIX + "/auth/password-reset",
                      "{\"email\":\"owner@example.com\"}")
                  .status())
          .isEqualTo(202);
      assertThat(greenMail.waitForIncomingEmail(20_000, before + 1))
          .as("the reset link was e-mailed")
          .isTrue();
      java.util.regex.Matcher link =
          java.util.regex.Pattern.compile("#(pmr_[A-Za-z0-9_-]+)")
              .matcher(
                  com.icegreen.greenmail.util.GreenMailUtil.getBody(
                          greenMail.getReceivedMessages()[before])
                      .replace("=\r\n", ""));
      assertThat(link.find()).isTrue();
      secrets.add(link.group(1));
      String resetPassword = "reset pass phrase " + Secrets.generate("");
      secrets.add(resetPassword);
      assertThat(
              anonymous
                  .json(
                      "POST",
                      Api.PREFIX + "/auth/password-reset/confirm",
                      new JsonObject()
                          .put("token", link.group(1))
                          .put("password", resetPassword)
                          .encode())
                  .status())
          .isEqualTo(204);

      service.signal("TERM");
      assertThat(service.waitFor(Duration.ofSeconds(30))).isZero();
      // JSON logs escape "/" as "\/": read them as a person grepping for a secret would.
      output = (bootstrap.output() + service.output()).replace("\\/", "/");
    } finally {
      greenMail.stop();
    }
    for (String secret : secrets) {
      assertThat(output)
          .as("a secret was logged")
          .doesNotContain(secret)
          .doesNotContain(Secrets.hash(secret));
    }
    assertThat(output)
        .as("the run was logged")
        .contains("/api/v1/auth/login")
        .contains("/api/v1/auth/invitations/***");
  }
}
