package dev.tally.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends requests and turns answers into records or exceptions. Retries only calls that are safe to
 * repeat ({@link Retry#SAFE}): reads, and ingest, which transaction ids make idempotent.
 */
final class Transport {
  /** Whether a call may be sent again after a failure that left its outcome unknown. */
  enum Retry {
    SAFE,
    NEVER
  }

  private final HttpClient http;
  private final String baseUrl;
  private final String token;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Supplier<String> requestIds;
  private final HttpExchange.Listener listener;

  Transport(TallyClient.Builder options) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.connectTimeout)
            .build();
    this.baseUrl = options.baseUrl.replaceAll("/+$", "");
    this.token = options.token;
    this.timeout = options.requestTimeout;
    this.maxRetries = options.maxRetries;
    this.initialBackoff = options.initialBackoff;
    this.requestIds = options.requestIds;
    this.listener = options.listener;
  }

  <T> T call(
      String method,
      String path,
      Query query,
      Object body,
      ObjectMapper json,
      JavaType type,
      Retry retry) {
    byte[] bytes = body == null ? null : write(json, body);
    for (int attempt = 0; ; attempt++) {
      boolean last = retry == Retry.NEVER || attempt >= maxRetries;
      try {
        HttpResponse<byte[]> response = send(method, path + query.render(), bytes);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          if (type == null || response.body().length == 0) {
            return null;
          }
          return json.readValue(response.body(), type);
        }
        TallyException failure = Failures.of(status, response);
        if (last || !retryable(status)) {
          throw failure;
        }
        pause(attempt, failure instanceof RateLimitException limited ? limited.retryAfter() : null);
      } catch (ConnectionException e) {
        if (last) {
          throw e;
        }
        pause(attempt, null);
      } catch (IOException e) {
        throw new ApiException("Tally sent an answer this client cannot read: " + e, 0, null);
      }
    }
  }

  private HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body) {
    String url = baseUrl + pathAndQuery;
    String requestId = requestIds.get();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "tally-client-java")
            .header("X-Request-Id", requestId)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    Map<String, List<String>> shown = new LinkedHashMap<>();
    shown.put("Accept", List.of("application/json"));
    shown.put("X-Request-Id", List.of(requestId));
    if (body != null) {
      request.header("Content-Type", "application/json");
      shown.put("Content-Type", List.of("application/json"));
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    String sent = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (listener != null) {
        listener.onExchange(
            new HttpExchange(
                method,
                url,
                shown,
                sent,
                response.statusCode(),
                response.headers().map(),
                new String(response.body(), StandardCharsets.UTF_8),
                null));
      }
      return response;
    } catch (IOException e) {
      if (listener != null) {
        listener.onExchange(
            new HttpExchange(method, url, shown, sent, 0, Map.of(), "", String.valueOf(e)));
      }
      throw new ConnectionException(method + " " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(method + " " + url, new IOException("interrupted", e));
    }
  }

  private static boolean retryable(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** Exponential backoff with jitter, or the server's Retry-After when it gave one. */
  private void pause(int attempt, Duration retryAfter) {
    long base = initialBackoff.toMillis() << Math.min(attempt, 10);
    long millis =
        retryAfter != null
            ? retryAfter.toMillis()
            : base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    try {
      Thread.sleep(Math.min(millis, 30_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException("(retry)", new IOException("interrupted", e));
    }
  }

  private static byte[] write(ObjectMapper json, Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body as JSON", e);
    }
  }

  /** Reads an error answer of any of Tally's three families into the exception of its status. */
  static final class Failures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Failures() {}

    static TallyException of(int status, HttpResponse<byte[]> response) {
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (IOException e) {
        body = null;
      }
      if (body == null) {
        body = JSON.createObjectNode();
      }
      // admin and Northflank: {"error": {...}}; Metronome: {"message", "errors"}
      JsonNode error = body.path("error").isObject() ? body.path("error") : body;
      String message = error.path("message").asText("");
      if (message.isEmpty()) {
        message = "HTTP " + status;
      }
      String requestId =
          response
              .headers()
              .firstValue("X-Request-Id")
              .orElse(
                  error.hasNonNull("request_id")
                      ? error.path("request_id").asText()
                      : error.path("id").asText(null));
      List<FieldError> fields = new ArrayList<>();
      for (String name : List.of("fields", "details", "errors")) {
        for (JsonNode field : error.path(name)) {
          fields.add(new FieldError(field.path("field").asText(), field.path("message").asText()));
        }
      }
      return switch (status) {
        case 400, 422 -> new ValidationException(message, requestId, fields);
        case 401 -> new AuthenticationException(message, status, requestId);
        case 403 -> new PermissionException(message, status, requestId);
        case 404 -> new NotFoundException(message, status, requestId);
        case 409 -> new ConflictException(message, status, requestId);
        case 429 ->
            new RateLimitException(
                message,
                requestId,
                response
                    .headers()
                    .firstValue("Retry-After")
                    .filter(value -> value.matches("\\d{1,5}"))
                    .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                    .orElse(null));
        default ->
            status >= 500
                ? new ServerException(message, status, requestId)
                : new ApiException(message, status, requestId);
      };
    }
  }
}
