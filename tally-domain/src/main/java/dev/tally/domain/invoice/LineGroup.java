package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** The share of a usage line that belongs to one set of dimension values. */
public record LineGroup(Map<String, String> dimensions, BigDecimal quantity, Money total) {
  public LineGroup {
    dimensions = Map.copyOf(dimensions);
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(total, "total");
  }
}
