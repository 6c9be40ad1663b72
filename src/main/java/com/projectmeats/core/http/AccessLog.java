package com.projectmeats.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path, status, duration and request id. The query string is left out
 * (it can carry search terms and tokens), and so are all headers (cookies, Authorization).
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger("access");

  /** The API's look-up and the web app's sign-up page both carry the token in the path. */
  private static final Pattern INVITATION_TOKEN = Pattern.compile("(/invitations/|/invite/)[^/]+");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(
        done -> {
          long micros = (System.nanoTime() - start) / 1000;
          int status = ctx.response().getStatusCode();
          String path = redact(ctx.request().path());
          log.atInfo()
              .addKeyValue("method", ctx.request().method().name())
              .addKeyValue("path", path)
              .addKeyValue("status", status)
              .addKeyValue("duration_ms", micros / 1000.0)
              .addKeyValue("request_id", RequestId.of(ctx))
              .log(
                  "{} {} {} {}ms [{}]",
                  ctx.request().method(),
                  path,
                  status,
                  micros / 1000.0,
                  RequestId.of(ctx));
        });
    ctx.next();
  }

  /** Invitation tokens travel in paths; they are secrets too. */
  static String redact(String path) {
    if (path == null) {
      return "";
    }
    return path.contains("/invit") ? INVITATION_TOKEN.matcher(path).replaceAll("$1***") : path;
  }
}
