package dev.tally.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 keep-alive connection of the load generator, in the manner of wrk: requests are
 * bytes built once, an answer is read as its status line, the headers it needs ({@code
 * Content-Length}, {@code Transfer-Encoding: chunked}, {@code Connection: close}) and its body.
 * Cheaper than {@code java.net.http} by a wide margin, so the generator takes less of the CPU it
 * shares with the server; it still speaks real HTTP over TCP. Not thread-safe: one per worker.
 */
final class HttpConnection implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 5 * 60 * 1000;

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private byte[] buffer = new byte[64 * 1024];
  private int start;
  private int end;
  private byte[] body = new byte[64 * 1024];
  private int bodyLength;
  private boolean closeAfter;

  HttpConnection(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  /** The bytes of a GET of {@code path} with a bearer token. */
  static byte[] get(URI base, String path, String token) {
    return request("GET", base, path, token, null);
  }

  /** The bytes of a POST of a JSON {@code body} to {@code path} with a bearer token. */
  static byte[] post(URI base, String path, String token, byte[] body) {
    return request("POST", base, path, token, body);
  }

  private static byte[] request(String method, URI base, String path, String token, byte[] body) {
    StringBuilder head =
        new StringBuilder(256)
            .append(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(base.getHost())
            .append(':')
            .append(base.getPort())
            .append("\r\nAuthorization: Bearer ")
            .append(token)
            .append("\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ")
          .append(body.length)
          .append("\r\n");
    }
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    if (body == null) {
      return headBytes;
    }
    byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /**
   * Sends {@code request} and reads its answer; returns the status code, the body is {@link
   * #body()} until the next call. On any failure the connection is closed (the next call opens a
   * new one) and the exception is thrown.
   */
  int send(byte[] request) throws IOException {
    try {
      if (socket == null) {
        open();
      }
      out.write(request);
      out.flush();
      int status = readAnswer();
      if (closeAfter) {
        close();
      }
      return status;
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof IOException io ? io : new IOException("unreadable answer: " + e, e);
    }
  }

  /** The body of the last answer, decoded as UTF-8. */
  String bodyText() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  /** The body of the last answer, as a fresh array. */
  byte[] body() {
    return Arrays.copyOf(body, bodyLength);
  }

  /** Whether the body of the last answer starts with {@code prefix} (ASCII). */
  boolean bodyStartsWith(byte[] prefix) {
    return bodyLength >= prefix.length
        && Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length);
  }

  private void open() throws IOException {
    Socket opened = new Socket();
    opened.setTcpNoDelay(true);
    opened.setSoTimeout(TIMEOUT_MILLIS);
    opened.connect(new InetSocketAddress(host, port), 5_000);
    socket = opened;
    in = opened.getInputStream();
    out = opened.getOutputStream();
    start = 0;
    end = 0;
  }

  private int readAnswer() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    closeAfter = statusLine.startsWith("HTTP/1.0");
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        closeAfter = value.equalsIgnoreCase("close");
      }
    }
    bodyLength = 0;
    if (status == 204 || status == 304 || status / 100 == 1) {
      return status;
    } else if (chunked) {
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        readBody(size);
        if (!line().isEmpty()) {
          throw new IOException("malformed chunk");
        }
      }
      while (!line().isEmpty()) {
        // trailer fields, ignored
      }
    } else if (contentLength >= 0) {
      readBody(Math.toIntExact(contentLength));
    } else {
      // No length: the body runs to the end of the connection.
      closeAfter = true;
      while (fill()) {
        append(end - start);
      }
    }
    return status;
  }

  private int chunkSize() throws IOException {
    String line = line();
    int extension = line.indexOf(';');
    return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
  }

  private void readBody(int length) throws IOException {
    int left = length;
    while (left > 0) {
      if (start == end && !fill()) {
        throw new IOException("connection closed in the middle of a body");
      }
      int taken = Math.min(left, end - start);
      append(taken);
      left -= taken;
    }
  }

  /** Moves {@code count} buffered bytes to the body. */
  private void append(int count) {
    if (bodyLength + count > body.length) {
      body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + count));
    }
    System.arraycopy(buffer, start, body, bodyLength, count);
    bodyLength += count;
    start += count;
  }

  /** The next line without its CRLF (ASCII). */
  private String line() throws IOException {
    int from = start;
    while (true) {
      for (int i = from; i < end; i++) {
        if (buffer[i] == '\n') {
          int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
          start = i + 1;
          return line;
        }
      }
      from = end - start;
      if (!fill()) {
        throw new IOException("connection closed before the end of the headers");
      }
      from += start;
    }
  }

  /** Reads more bytes after the unread ones (compacting them first); false at end of stream. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int read = in.read(buffer, end, buffer.length - end);
    if (read < 0) {
      return false;
    }
    end += read;
    return true;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
