package dev.tally.server.northflank;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A caller of one running Tally with one bearer token (none when null), sending what the official
 * Northflank clients send: {@code Content-Type: application/json} on every GET, without a body, and
 * a fixed {@code X-Request-Id} so that error bodies are reproducible.
 */
record Customer(String baseUrl, String token) {
  static final String REQUEST_ID = "northflank-test";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  Customer as(String other) {
    return new Customer(baseUrl, other);
  }

  Answer get(String pathAndQuery) {
    return send("GET", pathAndQuery, null);
  }

  /** A POST with a JSON body (the admin API and ingest, when seeding). */
  Answer post(String path, Object body) {
    try {
      return send("POST", path, Answer.JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body, e);
    }
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  private Answer send(String method, String pathAndQuery, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-Request-Id", REQUEST_ID)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          method + " " + pathAndQuery,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + pathAndQuery + " was interrupted", e);
    }
  }
}
