package com.projectmeats.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cookie's attributes outside dev, where the site is served over HTTPS. */
class SessionCookieTest {
  @Test
  void outsideDevTheCookieIsSecure() {
    SessionStore deployed = new SessionStore(null, true);
    assertThat(deployed.cookie("pms_secret"))
        .startsWith("pm_session=pms_secret;")
        .contains("Secure")
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax")
        .contains("Path=/");
    assertThat(deployed.clearedCookie()).contains("Max-Age=0").contains("Secure");
    assertThat(new SessionStore(null, false).cookie("pms_secret")).doesNotContain("Secure");
  }
}
