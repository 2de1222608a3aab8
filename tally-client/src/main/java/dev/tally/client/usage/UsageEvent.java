package dev.tally.client.usage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One usage event. {@code transactionId} makes ingestion idempotent (an event sent twice counts
 * once); {@code customerId} is the account id; {@code timestamp} is RFC 3339 text with an offset
 * (kept as text so that a file's value reaches the server as written); {@code properties} may be
 * null.
 */
public record UsageEvent(
    String transactionId,
    String customerId,
    String eventType,
    String timestamp,
    Map<String, Object> properties) {
  /** Checks that the identifying fields are present. */
  public UsageEvent {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(customerId, "customerId");
  }

  /** An event at {@code timestamp}. */
  public static UsageEvent of(
      String transactionId,
      String customerId,
      String eventType,
      Instant timestamp,
      Map<String, Object> properties) {
    return new UsageEvent(transactionId, customerId, eventType, timestamp.toString(), properties);
  }
}
