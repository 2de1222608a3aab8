package dev.tally.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, an ambiguous URI such as one with %00) in JSON, in
 * the error shape of the route family the path belongs to, instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String path = path(request);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(path, code, message)), callback);
  }

  /**
   * The request's path, or for a target Jetty could not decode (such as {@code /v1/teams/%zz}) the
   * path part of the raw target, so the error still takes its family's shape.
   */
  private static String path(Request request) {
    if (request.getHttpURI() == null) {
      return "";
    }
    String path = request.getHttpURI().getPath();
    if (path != null && !path.isEmpty()) {
      return path;
    }
    String raw = request.getHttpURI().toString();
    int scheme = raw.indexOf("://");
    int start = scheme < 0 ? raw.indexOf('/') : raw.indexOf('/', scheme + 3);
    return start < 0 ? "" : raw.substring(start);
  }

  private static byte[] body(String path, int code, String message) {
    String text = message == null || message.isBlank() ? "the request is malformed" : message;
    String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
    return WireJson.write(
            ApiFamily.of(path == null ? "" : path).errorBody(code, text, requestId, List.of()))
        .getBytes(StandardCharsets.UTF_8);
  }
}
