package com.projectmeats.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on loopback that misbehaves on purpose, chosen by the recipient's local part:
 * {@code refuse@} gets 550 at RCPT TO; {@code later@} gets 451 at RCPT TO on the first conversation
 * and is accepted after; {@code hang@} gets 354 for DATA and then silence; {@code drop@} has its
 * connection closed halfway through the message on the first conversation and is accepted after.
 * Anyone else is accepted. Accepted messages are kept, whole, for the test to read.
 */
public final class FaultySmtp implements AutoCloseable {
  private final ServerSocket server;
  private final List<String> accepted = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> conversations = new ConcurrentHashMap<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger dataCommands = new AtomicInteger();

  public FaultySmtp() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Whole messages (headers and body) this server answered 250 to after DATA. */
  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  /** How many times a client got as far as sending DATA. */
  public int dataCommands() {
    return dataCommands.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread.ofVirtual().start(() -> converse(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      write(out, "220 faults.test ESMTP");
      String mode = "accept";
      int round = 0;
      String line;
      while ((line = readLine(in)) != null) {
        String upper = line.toUpperCase();
        if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
          write(out, "250-faults.test\r\n250 8BITMIME");
        } else if (upper.startsWith("MAIL FROM")) {
          write(out, "250 2.1.0 Ok");
        } else if (upper.startsWith("RCPT TO")) {
          String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase();
          mode = address.substring(0, address.indexOf('@'));
          round =
              conversations.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
          if (mode.equals("refuse")) {
            write(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
          } else if (mode.equals("later") && round == 1) {
            write(out, "451 4.7.1 <" + address + ">: Greylisted, try again later");
          } else {
            write(out, "250 2.1.5 Ok");
          }
        } else if (upper.equals("DATA")) {
          dataCommands.incrementAndGet();
          write(out, "354 End data with <CR><LF>.<CR><LF>");
          if (mode.equals("hang")) {
            while (in.read() != -1) {
              // reads whatever comes and never answers
            }
            return;
          }
          if (mode.equals("drop") && round == 1) {
            in.readNBytes(200);
            return; // closes the connection halfway through the message
          }
          accepted.add(readData(in));
          write(out, "250 2.0.0 Ok: queued as " + accepted.size());
        } else if (upper.equals("QUIT")) {
          write(out, "221 2.0.0 Bye");
          return;
        } else if (upper.equals("RSET") || upper.equals("NOOP")) {
          write(out, "250 2.0.0 Ok");
        } else {
          write(out, "502 5.5.2 Command not recognized");
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(socket);
    }
  }

  private static String readData(InputStream in) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    String line;
    while ((line = readLine(in)) != null && !line.equals(".")) {
      data.writeBytes(
          (line.startsWith("..") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8));
      data.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    return data.toString(StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return null;
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
  }
}
