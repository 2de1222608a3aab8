package dev.tally.client;

import java.util.List;
import java.util.Map;

/**
 * One HTTP attempt as the client saw it, for logging ({@code tally --verbose}). The {@code
 * Authorization} header is never included. {@code status} is 0 and {@code failure} set when no
 * answer arrived; bodies are the UTF-8 text sent and received (empty when none).
 */
public record HttpExchange(
    String method,
    String url,
    Map<String, List<String>> requestHeaders,
    String requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    String responseBody,
    String failure) {

  /** Receives every attempt the client makes, retries included. */
  @FunctionalInterface
  public interface Listener {
    /** Called after each attempt, on the calling thread. */
    void onExchange(HttpExchange exchange);
  }
}
