package com.projectmeats.core.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * Sockets for Flyway's PostgreSQL connections that find a dead server in about two minutes however
 * long a statement runs: TCP keepalive probes after 60 s of silence, every 10 s, 6 times. A server
 * that is alive answers the probes from its kernel while its backend works on a table rewrite, so a
 * long migration is never cut off, as a socket (read) timeout would cut it. The operating system's
 * own keepalive defaults would wait more than two hours.
 *
 * <p>The PostgreSQL driver creates it by name ({@code socketFactory}) and calls {@link
 * #createSocket()}, then connects the socket itself.
 */
public final class KeepAliveSocketFactory extends SocketFactory {
  static final int IDLE_SECONDS = 60;
  static final int INTERVAL_SECONDS = 10;
  static final int PROBES = 6;

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    socket.setKeepAlive(true);
    try {
      set(socket, ExtendedSocketOptions.TCP_KEEPIDLE, IDLE_SECONDS);
      set(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, INTERVAL_SECONDS);
      set(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, PROBES);
    } catch (LinkageError noJdkNet) {
      // A runtime without the jdk.net module keeps the system's keepalive timing.
    }
    return socket;
  }

  private static void set(Socket socket, SocketOption<Integer> option, int value)
      throws IOException {
    if (socket.supportedOptions().contains(option)) {
      socket.setOption(option, value);
    }
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  /**
   * A socket of {@link #createSocket()} connected to {@code remote}, from {@code local} if given.
   */
  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }
}
