package com.projectmeats.mail;

import com.projectmeats.core.config.MailSettings;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Outgoing e-mail for the other features: a message is queued in the caller's transaction (so it
 * exists exactly when what it reports does) and sent afterwards by the outbox worker. Built once
 * per App; without {@code SMTP_URL} nothing is queued and {@link #requireConfigured()} answers 503.
 */
public final class Mail {
  private final MailSettings settings;
  private final Outbox outbox;
  private final OutboxWorker worker;

  public Mail(Vertx vertx, Database db, MailSettings settings) {
    this.settings = settings;
    String from = settings.fromAddress();
    this.outbox = new Outbox(db, from.substring(from.indexOf('@') + 1));
    if (settings.configured()) {
      this.worker =
          new OutboxWorker(
              vertx, db, outbox, new Smtp(vertx, settings), settings, new RecordNotes());
      worker.start();
    } else {
      this.worker = null;
    }
  }

  public boolean configured() {
    return worker != null;
  }

  /** Fails with 503 {@code mail_not_configured} when the service has no SMTP server. */
  public void requireConfigured() {
    if (!configured()) {
      throw notConfigured();
    }
  }

  public static ApiException notConfigured() {
    return ApiException.unavailable(
        "mail_not_configured", "This service sends no e-mail: its operator has not set SMTP_URL.");
  }

  /**
   * Queues {@code letter} in the caller's transaction; call {@link #wake()} once that has
   * committed.
   */
  public Future<Long> queue(Sql sql, Letter letter) {
    requireConfigured();
    return outbox.insert(sql, letter);
  }

  /** Looks for due messages now rather than at the next sweep. */
  public void wake() {
    if (worker != null) {
      worker.sweep();
    }
  }

  Outbox outbox() {
    return outbox;
  }

  MailSettings settings() {
    return settings;
  }
}
