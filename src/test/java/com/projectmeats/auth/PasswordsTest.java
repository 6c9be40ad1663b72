package com.projectmeats.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hashing, the stored format, the cost knob and the new-password rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
class PasswordsTest {
  private Vertx vertx;

  /** The extension closes it after the class. */
  @BeforeAll
  void start(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  void hashesNameTheirAlgorithmCostAndSaltAndVerify() {
    Passwords passwords = new Passwords(vertx, 1000);
    String hash = passwords.hashNow("correct horse battery staple");
    assertThat(hash).matches("pbkdf2_sha256\\$1000\\$[A-Za-z0-9]{22}\\$[A-Za-z0-9+/]{43}=");
    assertThat(passwords.hashNow("correct horse battery staple")).as("salted").isNotEqualTo(hash);
    assertThat(passwords.verifyNow("correct horse battery staple", hash)).isTrue();
    assertThat(passwords.verifyNow("correct horse battery stapler", hash)).isFalse();
    assertThat(passwords.verifyNow("", hash)).isFalse();
    assertThat(passwords.verifyNow("anything", null)).isFalse();
    assertThat(passwords.verifyNow("anything", "!unusable")).isFalse();
    assertThat(passwords.verifyNow("anything", "pbkdf2_sha256$0$salt$AAAA")).isFalse();
  }

  @Test
  void djangoHashesFromTheEarlierVersionsVerify() {
    // Made by Python's hashlib.pbkdf2_hmac, in Django's format: an independent implementation.
    String django =
        "pbkdf2_sha256$1000$AbCdEfGhIjKlMnOpQrStUv$+2GmfiIQdo/wkEGnGL8rknrTev9P996ApSMwMreHj8o=";
    Passwords passwords = new Passwords(vertx, 600_000);
    assertThat(passwords.verifyNow("Grüße aus Dallas 2026", django)).isTrue();
    assertThat(passwords.verifyNow("Grusse aus Dallas 2026", django)).isFalse();
    assertThat(passwords.outdated(django))
        .as("re-hashed at today's cost on the next sign-in")
        .isTrue();
  }

  @Test
  void aHashMadeAtAnotherCostStillVerifiesAndIsMarkedOutdated() {
    String cheap = new Passwords(vertx, 1000).hashNow("correct horse battery staple");
    Passwords dearer = new Passwords(vertx, 2000);
    assertThat(dearer.verifyNow("correct horse battery staple", cheap)).isTrue();
    assertThat(dearer.outdated(cheap)).isTrue();
    assertThat(dearer.outdated(dearer.hashNow("x"))).isFalse();
  }

  @Test
  void anUnknownAccountCostsAboutWhatAWrongPasswordCosts() {
    Passwords passwords = new Passwords(vertx, 100_000);
    String hash = passwords.hashNow("correct horse battery staple");
    passwords.verifyNow("warm up", hash);
    long real = Long.MAX_VALUE;
    long dummy = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      passwords.verifyNow("wrong password", hash);
      long t1 = System.nanoTime();
      passwords.verifyNow("wrong password", null);
      long t2 = System.nanoTime();
      real = Math.min(real, t1 - t0);
      dummy = Math.min(dummy, t2 - t1);
    }
    // Both run the full key derivation; a skipped one would be a thousand times faster.
    assertThat(dummy).isGreaterThan(real / 3);
  }

  @Test
  void theCostIsConfigurableButOnlyRaisableOutsideDev() {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "SECRET_KEY",
                "test-secret-key-that-is-long-enough-0123456789",
                "DATABASE_URL",
                "postgres://db.example/pm"));
    assertThat(AppConfig.from(env).passwordIterations()).isEqualTo(600_000);
    env.put("PASSWORD_HASH_ITERATIONS", "1000");
    assertThat(AppConfig.from(env).passwordIterations()).isEqualTo(1000);
    env.put("APP_ENV", "prod");
    assertThatThrownBy(() -> AppConfig.from(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PASSWORD_HASH_ITERATIONS");
    env.put("PASSWORD_HASH_ITERATIONS", "800000");
    assertThat(AppConfig.from(env).passwordIterations()).isEqualTo(800_000);
  }

  @Test
  void newPasswordsAreLongEnoughUncommonAndNotTheAddress() {
    assertThat(PasswordPolicy.problems("a long and unusual passphrase", "x@example.com")).isEmpty();
    assertThat(PasswordPolicy.problems("short", null))
        .containsExactly("must be at least 10 characters long");
    assertThat(PasswordPolicy.problems("Password123", null))
        .singleElement()
        .asString()
        .contains("commonly used");
    assertThat(PasswordPolicy.problems("QWERTYUIOP", null))
        .singleElement()
        .asString()
        .contains("commonly used");
    assertThat(PasswordPolicy.problems("john.smith@example.com", "John.Smith@example.com"))
        .containsExactly("must not be your e-mail address");
    assertThat(PasswordPolicy.problems("x".repeat(1001), null))
        .containsExactly("must be at most 1000 characters long");
    // Ten characters, counted as a person counts them (code points, not UTF-16 units).
    assertThat(PasswordPolicy.problems("🥩🥩🥩🥩🥩🥩🥩🥩🥩", null))
        .containsExactly("must be at least 10 characters long");
    assertThat(PasswordPolicy.commonCount()).isGreaterThan(1000);
  }
}
