package com.projectmeats.auth;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;

/**
 * The address a request came from, for throttling. Behind Traefik the peer is the proxy on a
 * private network, and the client is the last entry the proxy appended to X-Forwarded-For. A peer
 * on a public address is the client itself: its X-Forwarded-For is whatever it chose to send, so
 * it is ignored.
 */
final class ClientAddress {
  private ClientAddress() {}

  static String of(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    String peer = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
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

  static boolean privateAddress(String literal) {
    if (literal == null || !literal.matches("[0-9a-fA-F:.]+")) {
      return false; // a host name, not a literal: never resolve it
    }
    try {
      InetAddress address = InetAddress.getByName(literal);
      byte[] raw = address.getAddress();
      boolean uniqueLocalV6 = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
      return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || uniqueLocalV6;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
