package com.projectmeats.mail;

import java.util.List;

/**
 * A message to be sent: what the outbox stores and the worker hands to the SMTP server. {@code
 * companyId} is null for mail about a person rather than a company's records (a password reset);
 * {@code resource} and {@code recordId} name the record a document send is about.
 */
public record Letter(
    Kind kind,
    Long companyId,
    Long createdBy,
    String resource,
    Long recordId,
    List<String> to,
    List<String> cc,
    String subject,
    String body,
    Attachment attachment) {

  public enum Kind {
    DOCUMENT,
    INVITATION,
    PASSWORD_RESET;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Mail whose body holds a credential (a link with a token): its body is blanked once the outbox
     * is done with it.
     */
    boolean carriesSecret() {
      return this != DOCUMENT;
    }
  }

  public record Attachment(String filename, String contentType, byte[] bytes) {}

  /** A message to one person, without attachment. */
  public static Letter toPerson(
      Kind kind, Long companyId, Long createdBy, String to, String subject, String body) {
    return new Letter(
        kind, companyId, createdBy, null, null, List.of(to), List.of(), subject, body, null);
  }
}
