package dev.tally.domain.usage;

import dev.tally.domain.account.AccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One usage event as the operator sends it. {@code transactionId} makes ingestion idempotent per
 * account; property values are JDK types: String, BigDecimal, Boolean, lists and maps.
 */
public record UsageEvent(
    String transactionId,
    AccountId accountId,
    String eventType,
    Instant timestamp,
    Map<String, Object> properties) {
  public UsageEvent {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(properties, "properties");
  }

  /** A property value as text, the form filters and dimensions compare. */
  public static String text(Object value) {
    if (value instanceof BigDecimal number) {
      return number.stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }
}
