package com.projectmeats.mail;

import com.projectmeats.core.config.MailSettings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One conversation with the SMTP server per message, through Vert.x's non-blocking client: STARTTLS
 * whenever the server offers it on {@code smtp://}, TLS from the first byte on {@code smtps://},
 * certificates checked. An attempt that goes quiet for the attempt timeout is abandoned (the
 * connection's idle timeout closes it; the future's own timeout is the backstop).
 */
final class Smtp {
  /**
   * What an attempt came to. {@code reply} is the server's words (or what went wrong on the way).
   */
  record Outcome(Kind kind, String reply) {
    enum Kind {
      ACCEPTED,
      TRANSIENT,
      PERMANENT
    }
  }

  private final MailClient client;
  private final MailSettings settings;

  Smtp(Vertx vertx, MailSettings settings) {
    this.settings = settings;
    int timeoutMs = (int) settings.attemptTimeout().toMillis();
    MailConfig config =
        new MailConfig()
            .setHostname(settings.host())
            .setPort(settings.port())
            .setSsl(settings.implicitTls())
            .setStarttls(StartTLSOptions.OPTIONAL)
            .setLogin(settings.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
            .setUsername(settings.username())
            .setPassword(settings.password())
            // One connection per message: after a dropped or hung conversation nothing half-used is
            // reused.
            .setKeepAlive(false)
            .setConnectTimeout(timeoutMs)
            .setIdleTimeout(timeoutMs)
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    this.client = MailClient.create(vertx, config);
  }

  Future<Outcome> send(Outbox.Queued message) {
    MailMessage mail =
        new MailMessage()
            .setFrom(settings.from())
            .setBounceAddress(settings.fromAddress())
            .setTo(message.to())
            .setCc(message.cc().isEmpty() ? null : message.cc())
            .setSubject(message.subject())
            .setText(message.body())
            // Ours, fixed when the message was queued: every attempt carries the same one, so a
            // copy that does go out twice (see docs/mail.md) can be recognised as the same message
            // by the recipient.
            .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", message.messageId()));
    if (message.attachment() != null) {
      Letter.Attachment a = message.attachment();
      mail.setAttachment(
          List.of(
              MailAttachment.create()
                  .setName(a.filename())
                  .setContentType(a.contentType())
                  .setDisposition("attachment")
                  .setData(Buffer.buffer(a.bytes()))));
    }
    return client
        .sendMail(mail)
        .timeout(settings.attemptTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)
        .map(
            result ->
                new Outcome(Outcome.Kind.ACCEPTED, "250 accepted as " + result.getMessageID()))
        .recover(failure -> Future.succeededFuture(classify(failure)));
  }

  /**
   * A 5xx reply is the server's final word; anything else (4xx, a refused or dropped connection, a
   * timeout, a TLS failure) may go better later.
   */
  static Outcome classify(Throwable failure) {
    if (failure instanceof SMTPException smtp) {
      // The reply lines carry their code ("550 5.1.1 No such user").
      String reply =
          smtp.getReplyMessages().isEmpty()
              ? String.valueOf(smtp.getReplyCode())
              : String.join(" ", smtp.getReplyMessages()).strip();
      return new Outcome(
          smtp.isPermanent() ? Outcome.Kind.PERMANENT : Outcome.Kind.TRANSIENT, clip(reply));
    }
    String what =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new Outcome(Outcome.Kind.TRANSIENT, clip(what));
  }

  private static String clip(String s) {
    return s.length() > 1000 ? s.substring(0, 1000) : s;
  }

  Future<Void> close() {
    return client.close();
  }
}
