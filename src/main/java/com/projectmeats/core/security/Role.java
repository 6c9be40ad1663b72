package com.projectmeats.core.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's role in one company, weakest first; each role may do everything the ones before it
 * may.
 */
public enum Role {
  READONLY,
  USER,
  MANAGER,
  ADMIN,
  OWNER;

  public boolean atLeast(Role required) {
    return ordinal() >= required.ordinal();
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String value) {
    return Arrays.stream(values()).filter(r -> r.wire().equals(value)).findFirst();
  }
}
