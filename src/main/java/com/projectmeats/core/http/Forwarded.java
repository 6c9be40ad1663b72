package com.projectmeats.core.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;

/**
 * What a request looked like before our proxy took it. Behind Traefik the peer is the proxy on a
 * private network: the client is the last entry the proxy appended to X-Forwarded-For, and the
 * scheme the client used (https, where TLS ends at the proxy) is in X-Forwarded-Proto. A peer on a
 * public address is the client itself: those headers are whatever it chose to send, so they are
 * ignored.
 */
public final class Forwarded {
  private Forwarded() {}

  /** The client's address, for throttling and the sessions list. */
  public static String clientAddress(RoutingContext ctx) {
    String peer = peer(ctx.request());
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded == null || !privateAddress(peer)) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty()) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return peer;
  }

  /**
   * This request's absolute URL without its query, as the client addressed it: for links in
   * answers.
   */
  public static String url(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String scheme = request.scheme();
    String proto = request.getHeader("X-Forwarded-Proto");
    if (proto != null && privateAddress(peer(request))) {
      // A chain of proxies lists one scheme each; the first is the client's.
      String first = proto.split(",", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
      if (first.equals("https") || first.equals("http")) {
        scheme = first;
      }
    }
    String host =
        request.authority() == null
            ? request.localAddress().toString()
            : request.authority().toString();
    return scheme + "://" + host + request.path();
  }

  static boolean privateAddress(String literal) {
    if (literal == null || !literal.matches("[0-9a-fA-F:.]+")) {
      return false; // a host name, not a literal: never resolve it
    }
    try {
      InetAddress address = InetAddress.getByName(literal);
      byte[] raw = address.getAddress();
      boolean uniqueLocalV6 = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
      return address.isLoopbackAddress()
          || address.isSiteLocalAddress()
          || address.isLinkLocalAddress()
          || uniqueLocalV6;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String peer(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }
}
