package com.projectmeats.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: long enough, not absurdly long, not one of the passwords that
 * attackers try first, and not the account's own e-mail address. (OWASP and NIST advise exactly
 * these and no composition rules.)
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 1000;
  private static final Set<String> COMMON = load("/auth/common-passwords.txt");

  private PasswordPolicy() {}

  /**
   * What is wrong with {@code password} for the account {@code email}; empty when it may be used.
   */
  public static List<String> problems(String password, String email) {
    List<String> problems = new ArrayList<>();
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      problems.add("must be at least " + MIN_LENGTH + " characters long");
    } else if (length > MAX_LENGTH) {
      problems.add("must be at most " + MAX_LENGTH + " characters long");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      problems.add("is one of the most commonly used passwords; choose another");
    } else if (email != null
        && (lower.equals(email.toLowerCase(Locale.ROOT))
            || lower.equals(email.toLowerCase(Locale.ROOT).split("@", 2)[0]))) {
      problems.add("must not be your e-mail address");
    }
    return problems;
  }

  static int commonCount() {
    return COMMON.size();
  }

  private static Set<String> load(String resource) {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Set<String> words = new HashSet<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(line -> words.add(line.toLowerCase(Locale.ROOT)));
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
