package dev.tally.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A JSON client of one running Tally that sends one bearer token (none when {@code token} is null).
 * A body that is a String is sent as it is; anything else is written as JSON.
 */
record Http(String baseUrl, String token) {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  static Http to(Tally tally, String token) {
    return new Http(tally.baseUrl(), token);
  }

  Http withToken(String other) {
    return new Http(baseUrl, other);
  }

  Reply get(String path) {
    return send("GET", path, null, null);
  }

  Reply post(String path, Object body) {
    return send("POST", path, "application/json", body);
  }

  Reply patch(String path, Object body) {
    return send("PATCH", path, "application/json", body);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Posts a JSON text with one extra header (such as a signature); a null value sends none. */
  Reply post(String path, String json, String header, String value) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (value != null) {
      request.header(header, value);
    }
    return send(request, "POST", path, "application/json", json);
  }

  /** Sends any request; {@code contentType} and {@code body} may be null. */
  Reply send(String method, String path, String contentType, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    return send(request, method, path, contentType, body);
  }

  private Reply send(
      HttpRequest.Builder request, String method, String path, String contentType, Object body) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text(body)));
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          method + " " + path, response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " was interrupted", e);
    }
  }

  private static String text(Object body) {
    if (body instanceof String text) {
      return text;
    }
    try {
      return Reply.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
    }
  }
}
