package com.projectmeats.core.config;

/**
 * A command was called with options it cannot use; the message says which. The process exits 2, as
 * for bad configuration.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
