package dev.tally.domain.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one event adds to one meter's hourly bucket for one group of dimension values: a value to
 * sum or compare (1 for a count), or the distinct value for a unique count.
 */
public record Contribution(
    MeterId meterId,
    Instant hour,
    Map<String, String> dimensions,
    BigDecimal value,
    String distinctValue) {
  public Contribution {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(hour, "hour");
    dimensions = Map.copyOf(dimensions);
    Objects.requireNonNull(value, "value");
  }

  /** A stable text key for the dimension values, used to group buckets. */
  public String dimensionKey() {
    return DimensionKey.of(dimensions);
  }
}
