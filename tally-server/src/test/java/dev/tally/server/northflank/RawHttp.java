package dev.tally.server.northflank;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request line exactly as given, bytes the JDK client would refuse or encode included (an
 * unencoded query, a broken percent escape), so that tests can show no query string is a 500.
 */
final class RawHttp {
  private RawHttp() {}

  /** Sends {@code GET <target>} with the token and returns the answer (body de-chunked). */
  static Answer get(String baseUrl, String token, String target) {
    URI base = URI.create(baseUrl);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + "\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String raw = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      int headerEnd = raw.indexOf("\r\n\r\n");
      String head = headerEnd < 0 ? raw : raw.substring(0, headerEnd);
      String body = headerEnd < 0 ? "" : raw.substring(headerEnd + 4);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      String contentType = "";
      boolean chunked = false;
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-type:")) {
          contentType = line.substring(13).trim();
        }
        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      return new Answer("GET " + target, status, contentType, chunked ? dechunk(body) : body);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + target + " failed", e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toByteArray();
  }

  private static String dechunk(String body) {
    StringBuilder result = new StringBuilder();
    int position = 0;
    while (position < body.length()) {
      int lineEnd = body.indexOf("\r\n", position);
      int size = Integer.parseInt(body.substring(position, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      // sizes count bytes; the bodies here are ASCII JSON
      result.append(body, lineEnd + 2, lineEnd + 2 + size);
      position = lineEnd + 2 + size + 2;
    }
    return result.toString();
  }
}
