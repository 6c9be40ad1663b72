package com.projectmeats.core.metrics;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * HTTP server metrics that leave unmeasured a connection Vert.x gave no socket metric.
 *
 * <p>Vert.x 5.0.7 creates a server's metrics only once its socket is bound, on the acceptor thread,
 * while a connection accepted in that instant is set up on an event loop: it can start without a
 * socket metric and still have its requests reported. Micrometer's server metrics then throw inside
 * the request's start, and the request is never answered: a health probe that polls during start-up
 * hangs until it gives up. Such a connection is simply not counted.
 */
final class ConnectionsBeforeBind implements HttpServerMetrics<Object, Object, Object> {
  private final HttpServerMetrics<Object, Object, Object> delegate;

  @SuppressWarnings("unchecked")
  ConnectionsBeforeBind(HttpServerMetrics<?, ?, ?> delegate) {
    this.delegate = (HttpServerMetrics<Object, Object, Object>) delegate;
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    return delegate.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
    if (socketMetric != null) {
      delegate.disconnected(socketMetric, remoteAddress);
    }
  }

  @Override
  public void bytesRead(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    if (socketMetric != null) {
      delegate.bytesRead(socketMetric, remoteAddress, numberOfBytes);
    }
  }

  @Override
  public void bytesWritten(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    if (socketMetric != null) {
      delegate.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
    }
  }

  @Override
  public void exceptionOccurred(Object socketMetric, SocketAddress remoteAddress, Throwable t) {
    if (socketMetric != null) {
      delegate.exceptionOccurred(socketMetric, remoteAddress, t);
    }
  }

  @Override
  public Object requestBegin(Object socketMetric, HttpRequest request) {
    return socketMetric == null ? null : delegate.requestBegin(socketMetric, request);
  }

  @Override
  public void requestEnd(Object requestMetric, HttpRequest request, long bytesRead) {
    if (requestMetric != null) {
      delegate.requestEnd(requestMetric, request, bytesRead);
    }
  }

  @Override
  public void requestReset(Object requestMetric) {
    if (requestMetric != null) {
      delegate.requestReset(requestMetric);
    }
  }

  @Override
  public void requestRouted(Object requestMetric, String route) {
    if (requestMetric != null) {
      delegate.requestRouted(requestMetric, route);
    }
  }

  @Override
  public void responseBegin(Object requestMetric, HttpResponse response) {
    if (requestMetric != null) {
      delegate.responseBegin(requestMetric, response);
    }
  }

  @Override
  public Object responsePushed(
      Object socketMetric, HttpMethod method, String uri, HttpResponse response) {
    return socketMetric == null
        ? null
        : delegate.responsePushed(socketMetric, method, uri, response);
  }

  @Override
  public void responseEnd(Object requestMetric, HttpResponse response, long bytesWritten) {
    if (requestMetric != null) {
      delegate.responseEnd(requestMetric, response, bytesWritten);
    }
  }

  @Override
  public Object connected(
      Object socketMetric, Object requestMetric, ServerWebSocket serverWebSocket) {
    return socketMetric == null || requestMetric == null
        ? null
        : delegate.connected(socketMetric, requestMetric, serverWebSocket);
  }

  @Override
  public void disconnected(Object webSocketMetric) {
    if (webSocketMetric != null) {
      delegate.disconnected(webSocketMetric);
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
