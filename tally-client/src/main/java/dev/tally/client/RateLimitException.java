package dev.tally.client;

import java.time.Duration;

/** 429: too many requests; {@link #retryAfter()} says how long to wait when the server said so. */
public final class RateLimitException extends TallyException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /** Made by the client from a 429 answer; {@code retryAfter} may be null. */
  public RateLimitException(String message, String requestId, Duration retryAfter) {
    super(message, 429, requestId, null);
    this.retryAfter = retryAfter;
  }

  /** The server's {@code Retry-After}, or null when it gave none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
