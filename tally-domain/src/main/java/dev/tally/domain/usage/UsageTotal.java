package dev.tally.domain.usage;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** A meter's aggregated quantity for one group of dimension values over some span of time. */
public record UsageTotal(MeterId meterId, Map<String, String> dimensions, BigDecimal quantity) {
  public UsageTotal {
    Objects.requireNonNull(meterId, "meterId");
    dimensions = Map.copyOf(dimensions);
    Objects.requireNonNull(quantity, "quantity");
  }
}
