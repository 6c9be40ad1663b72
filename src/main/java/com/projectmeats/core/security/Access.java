package com.projectmeats.core.security;

/**
 * Who may call a route: anyone, any signed-in user (no company needed), or a member of the selected
 * company holding at least a role. Every API route declares one; there is no default.
 */
public sealed interface Access {
  record Public() implements Access {}

  record SignedIn() implements Access {}

  record Member(Role minimum) implements Access {}

  Access PUBLIC = new Public();
  Access SIGNED_IN = new SignedIn();

  static Access member(Role minimum) {
    return new Member(minimum);
  }

  default String describe() {
    return switch (this) {
      case Public p -> "public";
      case SignedIn s -> "signed-in";
      case Member m -> m.minimum().wire();
    };
  }
}
