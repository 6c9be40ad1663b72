package com.projectmeats.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SMTP server that outgoing mail goes through ({@code SMTP_URL}), the sender ({@code
 * MAIL_FROM}) and the outbox's patience: how long one attempt may take, the first retry's delay
 * (doubling after each failure) and how many attempts a message gets before it is {@code failed}.
 * Not configured (no {@code SMTP_URL}) means no mail: routes that send answer 503 {@code
 * mail_not_configured}.
 */
public record MailSettings(
    String host,
    int port,
    boolean implicitTls,
    String username,
    String password,
    String from,
    Duration attemptTimeout,
    Duration firstRetry,
    int maxAttempts) {
  /**
   * An address, or {@code Display Name <address>}; no line breaks (they would start new headers).
   */
  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");

  private static final Pattern NAMED =
      Pattern.compile("[^<>\\r\\n\"]*<(" + ADDRESS.pattern() + ")>");

  public boolean configured() {
    return host != null;
  }

  /** The bare address of {@link #from()}, for the SMTP envelope. */
  public String fromAddress() {
    var named = NAMED.matcher(from.strip());
    return named.matches() ? named.group(1) : from.strip();
  }

  static MailSettings parse(
      String url,
      String from,
      String appDomain,
      Duration attemptTimeout,
      Duration firstRetry,
      int maxAttempts) {
    String sender = from == null ? "ProjectMeats <no-reply@" + appDomain + ">" : from;
    if (from != null && !ADDRESS.matcher(from).matches() && !NAMED.matcher(from).matches()) {
      throw new ConfigException(
          "MAIL_FROM",
          "must be an e-mail address such as orders@example.com or 'Name <orders@example.com>'");
    }
    if (url == null) {
      return new MailSettings(
          null, 0, false, null, null, sender, attemptTimeout, firstRetry, maxAttempts);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      // Never echo the value: it may hold the password.
      throw new ConfigException(
          "SMTP_URL", "is not a URL like smtp://user:pass@mail.example.com:587 or smtps://…:465");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
      throw new ConfigException(
          "SMTP_URL",
          "must start with smtp:// (STARTTLS where offered) or smtps:// (TLS from the start)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new ConfigException("SMTP_URL", "must name a host, as in smtp://mail.example.com:587");
    }
    if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null) {
      throw new ConfigException("SMTP_URL", "takes no path or query: smtp://user:pass@host:port");
    }
    boolean tls = scheme.equals("smtps");
    int port = uri.getPort() == -1 ? (tls ? 465 : 25) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw new ConfigException("SMTP_URL", "has a port outside 1-65535");
    }
    String username = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      username = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
      if (username.isEmpty()) {
        throw new ConfigException("SMTP_URL", "has a password but no user name");
      }
    }
    return new MailSettings(
        uri.getHost(),
        port,
        tls,
        username,
        password,
        sender,
        attemptTimeout,
        firstRetry,
        maxAttempts);
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("SMTP_URL", "has a user name or password with a broken %-escape");
    }
  }

  /** Never the password. */
  @Override
  public String toString() {
    return configured()
        ? "MailSettings["
            + (implicitTls ? "smtps" : "smtp")
            + "://"
            + (username == null ? "" : username + ":***@")
            + host
            + ":"
            + port
            + ", from="
            + from
            + "]"
        : "MailSettings[unset]";
  }
}
