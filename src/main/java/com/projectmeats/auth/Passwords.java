package com.projectmeats.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 (OWASP: 600,000 iterations), stored as {@code
 * pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}. That is Django's format, so hashes carried over
 * from the earlier Django versions verify as they are, and a stored hash names its own cost:
 * raising the iteration count later re-hashes each password at its owner's next sign-in. Hashing
 * takes a good fraction of a second on purpose, so the async methods run it on a worker thread,
 * never on an event loop.
 */
public final class Passwords {
  static final String ALGORITHM = "pbkdf2_sha256";
  private static final int KEY_BITS = 256;
  private static final int SALT_LENGTH = 22;
  private static final String SALT_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final int iterations;

  /**
   * Verified against when there is no real hash, so an unknown e-mail costs what a wrong password
   * costs.
   */
  private final String dummyHash;

  public Passwords(Vertx vertx, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.vertx = vertx;
    this.iterations = iterations;
    byte[] random = new byte[KEY_BITS / 8];
    RANDOM.nextBytes(random);
    this.dummyHash =
        ALGORITHM
            + "$"
            + iterations
            + "$"
            + salt()
            + "$"
            + Base64.getEncoder().encodeToString(random);
  }

  /** The stored form of a new password. */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /**
   * Whether {@code password} matches {@code stored}. A missing or unusable stored hash is checked
   * against a dummy of the same cost and answers false, in about the time a real check takes.
   */
  public Future<Boolean> verify(String password, String stored) {
    return vertx.executeBlocking(() -> verifyNow(password, stored), false);
  }

  /** True when a hash was made with another algorithm or cost than today's and should be redone. */
  public boolean outdated(String stored) {
    Parsed parsed = Parsed.of(stored);
    return parsed == null || parsed.iterations() != iterations;
  }

  String hashNow(String password) {
    String salt = salt();
    return ALGORITHM
        + "$"
        + iterations
        + "$"
        + salt
        + "$"
        + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
  }

  boolean verifyNow(String password, String stored) {
    Parsed parsed = Parsed.of(stored);
    boolean usable = parsed != null && !password.isEmpty();
    if (!usable) {
      parsed = Parsed.of(dummyHash);
    }
    byte[] actual = derive(password.isEmpty() ? " " : password, parsed.salt(), parsed.iterations());
    return MessageDigest.isEqual(actual, parsed.hash()) && usable;
  }

  private static byte[] derive(String password, String salt, int iterations) {
    PBEKeySpec spec =
        new PBEKeySpec(
            password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (java.security.NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String salt() {
    StringBuilder salt = new StringBuilder(SALT_LENGTH);
    for (int i = 0; i < SALT_LENGTH; i++) {
      salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
    }
    return salt.toString();
  }

  private record Parsed(int iterations, String salt, byte[] hash) {
    /**
     * Null for anything that is not one of our hashes (e.g. the "!unusable" of an account without a
     * password).
     */
    static Parsed of(String stored) {
      if (stored == null) {
        return null;
      }
      String[] parts = stored.split("\\$", -1);
      if (parts.length != 4 || !parts[0].equals(ALGORITHM) || parts[2].isEmpty()) {
        return null;
      }
      try {
        int iterations = Integer.parseInt(parts[1]);
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        return iterations > 0 && iterations <= 50_000_000 && hash.length == KEY_BITS / 8
            ? new Parsed(iterations, parts[2], hash)
            : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
